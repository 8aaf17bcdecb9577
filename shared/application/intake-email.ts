// Turns one raw email object into exactly one recorded outcome: a new case (then referred and
// acknowledged), a reply threaded into its case, a suppression or a quarantine entry. Safe to run again
// for the same object: the intake ledger entry, keyed by the object, carries the case reference reserved
// on the first attempt, and every later write is conditional or idempotent.

import type { AttachmentRecord } from "../domain/attachments";
import type { CaseRecord } from "../domain/case";
import { forwardedMessage } from "../domain/forwarding";
import { deliveryIdentity, type IntakeEntry, type IntakeOutcome, mailIntakeId } from "../domain/intake";
import { type InboundEmail, normaliseEmailAddress, normaliseMessageId } from "../domain/mail";
import { DEFAULT_MIME_LIMITS, type MimeLimits } from "../domain/mime-limits";
import type { IntakePolicy } from "../domain/policy/intake-policy";
import { newReference } from "../domain/reference";
import { screen } from "../domain/screening";
import { threadingClues } from "../domain/threading";
import {
  type AddressStandings,
  type AttachmentStore,
  type IntakeLedger,
  MailBudgetError,
  MailParseError,
  type MailParser,
  type RandomBytes,
  type RawMailLocation,
  type RawMailObjectHandle,
  type RawMailStore,
  type ThemeLedger,
} from "../ports";
import { type CompletionDependencies, completeCase, completeRecordedCase } from "./complete-case";
import { emailAddressStanding } from "./erased-person";
import {
  messageReceived,
  type NewCase,
  type ReceivedMessage,
  type RecordedCase,
  recordCase,
  together,
} from "./record-case";
import { inStep } from "./record-failure";
import { noticeReply } from "./reply-notice";
import { understandReply } from "./reply-understanding";

export interface EmailIntakeDependencies extends CompletionDependencies {
  ledger: IntakeLedger;
  /** The sender's erasure and the customer's suppression, read together before a case is recorded. */
  standings: AddressStandings;
  themes: ThemeLedger;
  rawMail: RawMailStore;
  attachments: AttachmentStore;
  parser: MailParser;
  random: RandomBytes;
  intakePolicy: IntakePolicy;
  settings: CompletionDependencies["settings"] & {
    maxRawBytes: number;
    mimeLimits?: MimeLimits;
    /** The organisation's own mail domains: senders there are staff, and may forward customers' mail. */
    internalDomains: readonly string[];
  };
}

export interface RawMailObject extends RawMailLocation {
  size: number;
}

/** A released message is processed with budgets this many times larger; a MIME bomb stays out. */
const RELEASED_BUDGET_FACTOR = 10;

export async function intakeEmail(
  object: RawMailObject,
  deps: EmailIntakeDependencies,
): Promise<IntakeOutcome> {
  const intakeId = mailIntakeId(object.key);
  // The raw object is opened while the entry is written. A redelivery whose outcome is decided closes it
  // unread, and never fails for want of it (a purged input's object is gone).
  const opening = openRawMail(object, deps);
  const entry = await inStep("open-ledger", () =>
    deps.ledger.open({
      intakeId,
      channel: "email",
      receivedAt: deps.clock.now().toISOString(),
      proposedCaseReference: newReference("case", deps.random),
      source: `s3://${object.bucket}/${object.key}`,
    }),
  ).catch(async (error: unknown) => {
    discard(await opening);
    throw error;
  });

  if (entry.result) {
    discard(await opening);
    // Redelivery: the outcome is decided; only unfinished follow-up steps of a new case remain.
    // A purged input's case was anonymised or erased: there is nothing left to complete.
    if (entry.result.outcome === "case-created" && !entry.purgedAt) {
      await completeRecordedCase(entry.result.caseReference, deps);
    }
    return entry.result;
  }

  const { outcome, messageId, recorded, customerSuppressed } = await inStep("decide", async () =>
    decide(object, await opening, entry, deps),
  );
  // The case (if any) is durable by now, so its outcome and its referral and acknowledgement go ahead
  // together; each is idempotent, so a retry after either fails repeats nothing.
  await together([
    inStep("record-outcome", () =>
      deps.ledger.recordOutcome(
        intakeId,
        outcome,
        deps.clock.now().toISOString(),
        // A new case's first items carried the entry's lookup by Message-ID.
        messageId ? { messageId, lookupWritten: recorded !== undefined } : undefined,
      ),
    ).then(() =>
      deps.log.info("intake recorded", {
        intakeId,
        outcome: outcome.outcome,
        ...("reason" in outcome ? { reason: outcome.reason } : { caseReference: outcome.caseReference }),
      }),
    ),
    recorded &&
      completeCase(recorded.record, deps, {
        firstStepsWritten: recorded.firstStepsWritten,
        customerSuppressed,
      }),
  ]);
  return outcome;
}

type OpenedRawMail = { handle: RawMailObjectHandle } | { error: unknown };

function openRawMail(location: RawMailLocation, deps: EmailIntakeDependencies): Promise<OpenedRawMail> {
  return deps.rawMail.open(location).then(
    (handle) => ({ handle }),
    (error: unknown) => ({ error }),
  );
}

function discard(opened: OpenedRawMail): void {
  if ("handle" in opened) opened.handle.discard();
}

interface Decision {
  outcome: IntakeOutcome;
  messageId?: string;
  /** The new case, as recorded, when the outcome is one. */
  recorded?: RecordedCase;
  /** Whether mail to the new case's customer is suppressed, read with the erasure check. */
  customerSuppressed?: boolean;
}

function limitsFor(
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): { maxRawBytes: number; mime: MimeLimits } {
  const mime = deps.settings.mimeLimits ?? DEFAULT_MIME_LIMITS;
  if (!entry.release) return { maxRawBytes: deps.settings.maxRawBytes, mime };
  const f = RELEASED_BUDGET_FACTOR;
  return {
    maxRawBytes: deps.settings.maxRawBytes * f,
    mime: {
      maxDepth: mime.maxDepth * f,
      maxParts: mime.maxParts * f,
      maxAttachments: mime.maxAttachments * f,
      maxHtmlChars: mime.maxHtmlChars * f,
    },
  };
}

async function parseObject(
  opened: OpenedRawMail,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<InboundEmail | Decision> {
  const limits = limitsFor(entry, deps);
  if ("error" in opened) throw opened.error;
  const { handle } = opened;
  if (handle.size > limits.maxRawBytes) {
    handle.discard();
    return { outcome: { outcome: "quarantined", reason: "too-large" } };
  }
  try {
    // Attachments are only measured here; their bytes are read again once the case is known.
    return await deps.parser.parse(handle.body, limits.mime);
  } catch (error) {
    if (error instanceof MailBudgetError) {
      const messageId = error.messageId ? normaliseMessageId(error.messageId) : undefined;
      return { outcome: { outcome: "quarantined", reason: error.reason }, messageId };
    }
    if (error instanceof MailParseError)
      return { outcome: { outcome: "quarantined", reason: "unparseable" } };
    throw error;
  }
}

async function decide(
  location: RawMailLocation,
  opened: OpenedRawMail,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<Decision> {
  const parsed = await inStep("read-mail", () => parseObject(opened, entry, deps));
  if ("outcome" in parsed) return parsed;
  const email = parsed;
  const messageId = email.messageId ? normaliseMessageId(email.messageId) : undefined;

  // A second delivery of a message already taken (a sender's retry after a lost "250 OK", SES
  // delivering twice) is stored as a second object: it points at the first intake and goes no further.
  const firstIntake = await inStep("claim-delivery", () =>
    deps.ledger.claimDelivery(
      deliveryIdentity(email),
      entry.intakeId,
      deps.clock.now(),
      deps.intakePolicy.duplicateDeliveryWindowHours,
    ),
  );
  if (firstIntake !== entry.intakeId) {
    return {
      outcome: { outcome: "suppressed", reason: "duplicate-delivery", duplicateOf: firstIntake },
      messageId,
    };
  }

  const decision = screen(email, { ownAddresses: [deps.settings.intakeAddress] });
  const releasedVerdict =
    entry.release && decision.action === "quarantine" && ["spam", "virus"].includes(decision.reason);
  if (decision.action === "quarantine" && !releasedVerdict) {
    return { outcome: { outcome: "quarantined", reason: decision.reason }, messageId };
  }
  if (decision.action === "suppress") {
    if (decision.reason === "delivery-report")
      await inStep("note-bounce", () => noteBounce(email, entry, deps));
    return { outcome: { outcome: "suppressed", reason: decision.reason }, messageId };
  }
  // Released spam or a virus verdict is the only way here without acceptance: staff looked at it.
  const checks = decision.action === "accept" ? decision : { possibleSpoof: false, authenticated: true };
  const newCase = newEmailCase(email, messageId, checks, location, entry, deps);
  // The sender's data was erased: staff decide whether this is new contact before anything is recorded.
  // Whether the customer's address is suppressed is read in the same request, for the acknowledgement.
  const [standing, existing] = await together([
    emailAddressStanding(email.from?.address ?? "", newCase.message.sender.email, entry, deps.standings),
    findThread(email, deps),
  ]);
  if (standing.senderErased) {
    return { outcome: { outcome: "quarantined", reason: "erased-person" }, messageId };
  }

  const possibleSpoof = decision.action === "accept" && decision.possibleSpoof;
  if (existing) {
    await inStep("thread-reply", () =>
      threadReply(existing, email, messageId, possibleSpoof, location, entry, deps),
    );
    return { outcome: { outcome: "threaded", caseReference: existing.reference }, messageId };
  }

  const reference = entry.proposedCaseReference;
  const recorded = await inStep("record-case", () => recordCase(newCase, deps, deps));
  return {
    outcome: { outcome: "case-created", caseReference: reference },
    messageId,
    recorded,
    customerSuppressed: standing.customerSuppressed,
  };
}

/** A delivery report for something Heed sent: the case learns that the customer was not informed. */
async function noteBounce(
  email: InboundEmail,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  for (const bouncedId of email.embeddedMessageIds.map(normaliseMessageId)) {
    for (const reference of await deps.cases.findCaseReferences("message-id", bouncedId)) {
      const record = await deps.cases.getCase(reference);
      if (record?.acknowledgement.messageId !== bouncedId) continue;
      await deps.cases.setFlag(reference, "customer-not-informed", {
        at,
        detail: "our acknowledgement could not be delivered",
      });
      await deps.cases.appendEvent({
        type: "delivery-failed",
        caseReference: reference,
        eventId: `delivery-failed:${entry.intakeId}`,
        at,
        messageId: bouncedId,
        reportIntakeId: entry.intakeId,
      });
      deps.log.warn("acknowledgement bounced", { caseReference: reference, intakeId: entry.intakeId });
    }
  }
}

async function findThread(
  email: InboundEmail,
  deps: EmailIntakeDependencies,
): Promise<CaseRecord | undefined> {
  const clues = threadingClues(email);
  for (const id of clues.messageIds) {
    const [reference] = await deps.cases.findCaseReferences("message-id", id);
    const record = reference ? await deps.cases.getCase(reference) : undefined;
    if (record) return record;
  }
  for (const reference of clues.references) {
    const record = await deps.cases.getCase(reference);
    if (record) return record;
  }
  return undefined;
}

/**
 * Streams each attachment from the raw object to the attachment store, under the case it now belongs
 * to: a second read of the object, so no attachment is ever held in memory. The object is immutable, so
 * this read decodes the same attachments the first one measured.
 */
async function storeAttachments(
  reference: string,
  email: InboundEmail,
  location: RawMailLocation,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<AttachmentRecord[]> {
  if (email.attachments.length === 0) return [];
  const records: AttachmentRecord[] = [];
  const handle = await deps.rawMail.open(location);
  await deps.parser.parse(handle.body, limitsFor(entry, deps).mime, async (index, content) => {
    const attachment = email.attachments[index];
    if (!attachment) throw new Error(`the raw object has more attachments than it had when first read`);
    records.push(await deps.attachments.put(reference, `${entry.intakeId}#${index}`, attachment, content));
  });
  return records;
}

function receivedMessage(
  email: InboundEmail,
  messageId: string | undefined,
  fromCustomer: boolean,
  entry: IntakeEntry,
): ReceivedMessage {
  return {
    from: normaliseEmailAddress(email.from?.address ?? ""),
    subject: email.subject,
    messageId,
    inReplyTo: email.inReplyTo,
    text: email.text,
    textTruncated: false,
    rawLocation: entry.source,
    fromCustomer,
    ...(email.from?.name ? { fromName: email.from.name } : {}),
  };
}

/**
 * A reply joins its case. One whose sender failed SPF or DMARC is kept and flagged, but it is not the
 * customer's answer: it never reopens a closed case, gets no notice and is not what later letters reply to.
 */
async function threadReply(
  record: CaseRecord,
  email: InboundEmail,
  messageId: string | undefined,
  possibleSpoof: boolean,
  location: RawMailLocation,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const sender = normaliseEmailAddress(email.from?.address ?? "");
  const fromCustomer = sender === record.customer.email && !possibleSpoof;
  const attachments = await storeAttachments(record.reference, email, location, entry, deps);
  const received = messageReceived(receivedMessage(email, messageId, fromCustomer, entry), {
    caseReference: record.reference,
    intakeId: entry.intakeId,
    at,
    channel: "email",
    attachments,
  });
  // The case exists already: the reply's record, its lookup, the flag and a reopening are independent.
  await together([
    deps.cases.appendEvent(possibleSpoof ? { ...received, possibleSpoof } : received),
    messageId && deps.cases.addLookup("message-id", messageId, record.reference),
    possibleSpoof &&
      deps.cases.setFlag(record.reference, "possible-spoof", {
        at,
        detail: "a reply failed SPF or DMARC checks; it does not count as the customer's answer",
      }),
    !fromCustomer &&
      !possibleSpoof &&
      deps.cases.setFlag(record.reference, "reply-from-other-sender", {
        at,
        detail: `a reply came from ${sender}, who is not the customer on this case`,
      }),
    record.status !== "open" &&
      deps.intakePolicy.reopenClosedCaseOnReply &&
      fromCustomer &&
      reopenOnReply(record, entry, at, deps),
  ]);
  if (fromCustomer) {
    const reply = {
      subject: email.subject,
      text: email.text,
      sender: { email: sender, name: email.from?.name },
    };
    await understandReply(record, reply, deps);
  }
  // The customer hears that their reply reached the case; someone else writing in is not answered.
  if (fromCustomer && deps.followUps) {
    await noticeReply(record.reference, `received:${entry.intakeId}`, { ...deps, followUps: deps.followUps });
  }
}

/** A closed case the customer wrote to again opens again, with the reason on its timeline. */
export async function reopenOnReply(
  record: CaseRecord,
  entry: IntakeEntry,
  at: string,
  deps: Pick<EmailIntakeDependencies, "cases">,
): Promise<void> {
  if (await deps.cases.reopen(record.reference, at)) {
    await deps.cases.appendEvent({
      type: "reopened",
      caseReference: record.reference,
      eventId: `reopened:${entry.intakeId}`,
      at,
      reason: "the customer replied after the case was closed",
    });
  }
}

/** What is particular to a case that came by email: a forward's customer, the sender checks, attachments. */
function newEmailCase(
  email: InboundEmail,
  messageId: string | undefined,
  { possibleSpoof, authenticated }: { possibleSpoof: boolean; authenticated: boolean },
  location: RawMailLocation,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): NewCase {
  const forward = forwardedMessage(email, deps.settings.internalDomains);
  const from = forward?.customer ?? email.from;
  const clues = threadingClues(email);
  const flags: NewCase["flags"] = {};
  if (possibleSpoof) flags["possible-spoof"] = "the sender's domain failed SPF or DMARC checks";
  if (clues.invalidReferences.length > 0) {
    flags["invalid-reference-quoted"] =
      `the customer quoted ${clues.invalidReferences.join(", ")}, which is not a valid case reference`;
  }
  if (!authenticated) {
    flags["unauthenticated-sender"] =
      "neither SPF nor DKIM passed for the sender: the acknowledgement quotes none of their words";
  }
  const holdAcknowledgement =
    (possibleSpoof && !deps.intakePolicy.acknowledgePossibleSpoof) ||
    (!authenticated && deps.intakePolicy.unauthenticatedSenderAcknowledgement === "none");
  return {
    entry,
    message: {
      channel: "email",
      subject: forward?.subject ?? email.subject,
      text: forward?.text ?? email.text,
      sender: { email: normaliseEmailAddress(from?.address ?? ""), name: from?.name || undefined },
      forwarded: forward !== undefined,
    },
    acknowledgement: holdAcknowledgement
      ? { state: "not-required", reason: possibleSpoof ? "possible-spoof" : "unauthenticated-sender" }
      : { state: "pending" },
    flags,
    details: {
      inboundMessageId: messageId,
      ...(forward ? { forwardedBy: normaliseEmailAddress(forward.forwardedBy.address) } : {}),
    },
    received: receivedMessage(email, messageId, true, entry),
    storeAttachments: (reference) => storeAttachments(reference, email, location, entry, deps),
    lookups: messageId ? [{ kind: "message-id", value: messageId }] : [],
    intakeMessageId: messageId,
  };
}
