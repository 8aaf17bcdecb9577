// Sends a letter the rule pack requires (summary resolution communication, final response, holding or
// deadlock letter) from the console: only while the rules allow it, only with every required element
// present, only past the promise and tone check. Sent, it is recorded on the timeline with the clocks
// it stops or lengthens, and a letter that closes the complaint is counted in the complaints return.

import * as z from "zod";
import type { CaseRecord } from "../../domain/case";
import { clocksStoppedBy, extendedDeadline, letterAvailable } from "../../domain/complaint-clocks";
import type { StaffMember } from "../../domain/permissions";
import { FINAL_DECISIONS } from "../../domain/policy/complaint-rules";
import { missingElements, redressText, renderRegulatedLetter } from "../../domain/regulated-letters";
import { clocksOf, rulePackOf, startComplaintClocks } from "../complaint-clocks";
import { countComplaintClosed } from "../complaints-return";
import { communicationOf, letterheadFor, restartQuietPeriod } from "../customer-mail";
import { fail, type OnCase, type StaffWorkResult, succeed } from "../staff-work/act-on-case";
import { blockedIfUnfit, sendLetterNow } from "../staff-work/letters";
import { type ComplaintWorkDependencies, permittedComplaint } from "./complaint-work";

const staffText = z.string().trim().min(1).max(5000);

export const regulatedLetterInput = z.strictObject({
  letterId: z.string().regex(/^[a-z0-9-]+$/),
  decision: z.enum(FINAL_DECISIONS).optional(),
  redress: z
    .strictObject({
      amount: z.number().positive().max(10_000_000).multipleOf(0.01),
      description: z.string().trim().min(1).max(300),
    })
    .optional(),
  explanation: staffText.optional(),
  delayReason: staffText.optional(),
});
export type RegulatedLetterRequest = z.infer<typeof regulatedLetterInput>;

export interface SentRegulatedLetter {
  eventId: string;
  messageId: string;
  stopsClocks: string[];
  extendsClocks: string[];
}

export function sendRegulatedLetter(
  reference: string,
  input: RegulatedLetterRequest,
  member: StaffMember,
  deps: ComplaintWorkDependencies,
) {
  return permittedComplaint<SentRegulatedLetter>(
    "send-regulated-letter",
    reference,
    member,
    deps,
    (onCase) => send(onCase, input, deps),
    {
      money: input.redress ? [{ type: "goodwill", amount: input.redress.amount }] : [],
      written: [input.explanation, input.delayReason, input.redress?.description],
    },
  );
}

async function send(
  { record, stamp }: OnCase,
  input: RegulatedLetterRequest,
  deps: ComplaintWorkDependencies,
): Promise<StaffWorkResult<SentRegulatedLetter>> {
  const pack = rulePackOf(deps);
  const week = communicationOf(deps).workingWeek;
  const rule = pack.letters.find((letter) => letter.id === input.letterId);
  if (!rule)
    return fail("unknown-letter", `The ${pack.name} rules have no letter "${input.letterId}".`, {
      letters: pack.letters.map((letter) => letter.id),
    });
  const now = deps.clock.now();
  if (!letterAvailable(rule, record, pack, week, now))
    return fail(
      "letter-not-available",
      `A ${rule.label} may only be sent in the time the rules allow after receipt.`,
    );
  if (rule.decision && !input.decision)
    return fail("decision-required", "Say whether the complaint is upheld, partly upheld or rejected.");

  const letterhead = letterheadFor(record, deps);
  const finalResponseBy = extendedDeadline(rule.id, record, pack, week);
  const letter = { ...input, letterId: rule.id };
  const { rendered, values } = renderRegulatedLetter(record, letterhead, pack, rule, letter, {
    currency: deps.policy.organisation.currency,
    ...(finalResponseBy ? { finalResponseBy } : {}),
  });
  const missing = missingElements(pack, rule, rendered, letter, values);
  if (missing.length > 0)
    return fail(
      "missing-elements",
      `The letter cannot go without: ${missing.map((element) => element.describe).join("; ")}.`,
      { missing },
    );
  const blocked = await blockedIfUnfit(
    record,
    "regulated-letter",
    { explanation: input.explanation, delayReason: input.delayReason, redress: input.redress?.description },
    rendered,
    stamp,
    deps,
  );
  if (blocked) return blocked;

  const messageEventId = `letter:regulated:${rule.id}:${deps.newId()}`;
  const sent = await sendLetterNow(
    record,
    {
      purpose: "regulated-letter",
      eventId: messageEventId,
      rendered,
      automatic: undefined,
      sentBy: stamp.by,
    },
    deps,
  );
  if (!sent.ok) return sent;

  const at = deps.clock.now().toISOString();
  const before = clocksOf(record, deps, new Date(at));
  await deps.complaints.noteRegulatedLetter(record.reference, rule.id, at);
  const after: CaseRecord = {
    ...record,
    complaintHandling: {
      ...record.complaintHandling,
      letters: [...(record.complaintHandling?.letters ?? []), { letterId: rule.id, at }],
    },
  };
  const afterClocks = clocksOf(after, deps, new Date(at));
  const stopsClocks = clocksStoppedBy(rule.id, before, pack);
  const extendsClocks = afterClocks
    .filter(
      (clock) =>
        clock.extendedBy === rule.id &&
        !before.some((old) => old.clockId === clock.clockId && old.extendedBy),
    )
    .map((clock) => clock.clockId);
  const eventId = `regulated-letter:${rule.id}:${messageEventId}`;
  await deps.cases.appendEvent({
    type: "regulated-letter-sent",
    caseReference: record.reference,
    eventId,
    at,
    by: stamp.by,
    role: stamp.role,
    letterId: rule.id,
    label: rule.label,
    messageEventId,
    ...(input.decision ? { decision: input.decision } : {}),
    ...(input.redress
      ? {
          redress: {
            amount: input.redress.amount,
            currency: deps.policy.organisation.currency,
            description: redressText(input.redress, deps.policy.organisation.currency),
          },
        }
      : {}),
    stopsClocks,
    extendsClocks,
  });
  if (extendsClocks.length > 0)
    await startComplaintClocks(after, { ...deps, dueItems: deps.followUps.dueItems });
  if (rule.closesComplaint)
    await countComplaintClosed(
      record,
      {
        at,
        ...(input.decision ? { decision: input.decision } : {}),
        ...(input.redress ? { redressAmount: input.redress.amount } : {}),
      },
      deps,
    );
  await restartQuietPeriod(record, at, deps);
  deps.log.info("regulated letter sent", { caseReference: record.reference, letterId: rule.id, stopsClocks });
  return succeed({ eventId, messageId: sent.value.messageId, stopsClocks, extendsClocks });
}
