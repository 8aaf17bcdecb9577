// The reconciler's index of recent work. Every item that starts something the reconciler must see end
// (an intake entry, a raw-mail arrival, a case, a claimed theme alert) carries the hour it started in,
// and a keys-only global secondary index partitions those items by that hour. A reconcile run queries
// the hours of its window, so what it reads follows recent work, never the table's whole history.

export const RECENT_WORK_INDEX = "recent-work";
/** The index's partition key: `2026-11-23T12`, the UTC hour an item's work started. */
export const WORK_HOUR_ATTRIBUTE = "workHour";
/** The index's sort key: the table's own partition key, unique per indexed item. */
export const WORK_SORT_ATTRIBUTE = "pk";

/** The attribute that puts an item in the index, under the hour of `at` (an ISO time). */
export function workHour(at: string): { workHour: string } {
  return { workHour: new Date(at).toISOString().slice(0, 13) };
}

const HOUR_MS = 3_600_000;

/** Every hour partition from the one `from` falls in to the one `to` falls in, oldest first. */
export function workHoursBetween(from: Date, to: Date): string[] {
  const hours: string[] = [];
  const first = Math.floor(from.getTime() / HOUR_MS);
  const last = Math.floor(to.getTime() / HOUR_MS);
  for (let hour = first; hour <= last; hour++)
    hours.push(workHour(new Date(hour * HOUR_MS).toISOString()).workHour);
  return hours;
}
