// Notices when many customers raise the same thing (reliable 2.6/2.7: alert others to repeated comments):
// a theme is a case's category plus the first product, site or service it mentions from the policy's
// topic list. Counts kept per fixed period give the cases in the rolling window; given that number,
// decides whether to alert management, with an alert id that stays the same until the period ends.

import type { Policy } from "./policy/organisation-policy";
import type { Understanding } from "./understanding";

type ThemePolicy = Policy["repeatedThemes"];

/** Theme of a case that mentions none of the listed topics: the category alone. */
const ANY_TOPIC = "any";

const DAY_MS = 86_400_000;

/** `delivery/kx200-kettle`, or undefined for kinds the policy does not count (praise, plain questions). */
export function themeKey(
  understanding: Pick<Understanding, "classification" | "topics">,
  policy: ThemePolicy,
): string | undefined {
  const { kind, category } = understanding.classification;
  if (!policy.kinds.includes(kind)) return undefined;
  return `${category}/${understanding.topics[0] ?? ANY_TOPIC}`;
}

/** The instant the rolling window that ends now began: count the theme's cases created since then. */
export function windowStart(now: Date, policy: ThemePolicy): Date {
  return new Date(now.getTime() - policy.windowDays * DAY_MS);
}

/**
 * Themes are counted in fixed periods of `windowDays`, counted from the Unix epoch: the one `now` falls
 * in and the one before it, each named by the date it starts. The rolling window that ends now covers
 * the rest of the previous period (`previousShare` of it) and the current period so far.
 */
export interface ThemePeriods {
  current: string;
  previous: string;
  previousShare: number;
}

export function themePeriods(now: Date, policy: ThemePolicy): ThemePeriods {
  const length = policy.windowDays * DAY_MS;
  const start = Math.floor(now.getTime() / length) * length;
  return {
    current: new Date(start).toISOString().slice(0, 10),
    previous: new Date(start - length).toISOString().slice(0, 10),
    previousShare: 1 - (now.getTime() - start) / length,
  };
}

/**
 * The cases in the rolling window, from the two periods' counts: all of this period's, and the previous
 * period's in proportion to the part of it still inside the window (cases taken as spread evenly).
 */
export function casesInWindow(counts: { current: number; previous: number }, periods: ThemePeriods): number {
  return counts.current + Math.round(counts.previous * periods.previousShare);
}

export type ThemeAlertDecision =
  | { alert: false }
  | {
      alert: true;
      /** Theme plus the window period it falls in: the same for every case until the period ends. */
      alertId: string;
      theme: string;
      /** A sentence for the managers who receive the alert. */
      summary: string;
    };

/**
 * @param countInWindow cases with this theme created in the rolling window, this one included
 */
export function decideThemeAlert(
  theme: string,
  countInWindow: number,
  now: Date,
  policy: ThemePolicy,
): ThemeAlertDecision {
  if (countInWindow < policy.threshold) return { alert: false };
  // The id changes only when a period ends.
  const periodStart = themePeriods(now, policy).current;
  const [category, topic] = theme.split("/");
  const about = topic && topic !== ANY_TOPIC ? `${category}, mentioning ${topic}` : category;
  return {
    alert: true,
    alertId: `${theme}@${periodStart}`,
    theme,
    summary: `${countInWindow} cases about ${about} in the last ${policy.windowDays} days, at or above the alert threshold of ${policy.threshold}.`,
  };
}
