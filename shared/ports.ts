// The interfaces the application needs from the outside world. Adapters implement them on AWS
// (DynamoDB, S3, SQS, SES) and tests may implement them in memory; the domain never imports an SDK.

import type { AttachmentRecord } from "./domain/attachments";
import type {
  Acknowledgement,
  CaseFlag,
  CaseFlagCode,
  CaseRecord,
  Evidence,
  ReferralLevel,
  TimelineEvent,
} from "./domain/case";
import type { CaseAccess } from "./domain/case-access";
import type { Commitment } from "./domain/commitments";
import type { ClockPause } from "./domain/complaint-clocks";
import type { DueItem } from "./domain/follow-ups";
import type { IntakeEntry, IntakeOutcome } from "./domain/intake";
import type { AttachmentInfo, InboundEmail } from "./domain/mail";
import type { MimeLimits } from "./domain/mime-limits";
import type { CaseFeedback, CaseOutcome, FeedbackReportEntry } from "./domain/outcomes";
import type { LegalHold } from "./domain/retention";

export type LookupKind = "email" | "message-id" | "intake-message-id" | "phone" | "postcode" | "transaction";

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
  /** Writes several ways to find one case together; idempotent, so a retry may repeat it. */
  addLookups(caseReference: string, lookups: readonly { kind: LookupKind; value: string }[]): Promise<void>;
  markReferred(reference: string, sentAt: string): Promise<void>;
  /**
   * pending → sending, conditionally: only one caller ever wins, so only one acknowledgement is sent.
   * With `referredAt`, the referral just sent is marked in the same write when the claim is won.
   */
  claimAcknowledgement(reference: string, at: string, referredAt?: string): Promise<boolean>;
  /** sending → `result`; with `contactAt`, the case's last contact is recorded in the same write. */
  settleAcknowledgement(
    reference: string,
    result: Acknowledgement,
    at: string,
    contactAt?: string,
  ): Promise<void>;
  setFlag(reference: string, code: CaseFlagCode, flag: CaseFlag): Promise<void>;
  /** A closed case becomes open again; returns false when it was already open. */
  reopen(reference: string, at: string): Promise<boolean>;
  /**
   * Keeps what a later message showed: the case's signals become `signals`, the new evidence is added,
   * and the referral moves up to `referral.to` when given. False when the referral is no longer at
   * `referral.from` (someone moved it meanwhile); nothing is changed then.
   */
  raiseSignals(reference: string, change: RaisedSignals, at: string): Promise<boolean>;
  /** Returns the existing customer for this email, or records a new one with the offered reference. */
  findOrCreateCustomer(email: string, offeredReference: string, at: string): Promise<CustomerRecord>;
}

export interface RaisedSignals {
  signals: string[];
  evidence: Evidence[];
  referral?: { from: ReferralLevel; to: Referral };
}

export interface IntakeLedger {
  /** Creates the entry if absent and returns what is stored (the first writer's entry on a race). */
  open(entry: IntakeEntry): Promise<IntakeEntry>;
  get(intakeId: string): Promise<IntakeEntry | undefined>;
  /**
   * Records a refused form post in one write, entry and outcome together, expiring at `expiresAt`
   * (epoch seconds): refusals carry reason codes only and are kept no longer than uncased input.
   */
  recordRefusal(entry: IntakeEntry & { result: IntakeEntry["result"] }, expiresAt: number): Promise<void>;
  /** Sets the one outcome of the entry; a later call for the same entry changes nothing. */
  recordOutcome(intakeId: string, outcome: IntakeOutcome, at: string, messageId?: string): Promise<void>;
  findByMessageId(messageId: string): Promise<IntakeEntry[]>;
  /**
   * Claims a delivered message's identity (see `deliveryIdentity`) for `intakeId`, conditionally, and
   * returns the intake that holds it: `intakeId` itself, or the first intake of the same message within
   * the window. Claiming again for the same intake holds.
   */
  claimDelivery(identity: string, intakeId: string, at: Date, windowHours: number): Promise<string>;
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

/** Bytes in order as they arrive, read once: a large object is never held whole in memory. */
export type ByteStream = AsyncIterable<Uint8Array>;

export interface RawMailObjectHandle {
  size: number;
  body: ByteStream;
  /** Releases the object without reading it (when it is over the size budget). */
  discard(): void;
}

export interface RawMailStore {
  open(location: RawMailLocation): Promise<RawMailObjectHandle>;
}

export interface AttachmentStore {
  /**
   * Streams `content` (exactly `attachment.size` bytes) to storage under a key generated from
   * `attachmentId` (stable across retries, never the sender's filename) and returns the record to
   * keep on the case.
   */
  put(
    caseReference: string,
    attachmentId: string,
    attachment: AttachmentInfo,
    content: ByteStream,
  ): Promise<AttachmentRecord>;
}

export interface AcknowledgementQuota {
  /** Takes one of today's acknowledgements for this sender; false when the daily cap is reached. */
  /**
   * Counts `messageId` (a case's acknowledgement, a reply notice) against the sender's daily cap. Taking
   * the same id again answers as before, so a retried send never uses up a second place.
   */
  take(sender: string, day: string, cap: number, messageId: string): Promise<boolean>;
}

export interface IntakeQueue {
  /** Asks intake to process a raw mail object again (after a quarantine release or a reconciliation). */
  redrive(location: RawMailLocation): Promise<void>;
}

/** Takes the decoded bytes of the message's attachment number `index` as the parser reaches them; reads them to the end. */
export type AttachmentSink = (index: number, content: ByteStream) => Promise<void>;

export interface MailParser {
  /**
   * Reads a message as it streams in. Attachment bytes are never kept: each attachment goes to
   * `onAttachment` while it is decoded, or is only measured when there is none. Throws MailParseError
   * for what is not MIME and MailBudgetError for what exceeds the limits; a failure of `raw` or of
   * `onAttachment` is passed on as it is, since trying again may succeed.
   */
  parse(
    raw: ByteStream | Uint8Array,
    limits: MimeLimits,
    onAttachment?: AttachmentSink,
  ): Promise<InboundEmail>;
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
  /** Present when a colleague re-referred the case. */
  referredBy?: string;
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

/** A theme's counts after a case was counted, as `ThemeLedger.count` returns them. */
export interface ThemeTally {
  /** Cases counted in the current period and in the one before it (see `themePeriods`). */
  current: number;
  previous: number;
  /** Some of the theme's latest cases, newest first: a bounded sample, this case included. */
  recentCases: { caseReference: string; at: string }[];
  /** The period whose alert was raised already, if any. */
  alertedPeriod?: string;
}

export interface ThemeLedger {
  /**
   * Counts the case under its theme in the current period, once per case (a retry of the same case
   * counts nothing again), and returns the theme's counts. Nothing read grows with the theme's cases.
   */
  count(
    theme: string,
    caseReference: string,
    at: string,
    periods: { current: string; previous: string },
  ): Promise<ThemeTally>;
  /** Notes that the period's alert was raised, so later cases of the period do not try again. */
  noteAlerted(theme: string, period: string): Promise<void>;
  /**
   * True for the first caller only: an alert is raised once per theme and window. The alert is kept
   * with the claim (an outbox item) until `markQueued`, so one that never reached its queue is found
   * and sent by the reconciler.
   */
  claimAlert(alert: ThemeAlertMessage): Promise<boolean>;
  markQueued(alertId: string, at: string): Promise<void>;
}

/**
 * The outbox of staff notifications: a notification is claimed before it is sent and marked once it
 * went, so a retry after a crash between the send and its record sends nothing twice, and what was
 * claimed but never marked is visible to the reconciler.
 */
export interface NotificationOutbox {
  /** Claims `notificationId` for sending; false when it is claimed or sent already. */
  claim(notificationId: string, at: string): Promise<boolean>;
  /** Gives a claim back when nothing was sent, so the next attempt may send. */
  release(notificationId: string): Promise<void>;
  markSent(notificationId: string, at: string, messageId: string): Promise<void>;
}

/** A staff notification as the outbox keeps it. */
export interface NotificationRecord {
  notificationId: string;
  state: "sending" | "sent" | "released";
  claimedAt: string;
  sentAt?: string;
}

/** A theme alert claimed but not yet on the management queue. */
export interface UnqueuedThemeAlert {
  alert: ThemeAlertMessage;
  claimedAt: string;
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

/**
 * A secret such as a signing key, read at run time and cached for a few minutes: it is never in the
 * function's configuration, and a rotated value is used without a redeploy.
 */
export type ReadSecret = () => Promise<string>;

export type RandomBytes = (size: number) => Uint8Array;

/** The parser could not read the message as MIME at all; it is quarantined, never retried. */
export class MailParseError extends Error {
  override name = "MailParseError";
}

/**
 * The message is over one of the MIME budgets; it is quarantined with the reason, never parsed in full.
 * `messageId` is the Message-ID from its header block, read before the budget ran out, when it had one.
 */
export class MailBudgetError extends Error {
  override name = "MailBudgetError";
  readonly messageId: string | undefined;
  constructor(
    readonly reason:
      | "too-deep"
      | "too-many-parts"
      | "too-many-attachments"
      | "html-too-large"
      | "unparseable",
    options?: ErrorOptions & { messageId?: string },
  ) {
    super(`message is over the MIME budget: ${reason}`, options);
    this.messageId = options?.messageId;
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

// Reconciliation, retention and the rights of data subjects.

/** A raw mail object as the bucket lists it. */
export interface RawMailObjectSummary extends RawMailLocation {
  size: number;
  /** MD5 hex without quotes, as S3 puts it in events. */
  eTag: string;
  /** ISO time the object was stored. */
  lastModified: string;
}

export interface RawMailInventory {
  /** Every raw mail object under the intake prefix: for the sandbox's start-up, never for a reconcile run. */
  list(): Promise<RawMailObjectSummary[]>;
  /** Which of these keys still have their object (one small listing per key, never the whole bucket). */
  present(keys: readonly string[]): Promise<Set<string>>;
}

/** Raw mail as SES reported storing it, whether or not its S3 event ever reached intake. */
export interface RawMailArrival extends RawMailLocation {
  /** ISO time SES received the message. */
  receivedAt: string;
}

export interface RawMailArrivals {
  /** Records the arrival once, in the hour it arrived; recording it again changes nothing. */
  record(arrival: RawMailArrival): Promise<void>;
}

/** What started within a reconcile window: every item the recent-work index lists for its hours. */
export interface RecentWork {
  entries: IntakeEntry[];
  arrivals: RawMailArrival[];
  cases: CaseRecord[];
  unqueuedThemeAlerts: UnqueuedThemeAlert[];
}

/**
 * The reconciler's reads, all of them bounded by recent work: the items that started in a window of
 * hours, the few older items they point at, and the time the last run finished.
 */
export interface RecentWorkIndex {
  read(from: Date, to: Date): Promise<RecentWork>;
  entries(intakeIds: readonly string[]): Promise<IntakeEntry[]>;
  cases(references: readonly string[]): Promise<CaseRecord[]>;
  notifications(notificationIds: readonly string[]): Promise<NotificationRecord[]>;
  /** The time of the latest run that finished, if any. */
  lastRun(): Promise<string | undefined>;
  /** Remembers that a run at `at` finished; an earlier time never replaces a later one. */
  recordRun(at: string): Promise<void>;
}

/** The intake ledger and the cases, read together in one pass over the case table. */
export interface CaseTableContents {
  entries: IntakeEntry[];
  cases: CaseRecord[];
}

export interface CaseTableInventory {
  read(): Promise<CaseTableContents>;
}

/** Removes personal data from the case table. Every call is idempotent, so a purge that stopped can run again. */
export interface PersonalDataStore {
  /**
   * Deletes the case's timeline, what else is kept beside the case, and the lookups that find it, and
   * keeps `remains` in the case's place (nothing when undefined). Theme counts, queue and report rows
   * name only the case reference and carry no personal data.
   */
  purgeCase(
    reference: string,
    remains: CaseRecord | undefined,
    lookups: { kind: LookupKind; value: string }[],
  ): Promise<void>;
  /** Removes the entry's submission, message id and index items and marks it purged; its outcome stays. */
  purgeIntakeEntry(intakeId: string, at: string): Promise<void>;
  /** Removes the customer's comment from the case's line in the feedback report; the rating stays. */
  eraseFeedbackComment(reference: string, feedbackAt: string): Promise<void>;
  deleteCustomer(email: string): Promise<void>;
  /** Sets, or with undefined removes, the TTL backstop (epoch seconds) on the case and its timeline. */
  setExpiry(reference: string, expiresAt: number | undefined): Promise<void>;
  /** Places or lifts a legal hold; false when there is no such case. */
  setLegalHold(reference: string, hold: LegalHold | undefined, at: string): Promise<boolean>;
}

/** Raw mail and attachment objects in the raw-mail bucket, by key. */
export interface StoredObjects {
  /** The object's bytes, or undefined when it is gone. */
  read(key: string): Promise<Buffer | undefined>;
  /** Deleting an object that is already gone succeeds. */
  delete(keys: string[]): Promise<void>;
}

export type PersonIdentifierKind = "email" | "phone";

/** What is left after an erasure: a hash of the identifier, so the person can be recognised but not read. */
export interface Tombstones {
  bury(kind: PersonIdentifierKind, value: string, at: string): Promise<void>;
  covers(kind: PersonIdentifierKind, value: string): Promise<boolean>;
}

export interface ParkedMessage {
  /** The dead-letter queue's URL. */
  queue: string;
  messageId: string;
  body: string;
  receiptHandle: string;
}

/** Messages parked in Heed's dead-letter queues, which may carry case summaries or raw-mail keys. */
export interface DeadLetters {
  /** Receives every parked message briefly: those not deleted become visible again. */
  list(): Promise<ParkedMessage[]>;
  delete(message: ParkedMessage): Promise<void>;
}

/** Counts for dashboards and alarms; names and values only, never personal data. */
export interface Metrics {
  publish(values: Record<string, number>): void;
}

// Keeping customers informed: outbound letters, suppressed addresses, the promise ledger, follow-up
// timers, outcomes and feedback.

/** A letter to a customer: the plain text and an HTML part saying the same. */
export interface OutboundLetter extends OutboundEmail {
  html: string;
}

/**
 * The SES account is still in the SES sandbox, where it may only send to verified addresses, and the
 * recipient is not one: nothing to retry until the account has production access.
 */
export class MailRecipientNotVerifiedError extends MailRejectedError {
  override name = "MailRecipientNotVerifiedError";
}

/** Heed sends nothing more to this address: mail to it bounced for good or was reported as spam. */
export class MailSuppressedError extends MailRejectedError {
  override name = "MailSuppressedError";
}

export type SuppressionCause = "bounce" | "complaint";

export interface Suppressions {
  suppress(address: string, cause: SuppressionCause, at: string): Promise<void>;
  isSuppressed(address: string): Promise<boolean>;
}

/** What staff did about a case beyond the case item itself: contact, outcome, feedback, commitments. */
export interface CaseCommunicationStore {
  /** Records when Heed last sent the customer something; an earlier time never replaces a later one. */
  noteContact(reference: string, at: string): Promise<void>;
  /** Sets the outcome and the matching status while the case is open; false when it was not open. */
  recordOutcome(reference: string, outcome: CaseOutcome): Promise<boolean>;
  /** Keeps the one answer to the current outcome's feedback request; false if answered or superseded. */
  recordFeedback(reference: string, feedback: CaseFeedback): Promise<boolean>;
  addToFeedbackReport(entry: FeedbackReportEntry): Promise<void>;
  /** Feedback received in a month (`yyyy-mm`), oldest first. */
  feedbackReport(month: string): Promise<FeedbackReportEntry[]>;
  saveCommitment(commitment: Commitment): Promise<void>;
  getCommitment(reference: string, commitmentId: string): Promise<Commitment | undefined>;
  listCommitments(reference: string): Promise<Commitment[]>;
  /** open → kept or missed; false when it was no longer open. */
  settleCommitment(
    reference: string,
    commitmentId: string,
    settlement: { state: "kept" | "missed"; at: string; keptBy?: string; note?: string },
  ): Promise<boolean>;
  /** A once-only claim named `key` on the case (e.g. the notice for one reply); false if already taken. */
  claimOnce(reference: string, key: string, at: string): Promise<boolean>;
  /** Gives back a claim whose work did not happen (nothing was sent), so a retry can take it again. */
  releaseClaim(reference: string, key: string): Promise<void>;
}

/** Moments Heed must look at a case again, found by date rather than by scanning cases. */
export interface DueItems {
  /** Idempotent: the same item scheduled twice is stored once. */
  schedule(item: DueItem): Promise<void>;
  /** Items due at or before `now` and not yet done, from the last `lookbackDays` days, oldest first. */
  due(now: Date, lookbackDays: number): Promise<DueItem[]>;
  markDone(item: DueItem, at: string): Promise<void>;
}

export interface FeedbackClaims {
  caseReference: string;
  outcomeId: string;
  expiresAt: string;
}

export type FeedbackTokenReading =
  | { valid: true; claims: FeedbackClaims }
  | { valid: false; reason: "expired"; claims: FeedbackClaims }
  | { valid: false; reason: "invalid" };

/** Signed, expiring feedback links: the token is the customer's only credential for the feedback page. */
export interface FeedbackTokens {
  issue(claims: FeedbackClaims): string;
  read(token: string, now: Date): FeedbackTokenReading;
}

// Staff acting on referrals: each level's queue of cases, what staff change on a case, the report
// items written as things happen, and links to download attachments.

type Referral = import("./domain/case").Referral;
type Correction = import("./domain/case").Correction;
type CustomerDetails = import("./domain/case").CustomerDetails;
type Classification = import("./domain/case").Classification;

/** A case waiting in a level's queue, written when the referral reaches the level. */
export interface QueueEntry {
  level: ReferralLevel;
  caseReference: string;
  /** When the case was received: the queue reads oldest first. */
  receivedAt: string;
  referralId: string;
  referredAt: string;
  /** The case carries a signal that asks for speed (urgency, vulnerability). */
  urgent: boolean;
}

export interface WorkQueues {
  /** Idempotent: placing the same referral again changes nothing. */
  place(entry: QueueEntry): Promise<void>;
  /** Entries not yet settled, oldest first. */
  list(level: ReferralLevel): Promise<QueueEntry[]>;
  /** Takes an entry off its queue, once its case is closed or has moved to another level. */
  settle(entry: QueueEntry, at: string): Promise<void>;
}

export type ClaimResult = { claimed: true; previous?: string } | { claimed: false; heldBy: string };

/** The changes staff make to a case item; every one also notes the first staff action. */
export interface StaffCaseChanges {
  /** Takes the case for `by`; a case held by someone else is taken over only when `takeOver` is set. */
  claim(reference: string, by: string, at: string, takeOver: boolean): Promise<ClaimResult>;
  /** Moves the case to another level; false when it is no longer at `from`. */
  changeReferral(reference: string, from: ReferralLevel, referral: Referral, at: string): Promise<boolean>;
  /** Sets the corrected values and keeps the corrections with their originals. */
  correct(
    reference: string,
    changes: CaseCorrectionChanges,
    corrections: Correction[],
    at: string,
  ): Promise<void>;
  /** For actions that only add to the timeline (notes, offers). */
  noteStaffAction(reference: string, at: string): Promise<void>;
}

export interface CaseCorrectionChanges {
  customer?: Partial<Pick<CustomerDetails, "name" | "phone" | "address" | "postcode">>;
  transactionReferences?: string[];
  classification?: Partial<Pick<Classification, "kind" | "category" | "cause" | "signals">>;
}

/** One case as the reports count it: what it was and when each milestone was reached. No personal data. */
export interface CaseReportRow {
  caseReference: string;
  /** Monday (yyyy-mm-dd, UTC) of the week the case was received: the week it is reported in. */
  week: string;
  receivedAt: string;
  channel: string;
  kind: string;
  category: string;
  cause: string;
  level: ReferralLevel;
  acknowledgedAt?: string;
  firstStaffActionAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  status: string;
  feedbackRating?: number;
  /** The kind Heed read, when staff corrected it (the row's `kind` is the corrected one). */
  understoodKind?: string;
  /** Staff corrected the kind or the signals: the understanding was wrong. */
  understandingCorrected?: boolean;
}

export interface ReferralReportRow {
  referralId: string;
  week: string;
  level: ReferralLevel;
  referredAt: string;
  /** A re-referral by staff rather than intake's first referral. */
  reReferral: boolean;
}

export interface ThemeAlertReportRow {
  alertId: string;
  week: string;
  theme: string;
  cases: number;
  raisedAt: string;
}

export interface ReportWeek {
  cases: CaseReportRow[];
  referrals: ReferralReportRow[];
  themeAlerts: ThemeAlertReportRow[];
}

/** Report items are written when things happen, one partition per week, so a report reads weeks, never scans. */
export interface CaseReports {
  putCase(row: CaseReportRow): Promise<void>;
  putReferral(row: ReferralReportRow): Promise<void>;
  putThemeAlert(row: ThemeAlertReportRow): Promise<void>;
  week(week: string): Promise<ReportWeek>;
}

export interface AttachmentLinks {
  /** A short-lived URL that downloads the stored attachment under `filename`. */
  downloadUrl(storageKey: string, filename: string, expiresInSeconds: number): Promise<string>;
}

/** A referral a colleague made by hand; the notifier names them in the team's email. */
export interface StaffReferralMessage extends ReferralMessage {
  referredBy: string;
}

/** Access events per case: written on every read of personal data, listed for head office. */
export interface AccessLog {
  record(access: CaseAccess): Promise<void>;
  list(caseReference: string): Promise<CaseAccess[]>;
}

// The customer's case page: signed links bound to the case and the customer's address.

export interface CasePageClaims {
  caseReference: string;
  expiresAt: string;
}

export type CasePageTokenReading =
  | { valid: true; claims: CasePageClaims }
  | { valid: false; reason: "expired" | "invalid" };

/**
 * Signed, expiring case-page links. The signature covers the customer's address without carrying it, so
 * a link stops working when the case no longer has that address (erasure) or no longer exists.
 */
export interface CasePageTokens {
  issue(claims: CasePageClaims, customerEmail: string): string;
  /** The case a token names, before its signature can be checked against the case's address. */
  caseReferenceOf(token: string): string | undefined;
  read(token: string, customerEmail: string, now: Date): CasePageTokenReading;
  /** A token for the page's forms, bound to the link it was served under (CSRF protection). */
  formToken(linkToken: string): string;
  /** A keyed hash for rate-limit counters: matched to the next request, never read back. */
  pseudonym(kind: string, value: string): string;
}

/** The case's details once the customer's answers are in: whole lists, so writing them again changes nothing. */
export interface GivenDetails {
  extracted: import("./domain/understanding").ExtractedDetail[];
  transactionReferences: string[];
  /** E.164; the customer's own answer replaces what Heed had inferred. */
  phone?: string;
}

/** Details the customer gave on their case page, in answer to the acknowledgement's closed questions. */
export interface CustomerGivenDetails {
  recordGivenDetails(reference: string, given: GivenDetails, at: string): Promise<void>;
}

/** What regulated complaint handling writes on the case item: the payment-services attribute, the letters sent, pauses. */
export interface ComplaintRecords {
  setPaymentServices(reference: string, paymentServices: boolean, at: string): Promise<void>;
  noteRegulatedLetter(reference: string, letterId: string, at: string): Promise<void>;
  /** Adds a pause, only while the case still has `pausesBefore` of them; false when it no longer has. */
  startPause(reference: string, pause: ClockPause, pausesBefore: number): Promise<boolean>;
  /** Ends the pause at `index`, only if it has not ended; false when it had. */
  endPause(reference: string, index: number, until: string): Promise<boolean>;
}

/** Where a complaint is counted in the complaints return: its London day, category and cause. */
export interface ComplaintReturnCell {
  day: string;
  category: string;
  cause: string;
}

export const COMPLAINT_RETURN_MEASURES = [
  "opened",
  "closedWithinThreeBusinessDays",
  "closedWithinEightWeeks",
  "closedAfterEightWeeks",
  "upheld",
  "partlyUpheld",
  "notUpheld",
] as const;
export type ComplaintReturnMeasure = (typeof COMPLAINT_RETURN_MEASURES)[number];

/** One cell of the return: the case references under each measure, and redress as `reference=amount`. */
export interface ComplaintReturnCount extends ComplaintReturnCell {
  measures: Partial<Record<ComplaintReturnMeasure, string[]>>;
  redress: string[];
}

/**
 * The complaints return's counters, written as things happen: each counts case references (a set), so
 * counting the same complaint twice after a retry changes nothing. Read by day range, never by scanning.
 */
export interface ComplaintReturnCounters {
  count(cell: ComplaintReturnCell, measure: ComplaintReturnMeasure, reference: string): Promise<void>;
  addRedress(cell: ComplaintReturnCell, reference: string, amount: number): Promise<void>;
  between(fromDay: string, toDay: string): Promise<ComplaintReturnCount[]>;
}
