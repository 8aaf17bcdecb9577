import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import type { Classification } from "../../shared/domain/case";
import { decideThemeAlert, themeKey, windowStart } from "../../shared/domain/repeated-themes";

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
