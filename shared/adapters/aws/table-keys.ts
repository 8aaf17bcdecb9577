// The single-table layout of the case table: every item type and the keys it lives under, here and
// nowhere else. Lookups are items of their own (not a GSI), so reads that thread replies are strongly
// consistent; items that belong to a case share its partition, so a case is read and erased in one query.

import type { ReferralLevel } from "../../domain/case";
import type { DueItem } from "../../domain/follow-ups";
import type { ComplaintReturnCell, LookupKind, PersonIdentifierKind, RateLimitRule } from "../../ports";

const casePartition = (reference: string) => `CASE#${reference}`;

export const keys = {
  // Intake: the ledger, duplicate deliveries and the quarantine list.
  intake: (intakeId: string) => ({ pk: `INTAKE#${intakeId}`, sk: "INTAKE" }),
  /** The intake entries of a Message-ID, beside the cases that carry it. */
  intakeMessageLookup: (messageId: string, intakeId: string) => ({
    pk: lookupPartition("intake-message-id", messageId),
    sk: `INTAKE#${intakeId}`,
  }),
  /** A delivered message's identity, hashed: the first intake of that message within the window. */
  delivery: (identityHash: string) => ({ pk: `DELIVERY#${identityHash}`, sk: "DELIVERY" }),
  /** One partition lists quarantined inputs, newest last; quarantine is rare, so it stays small. */
  quarantine: (intakeId: string) => ({ pk: "QUARANTINE", sk: `INTAKE#${intakeId}` }),
  /** Raw mail SES reported storing, whatever became of its S3 event. */
  arrival: (intakeId: string) => ({ pk: `ARRIVAL#${intakeId}`, sk: "ARRIVAL" }),
  /** When the reconciler last finished a run: where its next window may have to reach back to. */
  reconcilerCheckpoint: { pk: "RECONCILER", sk: "CHECKPOINT" },
  /** `RATE#form-ip#<hash>#<window start, epoch seconds>`: the subject is already a keyed hash. */
  rateLimit: (rule: RateLimitRule, subject: string, windowStart: number) => ({
    pk: `RATE#${rule.name}#${subject}#${windowStart}`,
    sk: "RATE",
  }),
  acknowledgementQuota: (senderHash: string, day: string) => ({
    pk: `ACKQUOTA#${senderHash}#${day}`,
    sk: "QUOTA",
  }),

  // The case, its timeline and what is kept in its partition.
  case: (reference: string) => ({ pk: casePartition(reference), sk: "CASE" }),
  /** What completing the case changed (acknowledgement, referral sent): small, so cheap to write. */
  caseState: (reference: string) => ({ pk: casePartition(reference), sk: "CASE#STATE" }),
  event: (reference: string, eventId: string) => ({ pk: casePartition(reference), sk: `EVENT#${eventId}` }),
  eventPrefix: "EVENT#",
  commitment: (reference: string, commitmentId: string) => ({
    pk: casePartition(reference),
    sk: `COMMITMENT#${commitmentId}`,
  }),
  commitmentPrefix: "COMMITMENT#",
  /** A once-only claim on the case (the notice for one reply, a letter). */
  claim: (reference: string, key: string) => ({ pk: casePartition(reference), sk: `CLAIM#${key}` }),
  /** Who read the case's personal data, in time order. */
  access: (reference: string, at: string, accessId: string) => ({
    pk: casePartition(reference),
    sk: `ACCESS#${at}#${accessId}`,
  }),
  accessPrefix: "ACCESS#",
  lookup: (kind: LookupKind, value: string, reference: string) => ({
    pk: lookupPartition(kind, value),
    sk: casePartition(reference),
  }),
  customer: (email: string) => ({ pk: `CUSTOMER#${email}`, sk: "CUSTOMER" }),

  // Repeated themes and staff notifications.
  /** One counter per theme: its cases per period and a sample of the latest ones. */
  themeCount: (theme: string) => ({ pk: `THEME#${theme}`, sk: "COUNT" }),
  themeAlert: (alertId: string) => ({ pk: `THEME-ALERT#${alertId}`, sk: "ALERT" }),
  notification: (notificationId: string) => ({ pk: `NOTIFICATION#${notificationId}`, sk: "NOTIFICATION" }),

  // Staff work: each level's queue of cases, oldest first by sort key.
  queuePartition: (level: ReferralLevel) => `QUEUE#${level}`,
  queueEntry: (level: ReferralLevel, receivedAt: string, reference: string) => ({
    pk: `QUEUE#${level}`,
    sk: `${receivedAt}#${reference}`,
  }),

  // Follow-ups: due items by day (sorted by due time, so the timer reads a few day partitions instead of
  // scanning), suppressed addresses by hash, and feedback by month.
  dueDay: (day: string) => `DUE#${day}`,
  due: (item: DueItem) => ({
    pk: `DUE#${item.dueAt.slice(0, 10)}`,
    sk: `${item.dueAt}#${item.caseReference}#${item.kind}#${item.subjectId}`,
  }),
  suppression: (addressHash: string) => ({ pk: `SUPPRESSION#${addressHash}`, sk: "SUPPRESSION" }),
  feedbackMonth: (month: string) => `FEEDBACK#${month}`,
  feedback: (at: string, reference: string) => ({
    pk: `FEEDBACK#${at.slice(0, 7)}`,
    sk: `${at}#${reference}`,
  }),

  // Reports, one partition per week read whole, and the complaints return, one partition per month
  // sorted by London day.
  reportPartition: (week: string) => `REPORT#${week}`,
  reportCase: (week: string, reference: string) => ({ pk: `REPORT#${week}`, sk: casePartition(reference) }),
  reportReferral: (week: string, referralId: string) => ({
    pk: `REPORT#${week}`,
    sk: `REFERRAL#${referralId}`,
  }),
  reportThemeAlert: (week: string, alertId: string) => ({ pk: `REPORT#${week}`, sk: `ALERT#${alertId}` }),
  complaintsReturnMonth: (month: string) => `COMPLAINTS-RETURN#${month}`,
  /** One case counted under one measure of a cell (redress: `reference=amount`), an item of its own. */
  complaintsReturnEntry: (cell: ComplaintReturnCell, measure: string, value: string) => ({
    pk: `COMPLAINTS-RETURN#${cell.day.slice(0, 7)}`,
    sk: `${cell.day}#${cell.category}#${cell.cause}#${measure}#${value}`,
  }),

  // Erasure: a hash of each identifier of an erased person.
  tombstone: (kind: PersonIdentifierKind, identifierHash: string) => ({
    pk: `TOMBSTONE#${kind}#${identifierHash}`,
    sk: "TOMBSTONE",
  }),
};

export function lookupPartition(kind: LookupKind, value: string): string {
  return `LOOKUP#${kind}#${value.toLowerCase()}`;
}
