// The interfaces the application needs from the outside world. Adapters implement them on AWS
// (DynamoDB, S3, SQS, SES) and tests may implement them in memory; the domain never imports an SDK.

import type { AttachmentRecord } from "./domain/attachments";
import type {
  Acknowledgement,
  CaseFlag,
  CaseFlagCode,
  CaseRecord,
  ReferralLevel,
  TimelineEvent,
} from "./domain/case";
import type { IntakeEntry, IntakeOutcome } from "./domain/intake";
import type { InboundAttachment, InboundEmail } from "./domain/mail";
import type { MimeLimits } from "./domain/mime-limits";

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
  setFlag(reference: string, code: CaseFlagCode, flag: CaseFlag): Promise<void>;
  /** A closed case becomes open again; returns false when it was already open. */
  reopen(reference: string, at: string): Promise<boolean>;
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
  listQuarantined(limit: number): Promise<IntakeEntry[]>;
  /**
   * Reopens a quarantined entry after staff reviewed it: the quarantine moves to the entry's history and
   * the next intake attempt processes it with the budgets relaxed. False when it is not quarantined.
   */
  release(intakeId: string, releasedBy: string, at: string): Promise<boolean>;
}

export interface RawMailLocation {
  bucket: string;
  key: string;
}

export interface RawMailObjectHandle {
  size: number;
  bytes(): Promise<Buffer>;
  /** Releases the object without reading it (when it is over the size budget). */
  discard(): void;
}

export interface RawMailStore {
  open(location: RawMailLocation): Promise<RawMailObjectHandle>;
}

export interface AttachmentStore {
  /**
   * Stores the bytes under a key generated from `attachmentId` (stable across retries, never the
   * sender's filename) and returns the record to keep on the case.
   */
  put(caseReference: string, attachmentId: string, attachment: InboundAttachment): Promise<AttachmentRecord>;
}

export interface AcknowledgementQuota {
  /** Takes one of today's acknowledgements for this sender; false when the daily cap is reached. */
  take(sender: string, day: string, cap: number): Promise<boolean>;
}

export interface IntakeQueue {
  /** Asks intake to process a raw mail object again (after a quarantine release or a reconciliation). */
  redrive(location: RawMailLocation): Promise<void>;
}

export interface MailParser {
  /** Throws MailParseError for what is not MIME, MailBudgetError for what exceeds the limits. */
  parse(raw: Buffer, limits: MimeLimits): Promise<InboundEmail>;
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

export interface ThemeAlertMessage {
  alertId: string;
  theme: string;
  summary: string;
  caseReferences: string[];
  raisedAt: string;
}

export interface ReferralQueue {
  send(message: ReferralMessage): Promise<void>;
  /** Repeated-theme alerts go to management. */
  sendThemeAlert(message: ThemeAlertMessage): Promise<void>;
}

export interface ThemeLedger {
  /** Idempotent per case. */
  record(theme: string, caseReference: string, at: string, windowDays: number): Promise<void>;
  casesSince(theme: string, since: string): Promise<string[]>;
  /** True for the first caller only: an alert is raised once per theme and window. */
  claimAlert(alertId: string, at: string): Promise<boolean>;
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

/** The message is over one of the MIME budgets; it is quarantined with the reason, never parsed in full. */
export class MailBudgetError extends Error {
  override name = "MailBudgetError";
  constructor(
    readonly reason:
      | "too-deep"
      | "too-many-parts"
      | "too-many-attachments"
      | "html-too-large"
      | "unparseable",
    options?: ErrorOptions,
  ) {
    super(`message is over the MIME budget: ${reason}`, options);
  }
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

export interface RateLimitRule {
  /** Names the counter (e.g. `form-ip`), so rules never share counts. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimiter {
  /**
   * Counts one use by `subject` in the rule's current fixed window; false once the window's limit is
   * used up. The subject must carry no personal data: pass a keyed hash of the address or email.
   */
  take(rule: RateLimitRule, subject: string, at: Date): Promise<boolean>;
}
