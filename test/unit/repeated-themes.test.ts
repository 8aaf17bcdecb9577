import { describe, expect, it } from "vitest";
import { noteTheme } from "../../shared/application/repeated-themes";
import { defaultPolicy } from "../../shared/config/policy";
import type { CaseRecord, Classification } from "../../shared/domain/case";
import {
  casesInWindow,
  decideThemeAlert,
  themeKey,
  themePeriods,
  windowStart,
} from "../../shared/domain/repeated-themes";
import type { ReferralQueue, ThemeAlertMessage } from "../../shared/ports";
import { MovableClock, silentLog } from "./communication-fakes";
import { sampleCase } from "./sample-case";
import { MemoryThemes } from "./support/memory-themes";

const policy = defaultPolicy.repeatedThemes;
const understood = (kind: Classification["kind"], category: string, topics: string[] = []) => ({
  classification: { kind, category, cause: "unknown" as const, signals: [], evidence: [] },
  topics,
});

describe("themeKey", () => {
  it.each([
    [understood("complaint", "product-fault", ["kx200-kettle", "leeds-store"]), "product-fault/kx200-kettle"],
    [understood("problem", "delivery"), "delivery/any"],
    [understood("compliment", "delivery", ["leeds-store"]), undefined],
    [understood("query", "website-system", ["checkout"]), undefined],
  ])("gives the theme of a case (%#)", (input, key) => {
    expect(themeKey(input, policy)).toBe(key);
  });
});

describe("windowStart", () => {
  it("goes back the policy's number of days", () => {
    expect(windowStart(new Date("2026-03-10T12:00:00Z"), policy).toISOString()).toBe(
      "2026-03-03T12:00:00.000Z",
    );
  });
});

describe("decideThemeAlert", () => {
  const theme = "product-fault/kx200-kettle";

  it("raises no alert below the threshold", () => {
    expect(decideThemeAlert(theme, 4, new Date("2026-03-10T12:00:00Z"), policy)).toEqual({ alert: false });
  });

  it("raises an alert at the threshold, with a summary for management", () => {
    expect(decideThemeAlert(theme, 5, new Date("2026-03-10T12:00:00Z"), policy)).toEqual({
      alert: true,
      alertId: "product-fault/kx200-kettle@2026-03-05",
      theme,
      summary:
        "5 cases about product-fault, mentioning kx200-kettle in the last 7 days, at or above the alert threshold of 5.",
    });
  });

  it("keeps the same alert id while the window period lasts, so the alert is raised once", () => {
    // Act
    const ids = ["2026-03-05T00:00:00Z", "2026-03-08T09:00:00Z", "2026-03-11T23:59:59Z"].map((at) =>
      decideThemeAlert(theme, 9, new Date(at), policy),
    );

    // Assess
    expect(new Set(ids.map((d) => (d.alert ? d.alertId : "")))).toEqual(
      new Set(["product-fault/kx200-kettle@2026-03-05"]),
    );
  });

  it("gives a new alert id once the window moves on", () => {
    const next = decideThemeAlert(theme, 6, new Date("2026-03-12T00:00:00Z"), policy);
    expect(next).toMatchObject({ alert: true, alertId: "product-fault/kx200-kettle@2026-03-12" });
  });

  it("describes a theme without a topic by its category alone", () => {
    const decision = decideThemeAlert("delivery/any", 5, new Date("2026-03-10T12:00:00Z"), policy);
    expect(decision.alert && decision.summary).toMatch(/^5 cases about delivery in the last 7 days/);
  });
});

describe("themePeriods and casesInWindow", () => {
  it("names the period now falls in and the one before, with the share of it still in the window", () => {
    // 2026-03-05 starts a 7-day period counted from the epoch; a day and a half into it
    const periods = themePeriods(new Date("2026-03-06T12:00:00Z"), policy);

    expect(periods).toEqual({ current: "2026-03-05", previous: "2026-02-26", previousShare: 1 - 1.5 / 7 });
  });

  it("counts this period's cases and the previous period's in proportion to its part in the window", () => {
    const periods = themePeriods(new Date("2026-03-06T12:00:00Z"), policy);

    expect(casesInWindow({ current: 2, previous: 7 }, periods)).toBe(2 + Math.round(7 * (5.5 / 7)));
    expect(casesInWindow({ current: 3, previous: 0 }, periods)).toBe(3);
  });
});

describe("noteTheme", () => {
  const at = (time: string) => new Date(time);
  const complaint = (reference: string): CaseRecord => ({
    ...sampleCase,
    reference,
    classification: { ...sampleCase.classification, kind: "complaint", category: "delivery" },
    topics: [],
  });

  function world() {
    const themes = new MemoryThemes();
    const referrals = new RecordingAlerts();
    const deps = {
      themes,
      referrals,
      policy: defaultPolicy,
      log: silentLog,
      clock: new MovableClock(at("2026-03-10T12:00:00Z")),
    };
    return { themes, referrals, deps };
  }

  it("raises no alert below the threshold", async () => {
    const { referrals, deps } = world();

    for (let i = 1; i < policy.threshold; i++)
      await noteTheme(complaint(`CS-000000${i}`), deps.clock.now(), deps);

    expect(referrals.alerts).toEqual([]);
  });

  it("alerts management once when the theme reaches the threshold, naming its cases", async () => {
    // Prepare
    const { themes, referrals, deps } = world();

    // Act: twice the threshold, the same case twice among them
    const references = Array.from({ length: 2 * policy.threshold }, (_, i) => `CS-00000${10 + i}`);
    for (const reference of references) await noteTheme(complaint(reference), deps.clock.now(), deps);
    await noteTheme(complaint(references[0] ?? ""), deps.clock.now(), deps);

    // Assess
    expect(referrals.alerts).toHaveLength(1);
    const [alert] = referrals.alerts;
    expect(alert).toMatchObject({ alertId: "delivery/any@2026-03-05", theme: "delivery/any" });
    expect(new Set(alert?.caseReferences)).toEqual(new Set(references.slice(0, policy.threshold)));
    expect(themes.queued).toEqual(new Set(["delivery/any@2026-03-05"]));
  });

  it("counts the previous period's cases towards the rolling window", async () => {
    // Prepare: most of the threshold reached late in the previous period
    const { referrals, deps } = world();
    for (let i = 0; i < policy.threshold - 1; i++)
      await noteTheme(complaint(`CS-00000${20 + i}`), at("2026-03-04T20:00:00Z"), deps);

    // Act: one more early in the next period
    await noteTheme(complaint("CS-0000030"), at("2026-03-05T01:00:00Z"), deps);

    // Assess
    expect(referrals.alerts.map((alert) => alert.alertId)).toEqual(["delivery/any@2026-03-05"]);
  });

  it("counts nothing for a kind the policy leaves out", async () => {
    const { themes, deps } = world();

    await noteTheme(
      { ...complaint("CS-0000040"), classification: { ...sampleCase.classification, kind: "compliment" } },
      deps.clock.now(),
      deps,
    );

    expect(themes.counted.size).toBe(0);
  });
});

class RecordingAlerts implements ReferralQueue {
  readonly alerts: ThemeAlertMessage[] = [];
  async send() {}
  async sendThemeAlert(alert: ThemeAlertMessage) {
    this.alerts.push(alert);
  }
}
