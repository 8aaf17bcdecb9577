// A case's place in its level's work queue, written with the referral itself (before the referral
// message is queued), so a case that is referred is always in a queue, whatever happens to the message
// or to the notifier afterwards. Urgent signals put it ahead of older cases.

import type { CaseRecord, ReferralLevel } from "../domain/case";
import type { QueueEntry } from "../ports";

export function workQueueEntry(
  record: CaseRecord,
  referral: { level: ReferralLevel; referralId: string },
  referredAt: string,
  urgentSignals: readonly string[],
): QueueEntry {
  return {
    level: referral.level,
    caseReference: record.reference,
    receivedAt: record.createdAt,
    referralId: referral.referralId,
    referredAt,
    urgent: record.classification.signals.some((signal) => urgentSignals.includes(signal)),
  };
}
