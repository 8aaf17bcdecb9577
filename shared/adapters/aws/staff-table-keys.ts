// The case table's items for staff work, beside the intake items in table-keys.ts: each level's queue
// of cases (oldest first by sort key) and one report partition per week, read whole by a report.

import type { ReferralLevel } from "../../domain/case";

export const staffKeys = {
  queuePartition: (level: ReferralLevel) => `QUEUE#${level}`,
  queueEntry: (level: ReferralLevel, receivedAt: string, reference: string) => ({
    pk: `QUEUE#${level}`,
    sk: `${receivedAt}#${reference}`,
  }),
  reportPartition: (week: string) => `REPORT#${week}`,
  reportCase: (week: string, reference: string) => ({ pk: `REPORT#${week}`, sk: `CASE#${reference}` }),
  reportReferral: (week: string, referralId: string) => ({
    pk: `REPORT#${week}`,
    sk: `REFERRAL#${referralId}`,
  }),
  reportThemeAlert: (week: string, alertId: string) => ({ pk: `REPORT#${week}`, sk: `ALERT#${alertId}` }),
};
