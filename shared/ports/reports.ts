// Figures written as things happen, so reports read a few partitions and never scan: the weekly
// reports, and the complaints return with what regulated complaint handling keeps on the case.

import type { ReferralLevel } from "../domain/case";
import type { ClockPause } from "../domain/complaint-clocks";

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
