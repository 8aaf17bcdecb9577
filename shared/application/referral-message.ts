// The message a referral queue carries for a case: the case's classification and summary (contact details
// masked) with the level and the reason, and no more personal data than the colleague who reads it needs.
// Every path that refers a case (intake, timers, complaint clocks, corrections, colleagues, the reconciler) builds it here,
// so they cannot drift apart.

import type { CaseRecord } from "../domain/case";
import { maskContactDetails } from "../domain/extraction/contact-masking";
import type { ReferralMessage } from "../ports";

export function referralMessage(
  record: CaseRecord,
  fields: Pick<ReferralMessage, "referralId" | "level" | "reasonCode" | "reason" | "referredBy">,
): ReferralMessage {
  const { classification } = record;
  const { referredBy, ...rest } = fields;
  return {
    ...rest,
    caseReference: record.reference,
    kind: classification.kind,
    category: classification.category,
    cause: classification.cause,
    signals: classification.signals,
    summary: maskContactDetails(record.summary),
    receivedAt: record.createdAt,
    ...(referredBy ? { referredBy } : {}),
    toldThroughOutbox: true,
  };
}

/** Intake's referral is `case#level`; a colleague's re-referral carries an id of its own. */
export function referralIdOf(record: CaseRecord): string {
  return record.referral.referralId ?? `${record.reference}#${record.referral.level}`;
}

/** The message for the referral the case records, as intake first sends it or the reconciler sends it again. */
export function referralMessageFor(record: CaseRecord): ReferralMessage {
  const { referral } = record;
  return referralMessage(record, {
    referralId: referralIdOf(record),
    level: referral.level,
    reasonCode: referral.reasonCode,
    reason: referral.reason,
    referredBy: referral.referredBy,
  });
}

/**
 * Intake's own referral, `case#level` and from no colleague: intake puts the case in the level's queue
 * and writes its report rows before sending it, so the notifier does neither again.
 */
export function isIntakeReferral(
  message: Pick<ReferralMessage, "referralId" | "caseReference" | "level" | "referredBy">,
): boolean {
  return (
    message.referredBy === undefined && message.referralId === `${message.caseReference}#${message.level}`
  );
}
