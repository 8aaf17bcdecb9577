// Counts cases per theme (category plus product, site or keyword) in a rolling window and, when a theme
// crosses the policy's threshold, alerts management once for that window (reliable 2.6/2.7).

import type { CaseRecord } from "../domain/case";
import type { Policy } from "../domain/policy/organisation-policy";
import { decideThemeAlert, themeKey, windowStart } from "../domain/repeated-themes";
import type { Clock, Log, ReferralQueue, ThemeAlertMessage, ThemeLedger } from "../ports";

export async function noteTheme(
  record: CaseRecord,
  now: Date,
  deps: { themes: ThemeLedger; referrals: ReferralQueue; policy: Policy; log: Log; clock: Clock },
): Promise<void> {
  const policy = deps.policy.repeatedThemes;
  const theme = themeKey({ classification: record.classification, topics: record.topics ?? [] }, policy);
  if (!theme) return;
  await deps.themes.record(theme, record.reference, now.toISOString(), policy.windowDays);
  const since = windowStart(now, policy).toISOString();
  const references = await deps.themes.casesSince(theme, since);
  const decision = decideThemeAlert(theme, references.length, now, policy);
  if (!decision.alert) return;
  const alert = {
    alertId: decision.alertId,
    theme: decision.theme,
    summary: decision.summary,
    caseReferences: references,
    raisedAt: now.toISOString(),
  };
  if (!(await deps.themes.claimAlert(alert))) return;
  await queueThemeAlert(alert, deps);
  deps.log.info("repeated theme alert", { alertId: decision.alertId, cases: references.length });
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
