// The one way a new case is recorded, whatever channel brought it in: the customer, their recent contact
// and the attachments, then the understanding, the case with its first timeline event, the ways to find it
// and its theme count. Channels say only what is theirs (the words, who sent them, flags, the first
// event); the record comes back so the steps that follow take it as it was written, without reading it.

import type { AttachmentRecord } from "../domain/attachments";
import {
  type Acknowledgement,
  type CaseFlagCode,
  type CaseRecord,
  MAX_STORED_TEXT,
  type MessageReceivedEvent,
  summarise,
} from "../domain/case";
import type { IntakeEntry } from "../domain/intake";
import { newReference } from "../domain/reference";
import { truncateText } from "../domain/stored-text";
import { type MessageToUnderstand, understand, understoodCaseFields } from "../domain/understanding";
import type { CaseStore, Clock, RandomBytes } from "../ports";
import { type CaseLookup, caseLookups } from "./case-lookups";
import { type FirstStepDependencies, firstStepItems } from "./complete-case";
import { type ContactHistoryDependencies, contactHistory, noEarlierContact } from "./contact-history";
import { noteTheme, type ThemeDependencies } from "./repeated-themes";

export interface RecordCaseDependencies extends ThemeDependencies, ContactHistoryDependencies {
  cases: Pick<CaseStore, "findOrCreateCustomer" | "createCase" | "getCase" | "addToCase"> &
    ContactHistoryDependencies["cases"];
  random: RandomBytes;
  clock: Clock;
}

export interface NewCase {
  entry: Pick<IntakeEntry, "intakeId" | "proposedCaseReference">;
  /** The words to understand and whose they are: `sender.email`, normalised, is the case's customer. */
  message: Omit<MessageToUnderstand, "history">;
  acknowledgement: Acknowledgement;
  /** Flags the channel raised, by code, with the detail staff read; they are stamped with the case's time. */
  flags?: Partial<Record<CaseFlagCode, string>>;
  details?: Partial<Pick<CaseRecord, "inboundMessageId" | "forwardedBy" | "form">>;
  /** The first timeline event as the channel received it. */
  received: ReceivedMessage;
  /** Stores the input's attachments under the case, when it has any. */
  storeAttachments?: (caseReference: string) => Promise<AttachmentRecord[]>;
  /** Ways to find the case the channel knows of (the inbound Message-ID), beside the customer's email. */
  lookups?: readonly CaseLookup[];
  /** The input's Message-ID, by which the intake ledger finds the entry: written with the first event. */
  intakeMessageId?: string;
}

export interface RecordedCase {
  /** The case as stored: a retry that finds it written already has the stored one. */
  record: CaseRecord;
  /** Its first completion steps' items were written with it (see `completeCase`). */
  firstStepsWritten: boolean;
}

/**
 * Records the case under the entry's reserved reference and returns it as stored. A retry that finds the
 * case written already returns the stored one, which later steps may have moved on. Given `firstSteps`,
 * the attempt that creates the case writes its first completion steps' items with its first event.
 */
export async function recordCase(
  input: NewCase,
  deps: RecordCaseDependencies,
  firstSteps?: FirstStepDependencies,
): Promise<RecordedCase> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const reference = input.entry.proposedCaseReference;
  const { message } = input;
  const customerEmail = message.sender.email;
  const offeredReference = newReference("customer", deps.random);
  const [{ customer, history }, attachments] = await together([
    deps.cases.findOrCreateCustomer(customerEmail, offeredReference, at).then(async (customer) => ({
      customer,
      // A customer recorded just now has no earlier cases to count: the look-up is saved.
      history:
        customer.customerReference === offeredReference
          ? noEarlierContact(deps)
          : await contactHistory(customerEmail, now, deps),
    })),
    input.storeAttachments?.(reference) ?? [],
  ]);
  const understanding = understand({ ...message, history }, deps.policy);
  const record: CaseRecord = {
    reference,
    customerReference: customer.customerReference,
    channel: message.channel,
    status: "open",
    createdAt: at,
    updatedAt: at,
    ...understoodCaseFields(understanding),
    subject: message.subject,
    summary: summarise(message.text || message.subject),
    repeatContact: history,
    acknowledgement: input.acknowledgement,
    intakeId: input.entry.intakeId,
    inboundMessageId: undefined,
    ...input.details,
    flags: Object.fromEntries(
      Object.entries(input.flags ?? {}).map(([code, detail]) => [code, { at, detail }]),
    ),
  };
  const created = (await deps.cases.createCase(record)) === "created";
  const stored = created ? record : await storedCase(reference, deps);
  // Written again on a retry, since the attempt that wrote the case may have stopped before them: the
  // first event as of the case's own time, so writing it again changes nothing. The first steps' items
  // go only with the attempt that created the case; a retry leaves them to completeCase's conditions.
  const firstStepsWritten = created && firstSteps !== undefined;
  const firstStepsItems = firstStepsWritten ? firstStepItems(stored, firstSteps) : {};
  await together([
    deps.cases.addToCase(reference, {
      ...firstStepsItems,
      events: [
        ...(firstStepsItems.events ?? []),
        messageReceived(input.received, {
          caseReference: reference,
          intakeId: input.entry.intakeId,
          at: stored.createdAt,
          channel: message.channel,
          attachments,
        }),
      ],
      lookups: [{ kind: "email", value: customerEmail }, ...(input.lookups ?? []), ...caseLookups(stored)],
      ...(input.intakeMessageId
        ? { intakeMessage: { messageId: input.intakeMessageId, intakeId: input.entry.intakeId } }
        : {}),
    }),
    noteTheme(stored, now, deps),
  ]);
  return { record: stored, firstStepsWritten };
}

/** A message as its channel received it, before it is placed on a case's timeline. */
export type ReceivedMessage = Omit<
  MessageReceivedEvent,
  "type" | "caseReference" | "eventId" | "at" | "channel" | "attachments"
>;

/** The timeline event of a message an intake received, its text stored truncated. */
export function messageReceived(
  message: ReceivedMessage,
  on: Pick<MessageReceivedEvent, "caseReference" | "at" | "channel" | "attachments"> & { intakeId: string },
): MessageReceivedEvent {
  const { intakeId, ...placed } = on;
  return {
    ...message,
    ...placed,
    type: "message-received",
    eventId: `received:${intakeId}`,
    text: truncateText(message.text, MAX_STORED_TEXT),
    textTruncated: message.textTruncated || message.text.length > MAX_STORED_TEXT,
  };
}

async function storedCase(reference: string, deps: RecordCaseDependencies): Promise<CaseRecord> {
  const stored = await deps.cases.getCase(reference);
  if (!stored) throw new Error(`case ${reference} was written but cannot be read`);
  return stored;
}

/**
 * Intake's one concurrency rule: steps that do not depend on one another run at once, like Promise.all,
 * but every one is settled before the first failure is thrown. A step left running when the invocation
 * ends would be frozen with the Lambda environment and finish at some later time, or never.
 */
export async function together<T extends readonly unknown[]>(
  steps: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(steps);
  const failure = results.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
