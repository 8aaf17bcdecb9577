// The complaints return (the counts the FCA's half-yearly return asks for): complaints opened, closed
// within three business days, within eight weeks and after, upheld, partly upheld and not upheld, and
// redress paid, by category and cause. Counted as things happen — opened when a case becomes a
// complaint, closed once, by the first of a letter that closes it or the case being resolved or closed
// unresolved — and read by day range, never by scanning.

import { defaultCommunicationPolicy } from "../config/communication-policy";
import { selectedRulePack } from "../config/complaint-rules";
import type { CaseRecord } from "../domain/case";
import { periodEnd } from "../domain/complaint-clocks";
import type { FinalDecision, RulePack } from "../domain/policy/complaint-rules";
import { type DayCount, type LocalDate, londonDate } from "../domain/uk-calendar";
import {
  COMPLAINT_RETURN_MEASURES,
  type ComplaintReturnCell,
  type ComplaintReturnCounters,
  type ComplaintReturnMeasure,
} from "../ports";
import { csvCell } from "./reports";

export interface ComplaintReturnDependencies {
  complaintReturn?: ComplaintReturnCounters;
  communication?: typeof defaultCommunicationPolicy;
  /** Which letters close a complaint; defaults to the pack this deployment selected. */
  rulePack?: RulePack;
}

const THREE_BUSINESS_DAYS: DayCount = { days: 3, counting: "business" };
const EIGHT_WEEKS: DayCount = { days: 56, counting: "calendar" };

function cellOf(record: CaseRecord, day: LocalDate): ComplaintReturnCell {
  return { day, category: record.classification.category, cause: record.classification.cause };
}

/** Counts the complaint as opened on the London day it was received. */
export async function countComplaintOpened(
  record: CaseRecord,
  deps: ComplaintReturnDependencies,
): Promise<void> {
  if (!deps.complaintReturn || record.classification.kind !== "complaint") return;
  await deps.complaintReturn.count(openedCell(record), "opened", record.reference);
}

/** The cell a complaint counts in as opened: the London day it was received, its category and cause. */
export function openedCell(record: CaseRecord): ComplaintReturnCell {
  return cellOf(record, londonDate(new Date(record.createdAt)));
}

/**
 * Which of the return's time bands a complaint closed at `closedAt` falls in: by close of business on
 * the third business day after receipt (the end of that day when the pack sets no close of business),
 * by the end of eight weeks, or after.
 */
export function closingBand(
  receivedAt: string,
  closedAt: string,
  deps: ComplaintReturnDependencies,
): ComplaintReturnMeasure {
  const week = (deps.communication ?? defaultCommunicationPolicy).workingWeek;
  const { closeOfBusiness } = deps.rulePack ?? selectedRulePack;
  const closed = Date.parse(closedAt);
  if (closed <= periodEnd(receivedAt, THREE_BUSINESS_DAYS, week, closeOfBusiness).getTime())
    return "closedWithinThreeBusinessDays";
  if (closed <= periodEnd(receivedAt, EIGHT_WEEKS, week, undefined).getTime())
    return "closedWithinEightWeeks";
  return "closedAfterEightWeeks";
}

const DECISION_MEASURE: Record<FinalDecision, ComplaintReturnMeasure> = {
  upheld: "upheld",
  "partly-upheld": "partlyUpheld",
  rejected: "notUpheld",
};

/** Whether a letter that closes the complaint (a final response, a deadlock letter) has already gone. */
function closedByLetter(record: CaseRecord, pack: RulePack): boolean {
  const closing = new Set(pack.letters.filter((letter) => letter.closesComplaint).map((letter) => letter.id));
  return (record.complaintHandling?.letters ?? []).some((sent) => closing.has(sent.letterId));
}

/**
 * Counts the complaint as closed on the London day of `closing.at`, with its decision and any redress:
 * once, so a case resolved after its final response went stays counted at the final response.
 */
export async function countComplaintClosed(
  record: CaseRecord,
  closing: { at: string; decision?: FinalDecision; redressAmount?: number },
  deps: ComplaintReturnDependencies,
): Promise<void> {
  const counters = deps.complaintReturn;
  if (!counters || record.classification.kind !== "complaint") return;
  if (closedByLetter(record, deps.rulePack ?? selectedRulePack)) return;
  const cell = cellOf(record, londonDate(new Date(closing.at)));
  await counters.count(cell, closingBand(record.createdAt, closing.at, deps), record.reference);
  if (closing.decision) await counters.count(cell, DECISION_MEASURE[closing.decision], record.reference);
  if (closing.redressAmount && closing.redressAmount > 0)
    await counters.addRedress(cell, record.reference, closing.redressAmount);
}

export interface ComplaintReturnFigures {
  opened: number;
  closed: number;
  closedWithinThreeBusinessDays: number;
  closedWithinEightWeeks: number;
  closedAfterEightWeeks: number;
  upheld: number;
  partlyUpheld: number;
  notUpheld: number;
  /** Upheld in full or in part, as a share of complaints with a decision; null when none had one. */
  upheldPercent: number | null;
  redressPaid: number;
}

export interface ComplaintReturn {
  from: string;
  to: string;
  totals: ComplaintReturnFigures;
  byCategory: ({ category: string } & ComplaintReturnFigures)[];
  byCause: ({ cause: string } & ComplaintReturnFigures)[];
  /** The cases behind the counts, so the return can be checked against the case list. */
  cases: { opened: string[]; closed: string[] };
}

type Tally = Record<ComplaintReturnMeasure, Set<string>> & { redress: Map<string, number> };

const MEASURES = COMPLAINT_RETURN_MEASURES;

function emptyTally(): Tally {
  return {
    ...(Object.fromEntries(MEASURES.map((measure) => [measure, new Set<string>()])) as Record<
      ComplaintReturnMeasure,
      Set<string>
    >),
    redress: new Map(),
  };
}

function figures(tally: Tally): ComplaintReturnFigures {
  const decided = tally.upheld.size + tally.partlyUpheld.size + tally.notUpheld.size;
  const redressPaid = [...tally.redress.values()].reduce((sum, amount) => sum + amount, 0);
  return {
    opened: tally.opened.size,
    closed:
      tally.closedWithinThreeBusinessDays.size +
      tally.closedWithinEightWeeks.size +
      tally.closedAfterEightWeeks.size,
    closedWithinThreeBusinessDays: tally.closedWithinThreeBusinessDays.size,
    closedWithinEightWeeks: tally.closedWithinEightWeeks.size,
    closedAfterEightWeeks: tally.closedAfterEightWeeks.size,
    upheld: tally.upheld.size,
    partlyUpheld: tally.partlyUpheld.size,
    notUpheld: tally.notUpheld.size,
    upheldPercent:
      decided === 0
        ? null
        : Math.round(((tally.upheld.size + tally.partlyUpheld.size) / decided) * 1000) / 10,
    redressPaid: Math.round(redressPaid * 100) / 100,
  };
}

export class ComplaintReturnPeriodError extends Error {
  override name = "ComplaintReturnPeriodError";
}

const MAX_RETURN_DAYS = 366;

/** The return for the London days `from` to `to`, inclusive. */
export async function complaintsReturn(
  from: string,
  to: string,
  counters: Pick<ComplaintReturnCounters, "between">,
): Promise<ComplaintReturn> {
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!(span >= 0 && span < MAX_RETURN_DAYS))
    throw new ComplaintReturnPeriodError(`Give a period of 1 to ${MAX_RETURN_DAYS} days, from before to.`);
  const totals = emptyTally();
  const categories = new Map<string, Tally>();
  const causes = new Map<string, Tally>();
  const tallyOf = (map: Map<string, Tally>, key: string) => {
    const found = map.get(key) ?? emptyTally();
    map.set(key, found);
    return found;
  };
  for (const count of await counters.between(from, to)) {
    for (const tally of [totals, tallyOf(categories, count.category), tallyOf(causes, count.cause)]) {
      for (const measure of MEASURES)
        for (const reference of count.measures[measure] ?? []) tally[measure].add(reference);
      for (const entry of count.redress) {
        const [reference = "", amount = "0"] = entry.split("=");
        tally.redress.set(reference, Number(amount));
      }
    }
  }
  const closed = new Set([
    ...totals.closedWithinThreeBusinessDays,
    ...totals.closedWithinEightWeeks,
    ...totals.closedAfterEightWeeks,
  ]);
  return {
    from,
    to,
    totals: figures(totals),
    byCategory: [...categories]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, tally]) => ({ category, ...figures(tally) })),
    byCause: [...causes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([cause, tally]) => ({ cause, ...figures(tally) })),
    cases: { opened: [...totals.opened].sort(), closed: [...closed].sort() },
  };
}

/** One line per group: `group,name,` then every figure, so a spreadsheet can total it. */
export function complaintsReturnCsv(report: ComplaintReturn): string {
  const columns = Object.keys(report.totals) as (keyof ComplaintReturnFigures)[];
  const lines: (string | number | null)[][] = [["group", "name", ...columns]];
  lines.push(["total", `${report.from} to ${report.to}`, ...columns.map((column) => report.totals[column])]);
  for (const row of report.byCategory)
    lines.push(["category", row.category, ...columns.map((column) => row[column])]);
  for (const row of report.byCause) lines.push(["cause", row.cause, ...columns.map((column) => row[column])]);
  return `${lines.map((line) => line.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
