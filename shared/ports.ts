// The interfaces the application needs from the outside world. Adapters implement them on AWS
// (DynamoDB, S3, SQS, SES) and tests may implement them in memory; the domain never imports an SDK.

import type { Acknowledgement, CaseRecord, ReferralLevel, TimelineEvent } from "./domain/case";
import type { IntakeEntry, IntakeOutcome } from "./domain/intake";
import type { InboundEmail } from "./domain/mail";

export type LookupKind = "email" | "message-id" | "intake-message-id";

export interface CustomerRecord {
  customerReference: string;
  email: string;
  createdAt: string;
}

export interface CaseStore {
  /** Writes the case and its first timeline event; `exists` when a retry finds it already written. */
  createCase(record: CaseRecord, firstEvent: TimelineEvent): Promise<"created" | "exists">;
  getCase(reference: string): Promise<CaseRecord | undefined>;
  /** Idempotent by `eventId`. */
  appendEvent(event: TimelineEvent): Promise<void>;
  timeline(reference: string): Promise<TimelineEvent[]>;
  findCaseReferences(kind: LookupKind, value: string): Promise<string[]>;
  addLookup(kind: LookupKind, value: string, caseReference: string): Promise<void>;
  markReferred(reference: string, sentAt: string): Promise<void>;
  /** pending → sending, conditionally: only one caller ever wins, so only one acknowledgement is sent. */
  claimAcknowledgement(reference: string, at: string): Promise<boolean>;
  settleAcknowledgement(reference: string, result: Acknowledgement, at: string): Promise<void>;
  /** Returns the existing customer for this email, or records a new one with the offered reference. */
  findOrCreateCustomer(email: string, offeredReference: string, at: string): Promise<CustomerRecord>;
}

export interface IntakeLedger {
  /** Creates the entry if absent and returns what is stored (the first writer's entry on a race). */
  open(entry: IntakeEntry): Promise<IntakeEntry>;
  get(intakeId: string): Promise<IntakeEntry | undefined>;
  /** Sets the one outcome of the entry; a later call for the same entry changes nothing. */
  recordOutcome(intakeId: string, outcome: IntakeOutcome, at: string, messageId?: string): Promise<void>;
  findByMessageId(messageId: string): Promise<IntakeEntry[]>;
}

export interface RawMailLocation {
  bucket: string;
  key: string;
}

export interface RawMailStore {
  get(location: RawMailLocation): Promise<Buffer>;
}

export interface MailParser {
  parse(raw: Buffer): Promise<InboundEmail>;
}

export interface ReferralMessage {
  referralId: string;
  caseReference: string;
  level: ReferralLevel;
  reasonCode: string;
  reason: string;
  kind: string;
  category: string;
  cause: string;
  signals: string[];
  summary: string;
  receivedAt: string;
}

export interface ReferralQueue {
  send(message: ReferralMessage): Promise<void>;
}

export interface OutboundEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export interface Mailer {
  /** Returns the provider's message id, from which the Message-ID header customers reply to derives. */
  send(message: OutboundEmail): Promise<{ providerMessageId: string; messageId: string }>;
}

export interface Clock {
  now(): Date;
}

export type RandomBytes = (size: number) => Uint8Array;

/** The parser could not read the message as MIME at all; it is quarantined, never retried. */
export class MailParseError extends Error {
  override name = "MailParseError";
}

/** The mail service refused this message for good (bad address, content rejected); retrying will not help. */
export class MailRejectedError extends Error {
  override name = "MailRejectedError";
}

/** Structured, personal-data-free logging: short lowercase messages with ids and reason codes. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
