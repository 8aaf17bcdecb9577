// Turns one raw email object into exactly one recorded outcome: a new case (then referred and
// acknowledged), a suppression or a quarantine entry. Safe to run again for the same object: the
// intake ledger entry, keyed by the object, carries the case reference reserved on the first attempt.

import type { CaseRecord, MessageReceivedEvent } from "../domain/case";
import { MAX_STORED_TEXT, summarise } from "../domain/case";
import { type IntakeEntry, type IntakeOutcome, mailIntakeId } from "../domain/intake";
import { type InboundEmail, normaliseEmailAddress, normaliseMessageId } from "../domain/mail";
import { newReference } from "../domain/reference";
import { screen } from "../domain/screening";
import { understand } from "../domain/understanding";
import {
  type IntakeLedger,
  MailParseError,
  type MailParser,
  type RandomBytes,
  type RawMailLocation,
  type RawMailStore,
} from "../ports";
import { type CompletionDependencies, completeCase } from "./complete-case";

export interface EmailIntakeDependencies extends CompletionDependencies {
  ledger: IntakeLedger;
  rawMail: RawMailStore;
  parser: MailParser;
  random: RandomBytes;
  settings: CompletionDependencies["settings"] & { maxRawBytes: number };
}

export interface RawMailObject extends RawMailLocation {
  size: number;
}

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

async function decide(
  object: RawMailObject,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<Decision> {
  if (object.size > deps.settings.maxRawBytes)
    return { outcome: { outcome: "quarantined", reason: "too-large" } };

  const raw = await deps.rawMail.get(object);
  let email: InboundEmail;
  try {
    email = await deps.parser.parse(raw);
  } catch (error) {
    if (error instanceof MailParseError)
      return { outcome: { outcome: "quarantined", reason: "unparseable" } };
    throw error;
  }
  const messageId = email.messageId ? normaliseMessageId(email.messageId) : undefined;

  const decision = screen(email, { ownAddresses: [deps.settings.intakeAddress] });
  if (decision.action === "suppress")
    return { outcome: { outcome: "suppressed", reason: decision.reason }, messageId };
  if (decision.action === "quarantine") {
    return { outcome: { outcome: "quarantined", reason: decision.reason }, messageId };
  }

  const reference = entry.proposedCaseReference;
  await recordEmailCase(reference, email, messageId, entry, deps);
  return { outcome: { outcome: "case-created", caseReference: reference }, messageId };
}

async function recordEmailCase(
  reference: string,
  email: InboundEmail,
  messageId: string | undefined,
  entry: IntakeEntry,
  deps: EmailIntakeDependencies,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const sender = normaliseEmailAddress(email.from?.address ?? "");
  const customer = await deps.cases.findOrCreateCustomer(sender, newReference("customer", deps.random), at);
  const understanding = understand(
    {
      channel: "email",
      subject: email.subject,
      text: email.text,
      sender: { email: sender, name: email.from?.name || undefined },
    },
    deps.policy,
  );

  const record: CaseRecord = {
    reference,
    customerReference: customer.customerReference,
    channel: "email",
    status: "open",
    createdAt: at,
    updatedAt: at,
    customer: understanding.customer,
    subject: email.subject,
    summary: summarise(email.text || email.subject),
    transactionReferences: understanding.transactionReferences,
    extracted: understanding.extracted,
    classification: understanding.classification,
    referral: understanding.referral,
    acknowledgement: { state: "pending" },
    intakeId: entry.intakeId,
    inboundMessageId: messageId,
  };
  const received: MessageReceivedEvent = {
    type: "message-received",
    caseReference: reference,
    eventId: `received:${entry.intakeId}`,
    at,
    channel: "email",
    from: sender,
    subject: email.subject,
    messageId,
    inReplyTo: email.inReplyTo,
    text: email.text.slice(0, MAX_STORED_TEXT),
    textTruncated: email.text.length > MAX_STORED_TEXT,
    rawLocation: entry.source,
    attachments: email.attachments,
  };
  await deps.cases.createCase(record, received);
  await deps.cases.addLookup("email", sender, reference);
  if (messageId) await deps.cases.addLookup("message-id", messageId, reference);
}
