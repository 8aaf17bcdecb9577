// Keeping customers informed (resolve 2.5, 2.6): the moments Heed must look at a case again — a
// commitment about to fall due, a commitment past due, a customer who has heard nothing for the quiet
// period — as due items the scheduled timer finds by date. Working days skip weekends and holidays.

import { isBusinessDay, type WorkingWeek } from "./uk-calendar";

export const DUE_KINDS = [
  "commitment-reminder",
  "commitment-due",
  "quiet-period",
  "complaint-clock-warning",
  "complaint-clock-breach",
] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export interface DueItem {
  caseReference: string;
  kind: DueKind;
  /** What the item is about: a commitment id, a complaint clock's id, or for the quiet period the contact it counts from. */
  subjectId: string;
  dueAt: string;
}

export type { WorkingWeek };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The same time of day `count` working days after `from` (dates are taken in UTC; the hourly timer
 * makes the hour's difference from UK local time immaterial).
 */
export function addWorkingDays(from: Date, count: number, week: WorkingWeek): Date {
  let day = new Date(from.getTime());
  let counted = 0;
  while (counted < count) {
    day = new Date(day.getTime() + DAY_MS);
    if (isBusinessDay(day.toISOString().slice(0, 10), week)) counted += 1;
  }
  return day;
}

/** The nudge that falls due when the customer has heard nothing from us since `lastContactAt`. */
export function quietPeriodItem(
  caseReference: string,
  lastContactAt: string,
  from: Date,
  workingDays: number,
  week: WorkingWeek,
): DueItem {
  return {
    caseReference,
    kind: "quiet-period",
    subjectId: lastContactAt,
    dueAt: addWorkingDays(from, workingDays, week).toISOString(),
  };
}
