// The referral message about a case that the timers send (reminders, missed commitments, quiet periods,
// complaint clocks): the case's summary a colleague needs, and no more personal data than that.

import type { CaseRecord } from "../domain/case";
import type { ReferralMessage } from "../ports";

export function referralAbout(
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
