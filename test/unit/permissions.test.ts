// The permissions table: who may do what before any case is looked at, the case-level rule, the money
// rule, and the README's table, which must be the one the code enforces.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import {
  CAPABILITIES,
  capabilitiesOnCase,
  PERMISSIONS,
  permissionsMarkdown,
  permit,
  permitAmount,
  permitOnCase,
  STAFF_GROUPS,
  staffAuthority,
} from "../../shared/domain/permissions";
import { sampleCase } from "./sample-case";

const atLevel = (
  level: (typeof sampleCase.referral)["level"],
  status: typeof sampleCase.status = "open",
) => ({
  referral: { ...sampleCase.referral, level },
  status,
});

const member = (...groups: string[]) => ({ id: `${groups.join("-") || "nobody"}@example.com`, groups });

describe("staffAuthority", () => {
  it("takes the highest referral level among a colleague's groups", () => {
    expect(staffAuthority(member("frontline", "management", "admin"))).toEqual({
      id: "frontline-management-admin@example.com",
      level: "management",
      role: "management",
    });
  });

  it("gives an admin with no level the admin role, and someone in no group the role none", () => {
    expect(staffAuthority(member("admin"))).toMatchObject({ level: undefined, role: "admin" });
    expect(staffAuthority(member())).toMatchObject({ level: undefined, role: "none" });
  });
});

describe("the permissions table", () => {
  it("has a refusal sentence for every capability and names only known groups", () => {
    for (const capability of CAPABILITIES) {
      const rule = PERMISSIONS[capability];
      expect(rule.refusal).toMatch(/^[A-Z].*\.$/);
      for (const group of rule.groups) expect(STAFF_GROUPS).toContain(group);
    }
  });

  it("lets someone in no group see only who they are", () => {
    const nobody = member();
    expect(CAPABILITIES.filter((capability) => permit(capability, nobody).allowed)).toEqual(["who-am-i"]);
    expect(permit("read-case", nobody)).toEqual({
      allowed: false,
      reason:
        "You are not in any staff group yet, so you cannot read cases; ask an administrator to put you in your team's group.",
    });
  });

  it("treats a group Heed does not know like no group", () => {
    expect(permit("search", member("marketing")).allowed).toBe(false);
  });

  it("keeps data protection and the access log for head office, and virus overrides for admins", () => {
    expect(permit("data-protection", member("management")).allowed).toBe(false);
    expect(permit("data-protection", member("head-office")).allowed).toBe(true);
    expect(permit("read-access-log", member("admin")).allowed).toBe(false);
    expect(permit("override-virus-verdict", member("head-office")).allowed).toBe(false);
    expect(permit("override-virus-verdict", member("admin")).allowed).toBe(true);
  });

  it("is the table the README prints", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readme).toContain(permissionsMarkdown());
  });
});

describe("the case-level rule", () => {
  it("lets a colleague act on cases at or below their level", () => {
    expect(permitOnCase("take-case", member("supervisor"), atLevel("frontline"))).toEqual({ allowed: true });
    expect(permitOnCase("correct", member("supervisor"), atLevel("supervisor"))).toEqual({ allowed: true });
  });

  it("refuses a case above the colleague's level, saying who can act", () => {
    expect(permitOnCase("resolve", member("frontline"), atLevel("management"))).toEqual({
      allowed: false,
      reason:
        "This case is referred to management, above frontline staff, so you cannot resolve it; ask management or re-refer it from there.",
    });
  });

  it("allows reading and notes on any case at any level, closed too", () => {
    expect(permitOnCase("add-note", member("frontline"), atLevel("head-office", "resolved")).allowed).toBe(
      true,
    );
    expect(permitOnCase("read-case", member("frontline"), atLevel("head-office", "resolved")).allowed).toBe(
      true,
    );
  });

  it("refuses changes to a closed case", () => {
    expect(permitOnCase("send-update", member("frontline"), atLevel("frontline", "resolved"))).toEqual({
      allowed: false,
      code: "case-not-open",
      reason: "This case is closed (resolved), so it cannot be changed now.",
    });
  });

  it("lets only supervisors and above take over a case", () => {
    expect(permitOnCase("take-over", member("frontline"), atLevel("frontline")).allowed).toBe(false);
    expect(permitOnCase("take-over", member("supervisor"), atLevel("frontline")).allowed).toBe(true);
  });

  it("lets admins re-refer and correct at any level, but not take cases on or write to customers", () => {
    const admin = member("admin");
    expect(permitOnCase("re-refer", admin, atLevel("management")).allowed).toBe(true);
    expect(permitOnCase("correct", admin, atLevel("management")).allowed).toBe(true);
    expect(permitOnCase("take-case", admin, atLevel("frontline")).allowed).toBe(false);
    expect(permitOnCase("resolve", admin, atLevel("frontline")).allowed).toBe(false);
  });

  it("lists what a frontline colleague may do on a management case: read it and add notes", () => {
    expect(capabilitiesOnCase(member("frontline"), atLevel("management"))).toEqual(["read-case", "add-note"]);
    expect(capabilitiesOnCase(member("head-office"), atLevel("management"))).toContain("resolve");
  });
});

describe("the money rule", () => {
  it("passes on the authority sentence for an amount within the level's limit", () => {
    expect(permitAmount(member("frontline"), { type: "refund", amount: 50 }, defaultPolicy)).toEqual({
      allowed: true,
      authority: "A refund of £50.00 is within the £50.00 that frontline staff may agree.",
    });
  });

  it("refuses an amount above the level's limit, saying who may agree it and what to do", () => {
    expect(permitAmount(member("supervisor"), { type: "goodwill", amount: 150 }, defaultPolicy)).toEqual({
      allowed: false,
      reason:
        "A goodwill gesture of £150.00 is more than the £100.00 that a supervisor may agree; management may agree up to £500.00. Re-refer the case to management.",
    });
  });
});
