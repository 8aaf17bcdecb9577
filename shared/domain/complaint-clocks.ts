// The clocks a regulator runs on every complaint (FCA DISP's eight weeks, payment services' 15 business
// days, an ombudsman scheme's eight weeks, an organisation's own target): when each falls due, when staff
// are warned, whether a letter or the case's end stopped it, how long a pause held it, and how much time
// is left, all in London time. Pure: computed from the case, the rule pack, the working week and a `now`
// the caller gives, so reclassifying a case to a complaint runs its clocks from the receipt recorded at
// intake, never from the correction.

import type { CaseRecord, ClockPause, ComplaintHandling } from "./case";

export type { ClockPause, ComplaintHandling, PauseReason } from "./case";

import type { ClockRule, LetterRule, RulePack } from "./policy/complaint-rules";
import {
  addDays,
  calendarDaysBetween,
  type DayCount,
  daysBetween,
  endOfLondonDay,
  type LocalDate,
  londonDate,
  londonTimeOn,
  startOfLondonDay,
  type WorkingWeek,
} from "./uk-calendar";

export type ClockState = "running" | "paused" | "overdue" | "met" | "met-late";

export interface ComplaintClock {
  clockId: string;
  label: string;
  receivedAt: string;
  /** The last day, in London, and the instant it ends. */
  dueDate: LocalDate;
  dueAt: string;
  /** When the case's level and the supervisors are warned: the start of the warning period's first day. */
  warnAt: string;
  state: ClockState;
  /** The letter (or `resolved`, `closed-unresolved`) that stopped the clock, and when. */
  stoppedBy?: string;
  stoppedAt?: string;
  /** Set when a letter lengthened the clock (payment services' exceptional cases). */
  extendedBy?: string;
  /** Days (as the clock counts them) pauses have held the clock, which moved its deadline that much later. */
  pausedDays?: number;
  /** While paused: since when. */
  pausedSince?: string;
  /** Calendar days from today to the due date while the clock runs or is paused: negative when overdue. */
  daysLeft?: number;
  /** "18 days left", "due today", "overdue by 2 days", "paused, 18 days left", "met", "met late". */
  timeLeft: string;
}

type ClockCase = Pick<CaseRecord, "createdAt" | "status" | "closedAt" | "classification"> & {
  complaintHandling?: ComplaintHandling;
};

function applies(rule: ClockRule, handling: ComplaintHandling | undefined): boolean {
  const paymentServices = handling?.paymentServices === true;
  if (rule.appliesTo === "payment-services") return paymentServices;
  if (rule.appliesTo === "not-payment-services") return !paymentServices;
  return true;
}

/** When each stopping event happened: letters as recorded, and the case's close. */
function stoppingEvents(record: ClockCase): { id: string; at: string }[] {
  const letters = (record.complaintHandling?.letters ?? []).map((sent) => ({
    id: sent.letterId,
    at: sent.at,
  }));
  const closed =
    record.status !== "open" && record.closedAt ? [{ id: record.status, at: record.closedAt }] : [];
  return [...letters, ...closed].sort((a, b) => a.at.localeCompare(b.at));
}

export function timeLeftText(daysLeft: number): string {
  if (daysLeft === 0) return "due today";
  if (daysLeft > 0) return `${daysLeft} ${daysLeft === 1 ? "day" : "days"} left`;
  return `overdue by ${-daysLeft} ${daysLeft === -1 ? "day" : "days"}`;
}

/** The pauses that hold this clock: of a reason it pauses for, begun before anything stopped it. */
function pausesOf(rule: ClockRule, record: ClockCase, stoppedAt: string | undefined): ClockPause[] {
  return (record.complaintHandling?.pauses ?? [])
    .filter((pause) => rule.pausedWhile.includes(pause.reason))
    .filter((pause) => stoppedAt === undefined || pause.from < stoppedAt)
    .sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * The last day of a clock `length` long from receipt, moved later by each pause begun before it: by the
 * days (as the clock counts them) from the day the pause began up to the day it ended, or `heldUntil`
 * (today, or when the clock stopped) for a pause not ended.
 */
function lastDay(
  received: LocalDate,
  length: DayCount,
  pauses: readonly ClockPause[],
  week: WorkingWeek,
  heldUntil: Date,
): { dueDate: LocalDate; pausedDays: number } {
  let dueDate = addDays(received, length, week);
  let pausedDays = 0;
  for (const pause of pauses) {
    if (pause.from > endOfLondonDay(dueDate).toISOString()) continue;
    const ended = pause.until && pause.until < heldUntil.toISOString() ? new Date(pause.until) : heldUntil;
    const held = daysBetween(londonDate(new Date(pause.from)), londonDate(ended), length.counting, week);
    if (held === 0) continue;
    dueDate = addDays(dueDate, { days: held, counting: length.counting }, week);
    pausedDays += held;
  }
  return { dueDate, pausedDays };
}

function clockFor(rule: ClockRule, record: ClockCase, week: WorkingWeek, now: Date): ComplaintClock {
  const received = londonDate(new Date(record.createdAt));
  const events = stoppingEvents(record);
  const stop = events.find((event) => rule.stoppedBy.includes(event.id));
  const pauses = pausesOf(rule, record, stop?.at);
  const heldUntil = stop ? new Date(stop.at) : now;
  let { dueDate, pausedDays } = lastDay(received, rule.length, pauses, week, heldUntil);
  let extendedBy: string | undefined;
  for (const extension of rule.extendedBy) {
    const sent = events.find((event) => event.id === extension.letter);
    if (sent && sent.at <= endOfLondonDay(dueDate).toISOString()) {
      ({ dueDate, pausedDays } = lastDay(received, extension.length, pauses, week, heldUntil));
      extendedBy = extension.letter;
    }
  }
  const dueAt = endOfLondonDay(dueDate).toISOString();
  const warnDay = startOfLondonDay(addDays(dueDate, rule.warnBefore, week, -1)).toISOString();
  const warnAt = warnDay < record.createdAt ? record.createdAt : warnDay;
  const base = {
    clockId: rule.id,
    label: rule.label,
    receivedAt: record.createdAt,
    dueDate,
    dueAt,
    warnAt,
    ...(extendedBy ? { extendedBy } : {}),
    ...(pausedDays > 0 ? { pausedDays } : {}),
  };
  if (stop) {
    const late = stop.at > dueAt;
    return {
      ...base,
      state: late ? "met-late" : "met",
      stoppedBy: stop.id,
      stoppedAt: stop.at,
      timeLeft: late ? "met late" : "met",
    };
  }
  const daysLeft = calendarDaysBetween(londonDate(now), dueDate);
  const pausedSince = pauses.find((pause) => !pause.until && pause.from <= dueAt)?.from;
  if (pausedSince)
    return { ...base, state: "paused", pausedSince, daysLeft, timeLeft: `paused, ${timeLeftText(daysLeft)}` };
  return {
    ...base,
    state: now.toISOString() > dueAt ? "overdue" : "running",
    daysLeft,
    timeLeft: timeLeftText(daysLeft),
  };
}

/** The pack's clocks on this case: none unless it is a complaint. */
export function complaintClocks(
  record: ClockCase,
  pack: RulePack,
  week: WorkingWeek,
  now: Date,
): ComplaintClock[] {
  if (record.classification.kind !== "complaint") return [];
  return pack.clocks
    .filter((rule) => applies(rule, record.complaintHandling))
    .map((rule) => clockFor(rule, record, week, now));
}

/** The running clock with the least time left: what the queue shows and sorts by. */
export function mostUrgentClock(clocks: readonly ComplaintClock[]): ComplaintClock | undefined {
  return clocks
    .filter((clock) => clock.daysLeft !== undefined)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

/**
 * When a period of `length` from receipt ends: at the end of its last day in London, or at the close of
 * business on it (DISP 1.5.4's "by close of business on the third business day").
 */
export function periodEnd(
  receivedAt: string,
  length: DayCount,
  week: WorkingWeek,
  closeOfBusiness: string | undefined,
): Date {
  const last = addDays(londonDate(new Date(receivedAt)), length, week);
  return closeOfBusiness ? londonTimeOn(last, closeOfBusiness) : endOfLondonDay(last);
}

/** Whether the letter may still go: a summary resolution communication only in its first days. */
export function letterAvailable(
  letter: LetterRule,
  record: Pick<CaseRecord, "createdAt">,
  pack: Pick<RulePack, "closeOfBusiness">,
  week: WorkingWeek,
  now: Date,
): boolean {
  const within = letter.availableWithin;
  if (!within) return true;
  const closeOfBusiness = within.endsAt === "close-of-business" ? pack.closeOfBusiness : undefined;
  return now.getTime() <= periodEnd(record.createdAt, within, week, closeOfBusiness).getTime();
}

/** The running clocks a letter would stop if sent now. */
export function clocksStoppedBy(
  letterId: string,
  clocks: readonly ComplaintClock[],
  pack: RulePack,
): string[] {
  const stoppers = new Map(pack.clocks.map((rule) => [rule.id, rule.stoppedBy]));
  return clocks
    .filter((clock) => clock.stoppedBy === undefined && stoppers.get(clock.clockId)?.includes(letterId))
    .map((clock) => clock.clockId);
}

/** The deadline a letter that lengthens a clock sets (a payment-services holding reply: 35 business days). */
export function extendedDeadline(
  letterId: string,
  record: Pick<CaseRecord, "createdAt">,
  pack: RulePack,
  week: WorkingWeek,
): Date | undefined {
  for (const rule of pack.clocks)
    for (const extension of rule.extendedBy)
      if (extension.letter === letterId)
        return endOfLondonDay(addDays(londonDate(new Date(record.createdAt)), extension.length, week));
  return undefined;
}
