// Referring a case and telling staff: referral messages and their queues, repeated-theme alerts, each
// level's work queue, and the outbox that emails each team at most once.

import type { CaseRecord, ReferralLevel } from "../domain/case";

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
  /**
   * Sent since every staff notification is claimed in the notification outbox: no notification from
   * before the outbox, recorded only on the case's timeline, can have told of it.
   */
  toldThroughOutbox: true;
}

/** A referral a colleague made by hand; the notifier names them in the team's email. */
export interface StaffReferralMessage extends ReferralMessage {
  referredBy: string;
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

/**
 * The outbox of staff notifications: a notification is claimed before it is sent and the email that
 * carried it is marked once it went, so a retry after a crash between the send and its record sends
 * nothing twice, and what was claimed but never marked is visible to the reconciler.
 */
export interface NotificationOutbox {
  /**
   * Claims `notificationId` for sending in the email `emailId` names (a digest's id, or the
   * notification's own when it goes alone); false when it is claimed or sent already.
   */
  claim(notificationId: string, at: string, emailId: string): Promise<boolean>;
  /** Gives a claim back when nothing was sent, so the next attempt may send. */
  release(notificationId: string): Promise<void>;
  /** Marks the email sent, once: every notification claimed for it counts as sent. */
  markSent(emailId: string, sent: { claimedAt: string; at: string; messageId: string }): Promise<void>;
}

/** A staff notification as the outbox keeps it, its email's state resolved. */
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

/** A referred case as the notifier reads it, with whether its timeline holds the event asked about. */
export interface CaseWithEvent {
  record: CaseRecord;
  hasEvent: boolean;
}

/** Cases read together with a timeline event each where one is asked about, for a whole batch at once. */
export interface CasesWithEvents {
  /**
   * For each wanted case, in order: the case and whether it has the event, or undefined when not there.
   * Without `eventId` the event is not read and `hasEvent` is false.
   */
  read(
    wanted: readonly { caseReference: string; eventId?: string }[],
  ): Promise<(CaseWithEvent | undefined)[]>;
}
