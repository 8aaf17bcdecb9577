import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { checkAuthority, formatMoney, lowestLevelWithAuthority } from "../../shared/domain/authority";
import { parsePolicy } from "../../shared/domain/policy/organisation-policy";

describe("checkAuthority", () => {
  it.each([
    ["frontline", "refund", 50],
    ["frontline", "goodwill", 25],
    ["supervisor", "refund", 250],
    ["management", "goodwill", 500],
    ["head-office", "refund", 1_000_000],
  ] as const)("lets %s agree a %s of £%d", (level, type, amount) => {
    expect(checkAuthority(level, { type, amount }, defaultPolicy).withinAuthority).toBe(true);
  });

  it("says which level is needed, and why, when an amount is beyond a level's authority", () => {
    // Act
    const decision = checkAuthority("frontline", { type: "refund", amount: 80 }, defaultPolicy);

    // Assess
    expect(decision).toEqual({
      withinAuthority: false,
      level: "frontline",
      requiredLevel: "supervisor",
      reason:
        "A refund of £80.00 is more than the £50.00 that frontline staff may agree; a supervisor may agree up to £250.00.",
    });
  });

  it("skips levels that would not have the authority either", () => {
    const decision = checkAuthority("frontline", { type: "goodwill", amount: 300 }, defaultPolicy);
    expect(decision).toMatchObject({ withinAuthority: false, requiredLevel: "management" });
  });

  it("explains a level without a limit in words", () => {
    expect(checkAuthority("management", { type: "refund", amount: 5000 }, defaultPolicy).reason).toBe(
      "A refund of £5,000.00 is more than the £2,000.00 that management may agree; head office may agree any amount.",
    );
    expect(checkAuthority("head-office", { type: "refund", amount: 5000 }, defaultPolicy).reason).toBe(
      "A refund of £5,000.00 is within what head office may agree, which has no limit.",
    );
  });

  it("says so when no level may agree an amount", () => {
    // Prepare
    const capped = parsePolicy({
      ...defaultPolicy,
      authority: { ...defaultPolicy.authority, "head-office": { refundUpTo: 10_000, goodwillUpTo: 1000 } },
    });

    // Act
    const decision = checkAuthority("supervisor", { type: "refund", amount: 20_000 }, capped);

    // Assess
    expect(decision).toMatchObject({ withinAuthority: false, requiredLevel: undefined });
    expect(decision.reason).toContain("more than any level may agree (head office up to £10,000.00)");
  });
});

describe("lowestLevelWithAuthority", () => {
  it.each([
    [10, "frontline"],
    [50, "frontline"],
    [50.01, "supervisor"],
    [2000, "management"],
    [2000.01, "head-office"],
  ] as const)("finds the lowest level that may refund £%d", (amount, level) => {
    expect(lowestLevelWithAuthority("refund", amount, defaultPolicy)).toBe(level);
  });
});

describe("formatMoney", () => {
  it("writes pounds the way UK staff read them", () => {
    expect(formatMoney(1250.5, "GBP")).toBe("£1,250.50");
  });
});
