// Reports for managers (reliable 3.4, resolve 1.5/2.7): volumes by kind, category and cause per week;
// how long customers waited to be acknowledged, for a first staff action and for a resolution (median
// and 90th percentile); referrals by level; repeated-theme alerts; feedback scores; how often staff
// corrected what Heed understood, per kind it read. Everything is read
// from report items written when things happened (one partition per week), never by scanning cases.

import type { CaseRecord, ReferralLevel } from "../domain/case";
import { REFERRAL_LEVELS } from "../domain/case";
import { hasUnderstandingCorrection } from "../domain/labelled-set";
import type { FeedbackReportEntry } from "../domain/outcomes";
import type {
  CaseReportRow,
  CaseReports,
  CaseStore,
  Clock,
  ReferralMessage,
  ReferralReportRow,
  ReportWeek,
  ThemeAlertReportRow,
} from "../ports";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const MAX_REPORT_WEEKS = 52;

/** Monday (yyyy-mm-dd, UTC) of the week `iso` falls in. */
export function weekOf(iso: string): string {
  const date = new Date(iso);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  const monday = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - sinceMonday),
  );
  return monday.toISOString().slice(0, 10);
}

/** The Mondays of the last `count` weeks, oldest first, this week last. */
export function lastWeeks(now: Date, count: number): string[] {
  const thisWeek = Date.parse(weekOf(now.toISOString()));
  return Array.from({ length: count }, (_, index) =>
    new Date(thisWeek - (count - 1 - index) * 7 * DAY_MS).toISOString().slice(0, 10),
  );
}

/** The earliest thing a colleague did: an action on the case itself, or recording its outcome. */
function firstStaffAction(record: CaseRecord): { firstStaffActionAt?: string } {
  const times = [record.firstStaffActionAt, record.claim?.at, record.outcome?.at].filter(
    (time): time is string => time !== undefined,
  );
  return times.length > 0 ? { firstStaffActionAt: times.sort()[0] } : {};
}

/** What the reports keep of a referral to a level at `referredAt`: a colleague's is a re-referral. */
export function referralReportRow(
  referral: Pick<ReferralMessage, "referralId" | "level" | "referredBy">,
  referredAt: string,
): ReferralReportRow {
  return {
    referralId: referral.referralId,
    week: weekOf(referredAt),
    level: referral.level,
    referredAt,
    reReferral: referral.referredBy !== undefined,
  };
}

/** What the reports keep of a case: classification, level and milestone times, nothing personal. */
export function caseReportRow(record: CaseRecord): CaseReportRow {
  const { classification, acknowledgement, outcome } = record;
  return {
    caseReference: record.reference,
    week: weekOf(record.createdAt),
    receivedAt: record.createdAt,
    channel: record.channel,
    kind: classification.kind,
    category: classification.category,
    cause: classification.cause,
    level: record.referral.level,
    status: record.status,
    ...(acknowledgement.state === "sent" && acknowledgement.sentAt
      ? { acknowledgedAt: acknowledgement.sentAt }
      : {}),
    ...firstStaffAction(record),
    ...(outcome?.type === "resolved" ? { resolvedAt: outcome.at } : {}),
    ...(record.closedAt ? { closedAt: record.closedAt } : {}),
    ...(record.feedback ? { feedbackRating: record.feedback.rating } : {}),
    ...understandingCorrections(record),
  };
}

/** Whether staff corrected what Heed understood, and the kind Heed read when they corrected that. */
function understandingCorrections(
  record: CaseRecord,
): Pick<CaseReportRow, "understoodKind" | "understandingCorrected"> {
  if (!hasUnderstandingCorrection(record)) return {};
  const kind = record.corrections?.find((correction) => correction.field === "kind");
  return { understandingCorrected: true, ...(kind?.original ? { understoodKind: kind.original } : {}) };
}

export interface CorrectionRate {
  /** Cases Heed read as this kind. */
  cases: number;
  /** Of those, how many staff corrected (kind or signals). */
  corrected: number;
  rate: number | null;
}

/** Per kind as Heed read it: how often staff had to correct its understanding. */
function correctionRates(rows: readonly CaseReportRow[]): Record<string, CorrectionRate> {
  const rates: Record<string, CorrectionRate> = {};
  for (const row of rows) {
    const kind = row.understoodKind ?? row.kind;
    const rate = rates[kind] ?? { cases: 0, corrected: 0, rate: null };
    rate.cases += 1;
    if (row.understandingCorrected) rate.corrected += 1;
    rate.rate = Math.round((rate.corrected / rate.cases) * 1000) / 1000;
    rates[kind] = rate;
  }
  return rates;
}

/** Brings the case's report row up to date; call it after anything that changes a milestone. */
export async function recordCaseReport(
  record: CaseRecord,
  reports: Pick<CaseReports, "putCase">,
): Promise<void> {
  await reports.putCase(caseReportRow(record));
}

export interface Timing {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface WeekVolume {
  week: string;
  total: number;
  byKind: Record<string, number>;
  byCategory: Record<string, number>;
  byCause: Record<string, number>;
}

export interface WeekReferrals {
  week: string;
  byLevel: Record<ReferralLevel, number>;
  reReferrals: number;
}

export interface FeedbackScores {
  count: number;
  averageRating: number | null;
  byRating: Record<string, number>;
}

export interface Report {
  weeks: string[];
  generatedAt: string;
  volumes: WeekVolume[];
  timings: { toAcknowledge: Timing; toFirstStaffAction: Timing; toResolution: Timing };
  referrals: WeekReferrals[];
  themeAlerts: ThemeAlertReportRow[];
  feedback: FeedbackScores;
  /** Per kind as Heed read it, the share of cases whose kind or signals staff corrected. */
  corrections: Record<string, CorrectionRate>;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rankIndex = Math.max(0, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.min(rankIndex, sorted.length - 1)] ?? null;
}

function timing(rows: readonly CaseReportRow[], until: (row: CaseReportRow) => string | undefined): Timing {
  const hours = rows
    .flatMap((row) => {
      const end = until(row);
      return end ? [(Date.parse(end) - Date.parse(row.receivedAt)) / HOUR_MS] : [];
    })
    .filter((value) => value >= 0)
    .sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    count: hours.length,
    medianHours: round(percentile(hours, 50)),
    p90Hours: round(percentile(hours, 90)),
  };
}

function countBy(
  rows: readonly CaseReportRow[],
  key: (row: CaseReportRow) => string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
}

function feedbackScores(ratings: readonly number[]): FeedbackScores {
  const byRating: Record<string, number> = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
  for (const rating of ratings) byRating[String(rating)] = (byRating[String(rating)] ?? 0) + 1;
  const total = ratings.reduce((sum, rating) => sum + rating, 0);
  return {
    count: ratings.length,
    averageRating: ratings.length === 0 ? null : Math.round((total / ratings.length) * 100) / 100,
    byRating,
  };
}

/** The report over the given weeks, from their report items and the feedback received in them. */
export function buildReport(
  weeks: readonly { week: string; items: ReportWeek }[],
  feedback: readonly Pick<FeedbackReportEntry, "rating" | "at">[],
  generatedAt: string,
): Report {
  const rows = weeks.flatMap(({ items }) => items.cases);
  const firstWeek = weeks[0]?.week ?? weekOf(generatedAt);
  return {
    weeks: weeks.map(({ week }) => week),
    generatedAt,
    volumes: weeks.map(({ week, items }) => ({
      week,
      total: items.cases.length,
      byKind: countBy(items.cases, (row) => row.kind),
      byCategory: countBy(items.cases, (row) => row.category),
      byCause: countBy(items.cases, (row) => row.cause),
    })),
    timings: {
      toAcknowledge: timing(rows, (row) => row.acknowledgedAt),
      toFirstStaffAction: timing(rows, (row) => row.firstStaffActionAt),
      toResolution: timing(rows, (row) => row.resolvedAt),
    },
    referrals: weeks.map(({ week, items }) => {
      const byLevel = Object.fromEntries(REFERRAL_LEVELS.map((level) => [level, 0])) as Record<
        ReferralLevel,
        number
      >;
      for (const referral of items.referrals) byLevel[referral.level] += 1;
      return { week, byLevel, reReferrals: items.referrals.filter((referral) => referral.reReferral).length };
    }),
    themeAlerts: weeks
      .flatMap(({ items }) => items.themeAlerts)
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt)),
    feedback: feedbackScores(
      feedback.filter((entry) => weekOf(entry.at) >= firstWeek).map((entry) => entry.rating),
    ),
    corrections: correctionRates(rows),
  };
}

export interface ReportDependencies {
  reports: Pick<CaseReports, "week" | "putCase">;
  cases: Pick<CaseStore, "getCase">;
  /** Feedback as the communication side stores it, month by month (`yyyy-mm`). */
  feedback: { feedbackReport(month: string): Promise<FeedbackReportEntry[]> };
  clock: Clock;
}

function canonical(row: CaseReportRow): string {
  return JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));
}

/** Open cases' rows re-read from their case per report, at most: enough for any team's working set. */
const MAX_REFRESHED_ROWS = 500;

/**
 * A row written while its case was still open may have missed a later milestone (an acknowledgement,
 * a resolution recorded elsewhere): open rows are checked against their case and rewritten if behind.
 */
async function refreshOpenRows(
  items: ReportWeek,
  deps: ReportDependencies,
  budget: { left: number },
): Promise<ReportWeek> {
  const cases = await Promise.all(
    items.cases.map(async (row) => {
      if (row.status !== "open" || budget.left <= 0) return row;
      budget.left -= 1;
      const record = await deps.cases.getCase(row.caseReference);
      if (!record) return row;
      const fresh = caseReportRow(record);
      if (canonical(fresh) !== canonical(row)) await deps.reports.putCase(fresh);
      return fresh;
    }),
  );
  return { ...items, cases };
}

export async function weeklyReport(weekCount: number, deps: ReportDependencies): Promise<Report> {
  const now = deps.clock.now();
  const weeks = lastWeeks(now, Math.min(Math.max(1, weekCount), MAX_REPORT_WEEKS));
  const budget = { left: MAX_REFRESHED_ROWS };
  const items = await Promise.all(
    weeks.map(async (week) => ({
      week,
      items: await refreshOpenRows(await deps.reports.week(week), deps, budget),
    })),
  );
  const months = [...new Set([...weeks, now.toISOString()].map((day) => day.slice(0, 7)))];
  const feedback = (await Promise.all(months.map((month) => deps.feedback.feedbackReport(month)))).flat();
  return buildReport(items, feedback, now.toISOString());
}

/** Spreadsheet software runs cells that start like a formula; such values get a leading apostrophe. */
export function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line per figure: `section,week,measure,value`, so any spreadsheet can pivot it. */
export function reportCsv(report: Report): string {
  const lines: (string | number | null)[][] = [["section", "week", "measure", "value"]];
  for (const volume of report.volumes) {
    lines.push(["volume", volume.week, "total", volume.total]);
    for (const [group, counts] of [
      ["kind", volume.byKind],
      ["category", volume.byCategory],
      ["cause", volume.byCause],
    ] as const) {
      for (const [name, count] of Object.entries(counts))
        lines.push(["volume", volume.week, `${group}:${name}`, count]);
    }
  }
  for (const [name, value] of Object.entries(report.timings)) {
    lines.push(["timing", "", `${name}:count`, value.count]);
    lines.push(["timing", "", `${name}:median-hours`, value.medianHours]);
    lines.push(["timing", "", `${name}:p90-hours`, value.p90Hours]);
  }
  for (const referrals of report.referrals) {
    for (const [level, count] of Object.entries(referrals.byLevel))
      lines.push(["referrals", referrals.week, `level:${level}`, count]);
    lines.push(["referrals", referrals.week, "re-referrals", referrals.reReferrals]);
  }
  for (const alert of report.themeAlerts) lines.push(["theme-alert", alert.week, alert.theme, alert.cases]);
  lines.push(["feedback", "", "count", report.feedback.count]);
  lines.push(["feedback", "", "average-rating", report.feedback.averageRating]);
  for (const [rating, count] of Object.entries(report.feedback.byRating))
    lines.push(["feedback", "", `rating:${rating}`, count]);
  for (const [kind, rate] of Object.entries(report.corrections))
    lines.push(["corrections", "", `kind:${kind}:rate`, rate.rate]);
  return `${lines.map((line) => line.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
