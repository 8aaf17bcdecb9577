// What the actions that write to the customer share: the promise and tone check over what staff wrote
// and over the whole letter (a failing letter is recorded as blocked and comes back marked), sending a
// letter about something already recorded, and recording an outcome that closes the case (and, for a
// complaint, counts it closed in the complaints return).

import type { BlockedPhrase, CaseRecord, LetterPurpose, TimelineEvent } from "../../domain/case";
import type { CaseOutcome } from "../../domain/outcomes";
import { allowedPhrases } from "../../domain/policy/communication-policy";
import { checkPromisesAndTone, highlightFindings } from "../../domain/promise-check";
import type { RenderedMessage } from "../../domain/templates/render";
import { countComplaintClosed } from "../complaints-return";
import {
  communicationOf,
  type Delivery,
  deliver,
  type Letter,
  MailUnavailableError,
  recordLetterNotSent,
  restartQuietPeriod,
} from "../customer-mail";
import { fail, NOT_FOUND, type StaffWorkResult, type Stamp, succeed } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";

export const CASE_CLOSED = "The case is closed; this needs an open case.";

/** Checks each thing staff wrote on its own, so each finding points into the field it is in. */
function checkStaffWriting(
  fields: Record<string, string | undefined>,
  deps: LetterDependencies,
): { findings: BlockedPhrase[]; highlighted: Record<string, string> } {
  const allowed = allowedPhrases(deps.policy, communicationOf(deps));
  const findings: BlockedPhrase[] = [];
  const highlighted: Record<string, string> = {};
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const found = checkPromisesAndTone(text, allowed);
    if (found.length === 0) continue;
    findings.push(...found.map((finding) => ({ ...finding, field })));
    highlighted[field] = highlightFindings(text, found);
  }
  return { findings, highlighted };
}

/**
 * Runs the check over what staff wrote and over the whole letter; a failure is recorded on the
 * timeline as a blocked message and returned with the phrases highlighted.
 */
export async function blockedIfUnfit(
  record: CaseRecord,
  purpose: LetterPurpose,
  fields: Record<string, string | undefined>,
  rendered: RenderedMessage,
  stamp: Stamp,
  deps: LetterDependencies,
): Promise<StaffWorkResult<never> | undefined> {
  const { findings, highlighted } = checkStaffWriting(fields, deps);
  if (findings.length === 0) {
    const inLetter = checkPromisesAndTone(
      rendered.checkedText,
      allowedPhrases(deps.policy, communicationOf(deps)),
    );
    findings.push(...inLetter.map((finding) => ({ ...finding, field: "letter" })));
    if (inLetter.length > 0) highlighted.letter = highlightFindings(rendered.checkedText, inLetter);
  }
  if (findings.length === 0) return undefined;
  await deps.cases.appendEvent({
    type: "message-blocked",
    caseReference: record.reference,
    eventId: `blocked:${deps.newId()}`,
    purpose,
    findings,
    ...stamp,
  });
  deps.log.warn("staff letter blocked", {
    caseReference: record.reference,
    purpose,
    findings: findings.map((finding) => finding.kind),
  });
  return fail(
    "promise-check",
    "Not sent: reword the marked phrases so they explain the process without promising or blaming.",
    { findings, highlighted },
  );
}

/**
 * Sends a letter staff are writing now, threaded to the customer's latest message: a passing fault of
 * the mail service or an address that cannot be written to comes back as a failure, nothing recorded.
 */
export async function sendLetterNow(
  record: CaseRecord,
  letter: Letter,
  deps: LetterDependencies,
): Promise<StaffWorkResult<{ messageId: string }>> {
  let delivery: Delivery;
  try {
    delivery = await deliver(record, letter, deps, await deps.cases.timeline(record.reference));
  } catch (error) {
    if (error instanceof MailUnavailableError)
      return fail("mail-unavailable", "The mail service is not available; nothing was sent. Try again.");
    throw error;
  }
  if (!delivery.sent)
    return fail("not-sent", "The message could not be sent to the customer's address.", {
      reason: delivery.reason,
    });
  return succeed({ messageId: delivery.messageId });
}

/** Sends a letter that reports something already recorded: a failure to send does not undo the record. */
export async function deliverAfterRecord(
  record: CaseRecord,
  letter: Letter,
  deps: LetterDependencies,
  timeline: readonly TimelineEvent[],
): Promise<Delivery> {
  try {
    return await deliver(record, letter, deps, timeline);
  } catch (error) {
    if (!(error instanceof MailUnavailableError)) throw error;
    deps.log.error("letter not sent", {
      caseReference: record.reference,
      purpose: letter.purpose,
      error: (error as Error).name,
    });
    await recordLetterNotSent(record, letter, "mail-service-unavailable", deps);
    return { sent: false, reason: "mail-service-unavailable" };
  }
}

export interface RecordedOutcome {
  outcome: CaseOutcome;
  delivery: Delivery;
}

/** Records the outcome (only while the case is open), then tells the customer. */
export async function closeWith(
  record: CaseRecord,
  outcome: CaseOutcome,
  rendered: RenderedMessage,
  deps: LetterDependencies,
): Promise<StaffWorkResult<RecordedOutcome>> {
  const timeline = await deps.cases.timeline(record.reference);
  if (!(await deps.followUps.store.recordOutcome(record.reference, outcome))) {
    // Someone else closed it between our read and this write.
    const current = await deps.cases.getCase(record.reference);
    return current
      ? fail("case-not-open", CASE_CLOSED, { status: current.status })
      : fail("case-not-found", NOT_FOUND);
  }
  // A complaint is counted closed once: a case reopened and closed again stays counted at its first close.
  if (!timeline.some((event) => event.type === "outcome-recorded"))
    await countComplaintClosed(
      record,
      {
        at: outcome.at,
        ...(outcome.type === "resolved" && outcome.money ? { redressAmount: outcome.money.amount } : {}),
      },
      deps,
    );
  await deps.cases.appendEvent({
    type: "outcome-recorded",
    caseReference: record.reference,
    eventId: `outcome:${outcome.outcomeId}`,
    at: outcome.at,
    outcome,
  });
  const purpose = outcome.type === "resolved" ? "outcome-resolved" : "outcome-unresolved";
  const delivery = await deliverAfterRecord(
    record,
    {
      purpose,
      eventId: `letter:outcome:${outcome.outcomeId}`,
      rendered,
      automatic: undefined,
      sentBy: outcome.by,
    },
    deps,
    timeline,
  );
  if (delivery.sent) {
    const closed: CaseRecord = {
      ...record,
      status: outcome.type === "resolved" ? "resolved" : "closed-unresolved",
    };
    await restartQuietPeriod(closed, deps.clock.now().toISOString(), deps);
  }
  deps.log.info("outcome recorded", { caseReference: record.reference, outcome: outcome.type });
  return succeed({ outcome, delivery });
}
