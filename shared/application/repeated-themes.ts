// Counts cases per theme (category plus product, site or keyword) in a rolling window and, when a theme
// crosses the policy's threshold, alerts management once for that window (reliable 2.6/2.7). One small
// counter per theme is updated per case: the cost of a case does not grow with the theme's volume.

import type { CaseRecord } from "../domain/case";
import type { Policy } from "../domain/policy/organisation-policy";
import {
  casesInWindow,
  decideThemeAlert,
  themeKey,
  themePeriods,
  windowStart,
} from "../domain/repeated-themes";
import type { Clock, Log, ReferralQueue, ThemeAlertMessage, ThemeLedger } from "../ports";

export interface ThemeDependencies {
  themes: ThemeLedger;
  referrals: ReferralQueue;
  policy: Policy;
  log: Log;
  clock: Clock;
}

export async function noteTheme(record: CaseRecord, now: Date, deps: ThemeDependencies): Promise<void> {
  const policy = deps.policy.repeatedThemes;
  const theme = themeKey({ classification: record.classification, topics: record.topics ?? [] }, policy);
  if (!theme) return;
  const periods = themePeriods(now, policy);
  const tally = await deps.themes.count(theme, record.reference, now.toISOString(), periods);
  const cases = casesInWindow(tally, periods);
  const decision = decideThemeAlert(theme, cases, now, policy);
  if (!decision.alert || tally.alertedPeriod === periods.current) return;
  const since = windowStart(now, policy).toISOString();
  const alert = {
    alertId: decision.alertId,
    theme: decision.theme,
    summary: decision.summary,
    caseReferences: tally.recentCases.filter((recent) => recent.at >= since).map((c) => c.caseReference),
    raisedAt: now.toISOString(),
  };
  const claimed = await deps.themes.claimAlert(alert);
  // Noted even when another case claimed it first: the later cases of this period need not try again.
  await deps.themes.noteAlerted(theme, periods.current);
  if (!claimed) return;
  await queueThemeAlert(alert, deps);
  deps.log.info("repeated theme alert", { alertId: decision.alertId, cases });
}

/**
 * Puts a claimed alert on the management queue and marks it queued. An alert whose claim was written
 * but whose send failed stays in the ledger unmarked, and the reconciler queues it; queuing it twice is
 * harmless, since the notifier emails each alert id once.
 */
export async function queueThemeAlert(
  alert: ThemeAlertMessage,
  deps: { themes: Pick<ThemeLedger, "markQueued">; referrals: ReferralQueue; clock: Clock },
): Promise<void> {
  await deps.referrals.sendThemeAlert(alert);
  await deps.themes.markQueued(alert.alertId, deps.clock.now().toISOString());
}
