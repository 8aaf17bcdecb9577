// Turns one raw email object into exactly one recorded outcome: a new case (then referred and
// acknowledged), a reply threaded into its case, a suppression or a quarantine entry. Safe to run again
// for the same object: the intake ledger entry, keyed by the object, carries the case reference reserved
// on the first attempt, and every later write is conditional or idempotent.

import type { IntakePolicy } from "../config/intake-policy";
import type { AttachmentRecord } from "../domain/attachments";
import { type CaseRecord, MAX_STORED_TEXT, type MessageReceivedEvent, summarise } from "../domain/case";
import { forwardedMessage } from "../domain/forwarding";
import { type IntakeEntry, type IntakeOutcome, mailIntakeId } from "../domain/intake";
import { type InboundEmail, normaliseEmailAddress, normaliseMessageId } from "../domain/mail";
import { DEFAULT_MIME_LIMITS, type MimeLimits } from "../domain/mime-limits";
import { newReference } from "../domain/reference";
import { screen } from "../domain/screening";
import { threadingClues } from "../domain/threading";
import { understand, understoodCaseFields } from "../domain/understanding";
import {
  type AttachmentStore,
  type IntakeLedger,
  MailBudgetError,
  MailParseError,
  type MailParser,
  type RandomBytes,
  type RawMailLocation,
  type RawMailStore,
  type ThemeLedger,
} from "../ports";
import { type CompletionDependencies, completeCase } from "./complete-case";
import { contactHistory } from "./contact-history";
import { noteTheme } from "./repeated-themes";

export interface EmailIntakeDependencies extends CompletionDependencies {
  ledger: IntakeLedger;
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
  const entry = await deps.ledger.open({
    intakeId,
    channel: "email",
    receivedAt: deps.clock.now().toISOString(),
    proposedCaseReference: newReference("case", deps.random),
    source: `s3://${object.bucket}/${object.key}`,
  });

  if (entry.result) {
    // Redelivery: the outcome is decided; only unfinished follow-up steps of a new case remain.
    if (entry.result.outcome === "case-created") await completeCase(entry.result.caseReference, deps);
    return entry.result;
  }

  const { outcome, messageId } = await decide(object, entry, deps);
  await deps.ledger.recordOutcome(intakeId, outcome, deps.clock.now().toISOString(), messageId);
  deps.log.info("intake recorded", {
    intakeId,
    outcome: outcome.outcome,
    ...("reason" in outcome ? { reason: outcome.reason } : { caseReference: outcome.caseReference }),
  });
  if (outcome.outcome === "case-created") await completeCase(outcome.caseReference, deps);
  return outcome;
}

interface Decision {
  outcome: IntakeOutcome;
  messageId?: string;
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
  location: RawMailLocation,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<InboundEmail | Decision> {
  const limits = limitsFor(entry, deps);
  const handle = await deps.rawMail.open(location);
  if (handle.size > limits.maxRawBytes) {
    handle.discard();
    return { outcome: { outcome: "quarantined", reason: "too-large" } };
  }
  const raw = await handle.bytes();
  try {
    return await deps.parser.parse(raw, limits.mime);
  } catch (error) {
    if (error instanceof MailBudgetError)
      return { outcome: { outcome: "quarantined", reason: error.reason } };
    if (error instanceof MailParseError)
      return { outcome: { outcome: "quarantined", reason: "unparseable" } };
    throw error;
  }
}

async function decide(
  location: RawMailLocation,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<Decision> {
  const parsed = await parseObject(location, entry, deps);
  if ("outcome" in parsed) return parsed;
  const email = parsed;
  const messageId = email.messageId ? normaliseMessageId(email.messageId) : undefined;

  const decision = screen(email, { ownAddresses: [deps.settings.intakeAddress] });
  const releasedVerdict =
    entry.release && decision.action === "quarantine" && ["spam", "virus"].includes(decision.reason);
  if (decision.action === "quarantine" && !releasedVerdict) {
    return { outcome: { outcome: "quarantined", reason: decision.reason }, messageId };
  }
  if (decision.action === "suppress") {
    if (decision.reason === "delivery-report") await noteBounce(email, entry, deps);
    return { outcome: { outcome: "suppressed", reason: decision.reason }, messageId };
  }

  const existing = await findThread(email, deps);
  if (existing) {
    await threadReply(existing, email, messageId, entry, deps);
    return { outcome: { outcome: "threaded", caseReference: existing.reference }, messageId };
  }

  const possibleSpoof = decision.action === "accept" && decision.possibleSpoof;
  const reference = entry.proposedCaseReference;
  await recordEmailCase(reference, email, messageId, possibleSpoof, entry, deps);
  return { outcome: { outcome: "case-created", caseReference: reference }, messageId };
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

async function storeAttachments(
  reference: string,
  email: InboundEmail,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<AttachmentRecord[]> {
  return Promise.all(
    email.attachments.map((attachment, index) =>
      deps.attachments.put(reference, `${entry.intakeId}#${index}`, attachment),
    ),
  );
}

function receivedEvent(
  reference: string,
  email: InboundEmail,
  messageId: string | undefined,
  attachments: AttachmentRecord[],
  fromCustomer: boolean,
  entry: IntakeEntry,
  at: string,
): MessageReceivedEvent {
  return {
    type: "message-received",
    caseReference: reference,
    eventId: `received:${entry.intakeId}`,
    at,
    channel: "email",
    from: normaliseEmailAddress(email.from?.address ?? ""),
    subject: email.subject,
    messageId,
    inReplyTo: email.inReplyTo,
    text: email.text.slice(0, MAX_STORED_TEXT),
    textTruncated: email.text.length > MAX_STORED_TEXT,
    rawLocation: entry.source,
    attachments,
    fromCustomer,
  };
}

async function threadReply(
  record: CaseRecord,
  email: InboundEmail,
  messageId: string | undefined,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const sender = normaliseEmailAddress(email.from?.address ?? "");
  const fromCustomer = sender === record.customer.email;
  const attachments = await storeAttachments(record.reference, email, entry, deps);
  await deps.cases.appendEvent(
    receivedEvent(record.reference, email, messageId, attachments, fromCustomer, entry, at),
  );
  if (messageId) await deps.cases.addLookup("message-id", messageId, record.reference);
  if (!fromCustomer) {
    await deps.cases.setFlag(record.reference, "reply-from-other-sender", {
      at,
      detail: `a reply came from ${sender}, who is not the customer on this case`,
    });
  }
  if (record.status !== "open" && deps.intakePolicy.reopenClosedCaseOnReply && fromCustomer) {
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
}

async function recordEmailCase(
  reference: string,
  email: InboundEmail,
  messageId: string | undefined,
  possibleSpoof: boolean,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const forward = forwardedMessage(email, deps.settings.internalDomains);
  const from = forward?.customer ?? email.from;
  const subject = forward?.subject ?? email.subject;
  const text = forward?.text ?? email.text;
  const sender = normaliseEmailAddress(from?.address ?? "");
  const customer = await deps.cases.findOrCreateCustomer(sender, newReference("customer", deps.random), at);
  const history = await contactHistory(sender, deps.clock.now(), deps.cases, deps.policy);
  const understanding = understand(
    {
      channel: "email",
      subject,
      text,
      sender: { email: sender, name: from?.name || undefined },
      forwarded: forward !== undefined,
      history,
    },
    deps.policy,
  );
  const clues = threadingClues(email);
  const flags: CaseRecord["flags"] = {};
  if (possibleSpoof)
    flags["possible-spoof"] = { at, detail: "the sender's domain failed SPF or DMARC checks" };
  if (clues.invalidReferences.length > 0) {
    flags["invalid-reference-quoted"] = {
      at,
      detail: `the customer quoted ${clues.invalidReferences.join(", ")}, which is not a valid case reference`,
    };
  }
  const holdAcknowledgement = possibleSpoof && !deps.intakePolicy.acknowledgePossibleSpoof;

  const record: CaseRecord = {
    reference,
    customerReference: customer.customerReference,
    channel: "email",
    status: "open",
    createdAt: at,
    updatedAt: at,
    ...understoodCaseFields(understanding),
    subject,
    summary: summarise(text || subject),
    repeatContact: history,
    acknowledgement: holdAcknowledgement
      ? { state: "not-required", reason: "possible-spoof" }
      : { state: "pending" },
    intakeId: entry.intakeId,
    inboundMessageId: messageId,
    ...(forward ? { forwardedBy: normaliseEmailAddress(forward.forwardedBy.address) } : {}),
    flags,
  };
  const attachments = await storeAttachments(reference, email, entry, deps);
  const received = receivedEvent(reference, email, messageId, attachments, true, entry, at);
  await deps.cases.createCase(record, received);
  await deps.cases.addLookup("email", sender, reference);
  if (messageId) await deps.cases.addLookup("message-id", messageId, reference);
  await noteTheme(record, deps.clock.now(), deps);
}
