// Reconciliation, retention and the rights of data subjects: inventories of raw mail and of the
// case table, removing personal data, tombstones after an erasure, and parked dead letters.

import type { CaseRecord } from "../domain/case";
import type { IntakeEntry } from "../domain/intake";
import type { LegalHold } from "../domain/retention";
import type { LookupKind } from "./cases";
import type { RawMailLocation } from "./intake";
import type { NotificationRecord, UnqueuedThemeAlert } from "./referrals";

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
