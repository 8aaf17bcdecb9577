// UK time for deadlines: dates as Europe/London sees them (GMT in winter, BST in summer, with the
// platform's Intl time-zone data) and business days that skip weekends and the bank holidays of the
// organisation's nation. Pure: every instant is an argument, never the clock.

/** A calendar date in London, `yyyy-mm-dd`. */
export type LocalDate = string;

export interface WorkingWeek {
  /** ISO weekdays that are working days: 1 is Monday, 7 is Sunday. */
  days: readonly number[];
  /** Dates (yyyy-mm-dd) that are not working days although their weekday is: the nation's bank holidays. */
  holidays: readonly string[];
}

/** A length of time as a rule states it: calendar days, or business days. */
export interface DayCount {
  days: number;
  counting: "calendar" | "business";
}

/** Days as a rule counts them from `from` up to, not including, `to`. */
export function daysBetween(
  from: LocalDate,
  to: LocalDate,
  counting: DayCount["counting"],
  week: WorkingWeek,
): number {
  return counting === "business"
    ? businessDaysBetween(from, to, week)
    : Math.max(0, calendarDaysBetween(from, to));
}

const DAY_MS = 86_400_000;
/** Made on first use: a time-zone formatter loads the zone's rules, which most functions never need. */
let london: Intl.DateTimeFormat | undefined;

function londonFields(instant: Date): Record<string, number> {
  london ??= new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const fields: Record<string, number> = {};
  for (const part of london.formatToParts(instant))
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  return fields;
}

/** The date in London at the instant. */
export function londonDate(instant: Date): LocalDate {
  const { year, month, day } = londonFields(instant);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Minutes London is ahead of UTC at the instant: 0 in GMT, 60 in BST. */
function londonOffsetMinutes(instant: Date): number {
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = londonFields(instant);
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return Math.round((asIfUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant the London day `date` begins. Clocks change at 01:00 UTC, so midnight is never skipped. */
export function startOfLondonDay(date: LocalDate): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  return new Date(midnightUtc - londonOffsetMinutes(new Date(midnightUtc)) * 60_000);
}

/** The instant London's clocks read `time` (24-hour `hh:mm`) on `date`, in GMT or BST as it falls. */
export function londonTimeOn(date: LocalDate, time: string): Date {
  const asIfUtc = Date.parse(`${date}T${time}:00Z`);
  const roughly = asIfUtc - londonOffsetMinutes(new Date(asIfUtc)) * 60_000;
  return new Date(asIfUtc - londonOffsetMinutes(new Date(roughly)) * 60_000);
}

/** The last millisecond of the London day `date`. */
export function endOfLondonDay(date: LocalDate): Date {
  return new Date(startOfLondonDay(addCalendarDays(date, 1)).getTime() - 1);
}

export function addCalendarDays(date: LocalDate, count: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one date to another: negative when `to` is earlier. */
export function calendarDaysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function isBusinessDay(date: LocalDate, week: WorkingWeek): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return week.days.includes(weekday === 0 ? 7 : weekday) && !week.holidays.includes(date);
}

/** Business days from `from` up to, not including, `to`: none when `to` is not later. */
export function businessDaysBetween(from: LocalDate, to: LocalDate, week: WorkingWeek): number {
  let count = 0;
  for (let day = from; day < to; day = addCalendarDays(day, 1)) if (isBusinessDay(day, week)) count += 1;
  return count;
}

/** The `count`th business day after `date` (before it when `count` is negative); `date` itself never counts. */
export function addBusinessDays(date: LocalDate, count: number, week: WorkingWeek): LocalDate {
  const step = count < 0 ? -1 : 1;
  let day = date;
  for (let counted = 0; counted < Math.abs(count); ) {
    day = addCalendarDays(day, step);
    if (isBusinessDay(day, week)) counted += 1;
  }
  return day;
}

/** The date `length` after (or, negated, before) `date`. */
export function addDays(date: LocalDate, length: DayCount, week: WorkingWeek, sign: 1 | -1 = 1): LocalDate {
  return length.counting === "business"
    ? addBusinessDays(date, sign * length.days, week)
    : addCalendarDays(date, sign * length.days);
}
