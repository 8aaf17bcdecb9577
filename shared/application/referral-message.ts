// The message a referral queue carries for a case: the case's classification and summary with the level
// and the reason, and no more personal data than the colleague who reads it needs. Every path that
// refers a case (intake, timers, complaint clocks, corrections) builds it here, so they cannot drift apart.

import type { CaseRecord } from "../domain/case";
import type { ReferralMessage } from "../ports";

export function referralMessage(
  record: CaseRecord,
  fields: Pick<ReferralMessage, "referralId" | "level" | "reasonCode" | "reason">,
): ReferralMessage {
  const { classification } = record;
  return {
    ...fields,
    caseReference: record.reference,
    kind: classification.kind,
    category: classification.category,
    cause: classification.cause,
    signals: classification.signals,
    summary: record.summary,
    receivedAt: record.createdAt,
  };
}
