// What staff do to keep a customer informed and end a case (resolve 2.2–2.6, 3.1/3.2): updates,
// commitments, options and the customer's choice, resolved and unresolved outcomes. What staff write is
// promise-checked first; a failing letter is not sent, is recorded as blocked and comes back marked. Each
// action is on the timeline with who and when; the acting staff member is the seam for authority limits.

import { z } from "zod";
import { allowedPhrases, contactFor } from "../config/communication-policy";
import type { BlockedPhrase, CaseRecord, MessagePurpose, TimelineEvent } from "../domain/case";
import { type Commitment, checkDueDate, commitmentDueItems } from "../domain/commitments";
import { type CaseOutcome, numberOptions, outsideHelpFor, type ProposedOption } from "../domain/outcomes";
import { checkPromisesAndTone, highlightFindings } from "../domain/promise-check";
import { parseReference } from "../domain/reference";
import {
  renderOptionsProposal,
  renderProgressUpdate,
  renderResolvedOutcome,
  renderUnresolvedOutcome,
} from "../domain/templates/letters";
import type { RenderedMessage } from "../domain/templates/render";
import type { FeedbackTokens } from "../ports";
import {
  type CustomerMailDependencies,
  communicationOf,
  type Delivery,
  deliver,
  type FollowUpDependencies,
  type Letter,
  letterheadFor,
  MailUnavailableError,
  recordNotSent,
  restartQuietPeriod,
} from "./customer-mail";

/** The member of staff acting; where authority limits will be checked. */
export interface Actor {
  id: string;
  groups: readonly string[];
}

export interface CommunicationDependencies extends CustomerMailDependencies {
  followUps: FollowUpDependencies;
  feedbackTokens: FeedbackTokens;
  newId: () => string;
}

const staffText = z.string().trim().min(1).max(5000);
const shortText = z.string().trim().min(1).max(1000);
const key = z.string().regex(/^[a-z0-9-]+$/);

export const progressUpdateInput = z.strictObject({ text: staffText });
export const commitmentInput = z.strictObject({
  description: shortText,
  dueAt: z.iso.datetime({ offset: true }),
  /** Who must keep it; the member of staff recording it when absent. */
  owner: z.string().trim().min(1).max(200).optional(),
});
export const commitmentKeptInput = z.strictObject({ note: shortText.optional() });
export const optionsInput = z.strictObject({
  options: z
    .array(z.strictObject({ label: z.string().trim().min(1).max(200), detail: shortText.optional() }))
    .min(1)
    .max(6),
  message: staffText.optional(),
});
export const optionChoiceInput = z.strictObject({
  proposalId: z.string().min(1).max(100),
  optionId: z.string().min(1).max(10),
  note: shortText.optional(),
});
export const resolveInput = z.strictObject({ agreed: staffText });
export const closeUnresolvedInput = z.strictObject({
  reasons: staffText,
  /** Ids from the outside-help directory; the entries for the case's category when absent. */
  outsideHelp: z.array(key).min(1).max(10).optional(),
});

export type ActionFailure =
  | { code: "invalid-reference"; suggestion?: string }
  | { code: "case-not-found" }
  | { code: "case-not-open"; status: CaseRecord["status"] }
  | { code: "promise-check"; findings: BlockedPhrase[]; highlighted: Record<string, string> }
  | { code: "not-sent"; reason: string }
  /** Nothing was sent; the same request may be made again. */
  | { code: "mail-unavailable" }
  | { code: "due-in-past" }
  | { code: "due-too-far-ahead"; maxDaysAhead: number }
  | { code: "commitment-not-found" }
  | { code: "commitment-not-open" }
  | { code: "proposal-not-found" }
  | { code: "option-not-found" }
  | { code: "choice-already-recorded" }
  | { code: "unknown-outside-help"; ids: string[] };

export type ActionResult<T> = { ok: true; value: T } | { ok: false; failure: ActionFailure };

const fail = <T>(failure: ActionFailure): ActionResult<T> => ({ ok: false, failure });
const succeed = <T>(value: T): ActionResult<T> => ({ ok: true, value });

type Loaded = { ok: true; record: CaseRecord } | { ok: false; failure: ActionFailure };

async function loadCase(
  input: string,
  deps: CommunicationDependencies,
  mustBeOpen: boolean,
): Promise<Loaded> {
  const parsed = parseReference(input);
  if (!parsed.valid) {
    return {
      ok: false,
      failure: {
        code: "invalid-reference",
        ...(parsed.suggestion ? { suggestion: parsed.suggestion } : {}),
      },
    };
  }
  const record = await deps.cases.getCase(parsed.reference);
  if (!record) return { ok: false, failure: { code: "case-not-found" } };
  if (mustBeOpen && record.status !== "open")
    return { ok: false, failure: { code: "case-not-open", status: record.status } };
  return { ok: true, record };
}

/** Checks each thing staff wrote on its own, so each finding points into the field it is in. */
function checkStaffWriting(
  fields: Record<string, string | undefined>,
  deps: CommunicationDependencies,
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
  purpose: MessagePurpose,
  fields: Record<string, string | undefined>,
  rendered: RenderedMessage,
  actor: Actor,
  deps: CommunicationDependencies,
): Promise<ActionFailure | undefined> {
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
    at: deps.clock.now().toISOString(),
    purpose,
    by: actor.id,
    findings,
  });
  deps.log.warn("staff letter blocked", {
    caseReference: record.reference,
    purpose,
    findings: findings.map((finding) => finding.kind),
  });
  return { code: "promise-check", findings, highlighted };
}

/** Sends a letter that reports something already recorded: a failure to send does not undo the record. */
async function deliverAfterRecord(
  record: CaseRecord,
  letter: Letter,
  deps: CommunicationDependencies,
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
    await recordNotSent(record, letter, "mail-service-unavailable", deps);
    return { sent: false, reason: "mail-service-unavailable" };
  }
}

export interface SentLetter {
  eventId: string;
  messageId: string;
}

export async function sendProgressUpdate(
  reference: string,
  input: z.infer<typeof progressUpdateInput>,
  actor: Actor,
  deps: CommunicationDependencies,
): Promise<ActionResult<SentLetter>> {
  const loaded = await loadCase(reference, deps, true);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const rendered = renderProgressUpdate(record, letterheadFor(record, deps), input.text);
  const blocked = await blockedIfUnfit(
    record,
    "progress-update",
    { text: input.text },
    rendered,
    actor,
    deps,
  );
  if (blocked) return fail(blocked);
  const eventId = `letter:update:${deps.newId()}`;
  const timeline = await deps.cases.timeline(record.reference);
  let delivery: Delivery;
  try {
    delivery = await deliver(
      record,
      { purpose: "progress-update", eventId, rendered, automatic: undefined, sentBy: actor.id },
      deps,
      timeline,
    );
  } catch (error) {
    if (error instanceof MailUnavailableError) return fail({ code: "mail-unavailable" });
    throw error;
  }
  if (!delivery.sent) return fail({ code: "not-sent", reason: delivery.reason });
  await restartQuietPeriod(record, deps.clock.now().toISOString(), deps);
  return succeed({ eventId, messageId: delivery.messageId });
}

export async function recordCommitment(
  reference: string,
  input: z.infer<typeof commitmentInput>,
  actor: Actor,
  deps: CommunicationDependencies,
): Promise<ActionResult<Commitment>> {
  const loaded = await loadCase(reference, deps, false);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const now = deps.clock.now();
  const dueAt = new Date(input.dueAt);
  const { commitments: settings } = communicationOf(deps);
  const problem = checkDueDate(dueAt, now, settings.maxDaysAhead);
  if (problem === "due-in-past") return fail({ code: problem });
  if (problem === "due-too-far-ahead") return fail({ code: problem, maxDaysAhead: settings.maxDaysAhead });

  const commitment: Commitment = {
    caseReference: record.reference,
    commitmentId: deps.newId(),
    description: input.description,
    dueAt: dueAt.toISOString(),
    owner: input.owner ?? actor.id,
    recordedBy: actor.id,
    recordedAt: now.toISOString(),
    state: "open",
  };
  await deps.followUps.store.saveCommitment(commitment);
  await deps.cases.appendEvent({
    type: "commitment-recorded",
    caseReference: record.reference,
    eventId: `commitment:${commitment.commitmentId}`,
    at: commitment.recordedAt,
    commitmentId: commitment.commitmentId,
    description: commitment.description,
    dueAt: commitment.dueAt,
    owner: commitment.owner,
    by: actor.id,
  });
  for (const item of commitmentDueItems(commitment, now, settings.remindHoursBefore)) {
    await deps.followUps.dueItems.schedule(item);
  }
  deps.log.info("commitment recorded", {
    caseReference: record.reference,
    commitmentId: commitment.commitmentId,
  });
  return succeed(commitment);
}

export async function listCommitments(
  reference: string,
  deps: CommunicationDependencies,
): Promise<ActionResult<Commitment[]>> {
  const loaded = await loadCase(reference, deps, false);
  if (!loaded.ok) return loaded;
  return succeed(await deps.followUps.store.listCommitments(loaded.record.reference));
}

export async function markCommitmentKept(
  reference: string,
  commitmentId: string,
  input: z.infer<typeof commitmentKeptInput>,
  actor: Actor,
  deps: CommunicationDependencies,
): Promise<ActionResult<Commitment>> {
  const loaded = await loadCase(reference, deps, false);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const commitment = await deps.followUps.store.getCommitment(record.reference, commitmentId);
  if (!commitment) return fail({ code: "commitment-not-found" });
  const at = deps.clock.now().toISOString();
  const settled = await deps.followUps.store.settleCommitment(record.reference, commitmentId, {
    state: "kept",
    at,
    keptBy: actor.id,
    ...(input.note ? { note: input.note } : {}),
  });
  if (!settled) return fail({ code: "commitment-not-open" });
  await deps.cases.appendEvent({
    type: "commitment-kept",
    caseReference: record.reference,
    eventId: `commitment-kept:${commitmentId}`,
    at,
    commitmentId,
    by: actor.id,
    ...(input.note ? { note: input.note } : {}),
  });
  return succeed({
    ...commitment,
    state: "kept",
    settledAt: at,
    keptBy: actor.id,
    ...(input.note ? { note: input.note } : {}),
  });
}

export interface Proposal {
  proposalId: string;
  options: ProposedOption[];
  delivery: Delivery;
}

export async function proposeOptions(
  reference: string,
  input: z.infer<typeof optionsInput>,
  actor: Actor,
  deps: CommunicationDependencies,
): Promise<ActionResult<Proposal>> {
  const loaded = await loadCase(reference, deps, true);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const options = numberOptions(input.options);
  const rendered = renderOptionsProposal(record, letterheadFor(record, deps), options, input.message);
  const written: Record<string, string | undefined> = { message: input.message };
  input.options.forEach((option, index) => {
    written[`options[${index}].label`] = option.label;
    written[`options[${index}].detail`] = option.detail;
  });
  const blocked = await blockedIfUnfit(record, "options-proposal", written, rendered, actor, deps);
  if (blocked) return fail(blocked);

  const proposalId = deps.newId();
  const timeline = await deps.cases.timeline(record.reference);
  await deps.cases.appendEvent({
    type: "options-proposed",
    caseReference: record.reference,
    eventId: `options:${proposalId}`,
    at: deps.clock.now().toISOString(),
    proposalId,
    options,
    by: actor.id,
  });
  const delivery = await deliverAfterRecord(
    record,
    {
      purpose: "options-proposal",
      eventId: `letter:options:${proposalId}`,
      rendered,
      automatic: undefined,
      sentBy: actor.id,
    },
    deps,
    timeline,
  );
  if (delivery.sent) await restartQuietPeriod(record, deps.clock.now().toISOString(), deps);
  return succeed({ proposalId, options, delivery });
}

export async function recordOptionChoice(
  reference: string,
  input: z.infer<typeof optionChoiceInput>,
  actor: Actor,
  deps: CommunicationDependencies,
): Promise<ActionResult<{ proposalId: string; option: ProposedOption }>> {
  const loaded = await loadCase(reference, deps, false);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const timeline = await deps.cases.timeline(record.reference);
  const proposal = timeline.find(
    (event) => event.type === "options-proposed" && event.proposalId === input.proposalId,
  );
  if (proposal?.type !== "options-proposed") return fail({ code: "proposal-not-found" });
  const option = proposal.options.find((candidate) => candidate.optionId === input.optionId);
  if (!option) return fail({ code: "option-not-found" });
  if (timeline.some((event) => event.type === "option-chosen" && event.proposalId === input.proposalId))
    return fail({ code: "choice-already-recorded" });
  await deps.cases.appendEvent({
    type: "option-chosen",
    caseReference: record.reference,
    eventId: `option-chosen:${input.proposalId}`,
    at: deps.clock.now().toISOString(),
    proposalId: input.proposalId,
    optionId: option.optionId,
    label: option.label,
    by: actor.id,
    ...(input.note ? { note: input.note } : {}),
  });
  return succeed({ proposalId: input.proposalId, option });
}

export interface RecordedOutcome {
  outcome: CaseOutcome;
  delivery: Delivery;
}

/** Records the outcome (only while the case is open), then tells the customer. */
async function closeWith(
  record: CaseRecord,
  outcome: CaseOutcome,
  rendered: RenderedMessage,
  deps: CommunicationDependencies,
): Promise<ActionResult<RecordedOutcome>> {
  const timeline = await deps.cases.timeline(record.reference);
  if (!(await deps.followUps.store.recordOutcome(record.reference, outcome))) {
    // Someone else closed it between our read and this write.
    const current = await deps.cases.getCase(record.reference);
    return fail(current ? { code: "case-not-open", status: current.status } : { code: "case-not-found" });
  }
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

export async function resolveCase(
  reference: string,
  input: z.infer<typeof resolveInput>,
  actor: Actor,
  feedbackBaseUrl: string,
  deps: CommunicationDependencies,
): Promise<ActionResult<RecordedOutcome>> {
  const loaded = await loadCase(reference, deps, true);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const now = deps.clock.now();
  const outcomeId = deps.newId();
  const feedbackUntil = new Date(now.getTime() + communicationOf(deps).feedback.linkValidDays * 86_400_000);
  const token = deps.feedbackTokens.issue({
    caseReference: record.reference,
    outcomeId,
    expiresAt: feedbackUntil.toISOString(),
  });
  const rendered = renderResolvedOutcome(record, letterheadFor(record, deps), {
    agreed: input.agreed,
    feedbackUrl: `${feedbackBaseUrl}/feedback/${token}`,
    feedbackUntil,
  });
  const blocked = await blockedIfUnfit(
    record,
    "outcome-resolved",
    { agreed: input.agreed },
    rendered,
    actor,
    deps,
  );
  if (blocked) return fail(blocked);
  return closeWith(
    record,
    {
      outcomeId,
      type: "resolved",
      at: now.toISOString(),
      by: actor.id,
      agreed: input.agreed,
      feedbackUntil: feedbackUntil.toISOString(),
    },
    rendered,
    deps,
  );
}

export async function closeUnresolved(
  reference: string,
  input: z.infer<typeof closeUnresolvedInput>,
  actor: Actor,
  deps: CommunicationDependencies,
): Promise<ActionResult<RecordedOutcome>> {
  const loaded = await loadCase(reference, deps, true);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const directory = communicationOf(deps).outsideHelp.filter((entry) => entry.usedFor.includes("unresolved"));
  let help = outsideHelpFor(record, directory, "unresolved");
  if (input.outsideHelp) {
    const unknown = input.outsideHelp.filter((id) => !directory.some((entry) => entry.id === id));
    if (unknown.length > 0) return fail({ code: "unknown-outside-help", ids: unknown });
    help = directory.filter((entry) => input.outsideHelp?.includes(entry.id));
  }
  const letterhead = letterheadFor(record, deps);
  const rendered = renderUnresolvedOutcome(record, letterhead, {
    reasons: input.reasons,
    outsideHelp: help.map((entry) => contactFor(entry, letterhead.catalogue.language)),
  });
  const blocked = await blockedIfUnfit(
    record,
    "outcome-unresolved",
    { reasons: input.reasons },
    rendered,
    actor,
    deps,
  );
  if (blocked) return fail(blocked);
  return closeWith(
    record,
    {
      outcomeId: deps.newId(),
      type: "unresolved",
      at: deps.clock.now().toISOString(),
      by: actor.id,
      reasons: input.reasons,
      outsideHelp: help.map((entry) => entry.id),
    },
    rendered,
    deps,
  );
}
