import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { mayAct, mayAgree, mayReRefer, staffAuthority } from "../../shared/domain/staff-roles";
import { sampleCase } from "./sample-case";

const atLevel = (
  level: (typeof sampleCase.referral)["level"],
  status: typeof sampleCase.status = "open",
) => ({
  referral: { ...sampleCase.referral, level },
  status,
});

describe("staffAuthority", () => {
  it("takes the highest referral level among a colleague's groups", () => {
    expect(staffAuthority({ id: "sam", groups: ["frontline", "management", "admin"] })).toEqual({
      id: "sam",
      level: "management",
      admin: true,
      role: "management",
    });
  });

  it("gives an admin with no level the admin role, and someone in no group no role", () => {
    expect(staffAuthority({ id: "a", groups: ["admin"] })).toMatchObject({ level: undefined, role: "admin" });
    expect(staffAuthority({ id: "b", groups: [] })).toMatchObject({ level: undefined, role: undefined });
  });
});

describe("mayAct", () => {
  const frontline = staffAuthority({ id: "jo", groups: ["frontline"] });
  const supervisor = staffAuthority({ id: "sam", groups: ["supervisor"] });
  const admin = staffAuthority({ id: "al", groups: ["admin"] });

  it("lets a colleague act on cases at or below their level", () => {
    expect(mayAct(supervisor, "claim", atLevel("frontline"))).toEqual({ allowed: true });
    expect(mayAct(supervisor, "correct", atLevel("supervisor"))).toEqual({ allowed: true });
  });

  it("refuses a case above the colleague's level, saying who can act", () => {
    expect(mayAct(frontline, "correct", atLevel("head-office"))).toEqual({
      allowed: false,
      reason:
        "This case is referred to head office, above frontline staff, so you cannot correct it; ask head office or re-refer it from there.",
    });
  });

  it("lets only supervisors and above take over a case", () => {
    expect(mayAct(frontline, "take-over", atLevel("frontline")).allowed).toBe(false);
    expect(mayAct(supervisor, "take-over", atLevel("frontline")).allowed).toBe(true);
  });

  it("allows notes on a closed case but no other change", () => {
    expect(mayAct(frontline, "note", atLevel("frontline", "resolved")).allowed).toBe(true);
    expect(mayAct(frontline, "claim", atLevel("frontline", "resolved"))).toEqual({
      allowed: false,
      reason: "This case is closed (resolved), so it cannot be changed now.",
    });
  });

  it("lets admins re-refer and correct, but not take cases on", () => {
    expect(mayAct(admin, "re-refer", atLevel("management")).allowed).toBe(true);
    expect(mayAct(admin, "correct", atLevel("management")).allowed).toBe(true);
    expect(mayAct(admin, "claim", atLevel("management")).allowed).toBe(false);
  });

  it("refuses someone in no staff group", () => {
    expect(mayAct(staffAuthority({ id: "x", groups: [] }), "note", atLevel("frontline"))).toEqual({
      allowed: false,
      reason: "You are not in any staff group, so you cannot act on cases.",
    });
  });
});

describe("mayReRefer", () => {
  it("refuses a re-referral to the level the case is already at", () => {
    const supervisor = staffAuthority({ id: "sam", groups: ["supervisor"] });
    expect(mayReRefer(supervisor, atLevel("supervisor"), "supervisor")).toEqual({
      allowed: false,
      reason: "This case is already referred to supervisors.",
    });
    expect(mayReRefer(supervisor, atLevel("supervisor"), "frontline").allowed).toBe(true);
  });
});

describe("mayAgree", () => {
  it("passes on the authority sentence for an amount within the level's limit", () => {
    const frontline = staffAuthority({ id: "jo", groups: ["frontline"] });
    expect(mayAgree(frontline, atLevel("frontline"), { type: "refund", amount: 50 }, defaultPolicy)).toEqual({
      allowed: true,
      authority: "A refund of £50.00 is within the £50.00 that frontline staff may agree.",
    });
  });

  it("refuses an amount above the level's limit, saying who may agree it and what to do", () => {
    const supervisor = staffAuthority({ id: "sam", groups: ["supervisor"] });
    expect(
      mayAgree(supervisor, atLevel("frontline"), { type: "goodwill", amount: 150 }, defaultPolicy),
    ).toEqual({
      allowed: false,
      reason:
        "A goodwill gesture of £150.00 is more than the £100.00 that a supervisor may agree; management may agree up to £500.00. Re-refer the case to management.",
    });
  });
});
