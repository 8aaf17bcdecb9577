// Builders shared by the unit tests of what staff and Heed write to customers (updates, commitments,
// options, outcomes, feedback, reply notices, acknowledgements): the sample case with its first customer
// message, a colleague, and the in-memory fakes wired as each module's dependencies at a fixed instant.
import { HmacFeedbackTokens } from "../../../shared/adapters/hmac-feedback-tokens";
import type { LetterDependencies } from "../../../shared/application/staff-work";
import { defaultIntakePolicy } from "../../../shared/config/intake-policy";
import { defaultPolicy } from "../../../shared/config/policy";
import type { CaseRecord, MessageReceivedEvent } from "../../../shared/domain/case";
import {
  CountingQuota,
  MemoryCases,
  MemoryCommunication,
  MemoryDueItems,
  MovableClock,
  RecordingMailer,
  RecordingQueues,
  RecordingReferrals,
  silentLog,
} from "../communication-fakes";
import { sampleCase } from "../sample-case";

export const STAFF = { id: "sam@example.com", groups: ["supervisor"] };
export const REFERENCE = sampleCase.reference;
/** When every letter test starts: an hour after the customer first wrote. */
export const LETTERS_START = "2026-11-23T10:00:00.000Z";

/** A message from the sample case's customer, received at `at`. */
export function customerReply(at: string, messageId: string): MessageReceivedEvent {
  return {
    type: "message-received",
    caseReference: REFERENCE,
    eventId: `received:${messageId}`,
    at,
    channel: "email",
    from: sampleCase.customer.email,
    subject: "Re: Parcel not arrived",
    messageId,
    inReplyTo: undefined,
    text: "Any news?",
    textTruncated: false,
    rawLocation: undefined,
    attachments: [],
    fromCustomer: true,
  };
}

export interface Letters {
  cases: MemoryCases;
  store: MemoryCommunication;
  dueItems: MemoryDueItems;
  mailer: RecordingMailer;
  referrals: RecordingReferrals;
  clock: MovableClock;
  tokens: HmacFeedbackTokens;
  deps: LetterDependencies;
}

/** Fresh fakes holding the sample case and its first message, with the clock at `LETTERS_START`. */
export async function lettersOnSampleCase(): Promise<Letters> {
  const dueItems = new MemoryDueItems();
  const cases = new MemoryCases({ dueItems });
  const store = new MemoryCommunication(cases);
  const mailer = new RecordingMailer();
  const clock = new MovableClock(new Date(LETTERS_START));
  const tokens = new HmacFeedbackTokens("k".repeat(64));
  let ids = 0;
  const deps: LetterDependencies = {
    cases,
    mailer,
    clock,
    log: silentLog,
    policy: defaultPolicy,
    followUps: { store, dueItems },
    feedbackTokens: tokens,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`,
    settings: { intakeAddress: "complaints@example.com" },
  };
  await cases.createCase(sampleCase);
  await cases.appendEvent(customerReply("2026-11-23T09:00:00.000Z", "abc@example.org"));
  return { cases, store, dueItems, mailer, referrals: new RecordingReferrals(), clock, tokens, deps };
}

/** What the follow-up timers need, on the same fakes. */
export function timerDependencies({ cases, store, dueItems, referrals, clock }: Letters) {
  return { cases, store, dueItems, referrals, clock, log: silentLog };
}

/** What the feedback page needs, on the same fakes. */
export function feedbackDependencies({ cases, store, tokens, clock }: Letters) {
  return { cases, store, tokens, clock, log: silentLog, policy: defaultPolicy };
}

/** What completing a case and noticing replies need beyond letters: a quota and the intake policy. */
export function automaticReplyDependencies({ deps }: Letters) {
  return { ...deps, quota: new CountingQuota(), intakePolicy: defaultIntakePolicy };
}

/** What completing a case needs, on the same fakes. */
export function completionDependencies(letters: Letters) {
  return {
    ...automaticReplyDependencies(letters),
    referrals: letters.referrals,
    queues: new RecordingQueues(),
    urgentSignals: [],
  };
}

/** A copy of the sample case, not yet acknowledged, stored under its own reference. */
export function unacknowledgedCase({ cases }: Letters): CaseRecord {
  const fresh: CaseRecord = {
    ...sampleCase,
    reference: "CS-0000000A",
    acknowledgement: { state: "pending" },
  };
  cases.cases.set(fresh.reference, structuredClone(fresh));
  return fresh;
}
