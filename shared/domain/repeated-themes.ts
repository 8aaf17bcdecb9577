// Notices when many customers raise the same thing (reliable 2.6/2.7: alert others to repeated comments):
// a theme is a case's category plus the first product, site or service it mentions from the policy's
// topic list. Given how many cases had the theme in the rolling window, decides whether to alert
// management, with an alert id that stays the same until the window moves on, so an alert is raised once.

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
  // Fixed periods of windowDays counted from the Unix epoch: the id changes only when a period ends.
  const period = Math.floor(now.getTime() / (policy.windowDays * DAY_MS));
  const periodStart = new Date(period * policy.windowDays * DAY_MS).toISOString().slice(0, 10);
  const [category, topic] = theme.split("/");
  const about = topic && topic !== ANY_TOPIC ? `${category}, mentioning ${topic}` : category;
  return {
    alert: true,
    alertId: `${theme}@${periodStart}`,
    theme,
    summary: `${countInWindow} cases about ${about} in the last ${policy.windowDays} days, at or above the alert threshold of ${policy.threshold}.`,
  };
}
