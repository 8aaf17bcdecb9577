// The theme ledger kept in maps, with the table's rules that theme alerts rely on: a case is counted
// once under its theme, and an alert is claimed by its first caller only.

import type { ThemeAlertMessage, ThemeLedger, ThemeTally } from "../../../shared/ports";

export class MemoryThemes implements ThemeLedger {
  /** Per theme: the cases counted in each period, and when. */
  readonly counted = new Map<string, Map<string, { period: string; at: string }>>();
  readonly alerted = new Map<string, string>();
  readonly claimed = new Map<string, ThemeAlertMessage>();
  readonly queued = new Set<string>();

  async count(
    theme: string,
    caseReference: string,
    at: string,
    periods: { current: string; previous: string },
  ): Promise<ThemeTally> {
    const cases = this.counted.get(theme) ?? new Map<string, { period: string; at: string }>();
    if (!cases.has(caseReference)) cases.set(caseReference, { period: periods.current, at });
    this.counted.set(theme, cases);
    const inPeriod = (period: string) => [...cases.values()].filter((c) => c.period === period).length;
    const alertedPeriod = this.alerted.get(theme);
    return {
      current: inPeriod(periods.current),
      previous: inPeriod(periods.previous),
      recentCases: [...cases.entries()]
        .map(([reference, { at: countedAt }]) => ({ caseReference: reference, at: countedAt }))
        .sort((a, b) => b.at.localeCompare(a.at)),
      ...(alertedPeriod ? { alertedPeriod } : {}),
    };
  }
  async noteAlerted(theme: string, period: string) {
    this.alerted.set(theme, period);
  }
  async claimAlert(alert: ThemeAlertMessage) {
    if (this.claimed.has(alert.alertId)) return false;
    this.claimed.set(alert.alertId, structuredClone(alert));
    return true;
  }
  async markQueued(alertId: string) {
    this.queued.add(alertId);
  }
}
