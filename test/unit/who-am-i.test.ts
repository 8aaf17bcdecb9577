// The signed-in colleague as the console shows them: role, money authority in the organisation's
// currency, what their groups may do, and the categories and signals a classification may be corrected to.
import { describe, expect, it } from "vitest";
import { whoAmI } from "../../shared/application/staff-work";
import { defaultPolicy } from "../../shared/config/policy";
import { colleague } from "./support/staff-work";

describe("whoAmI", () => {
  it("gives a supervisor their level, their authority and the capabilities of their group", () => {
    const me = whoAmI(colleague("supervisor", "sam"), defaultPolicy);

    expect(me).toMatchObject({
      id: "sam@example.com",
      groups: ["supervisor"],
      level: "supervisor",
      role: "supervisor",
      authority: { refundUpTo: 250, goodwillUpTo: 100, currency: "GBP" },
    });
    expect(me.capabilities).toEqual(expect.arrayContaining(["read-case", "take-over", "agree-offer"]));
    expect(me.capabilities).not.toContain("override-virus-verdict");
    expect(me.categories).toEqual([...Object.keys(defaultPolicy.classification.categories), "other"]);
    expect(me.correctableSignals).toEqual([
      "vulnerability",
      "legal-threat",
      "abuse",
      "data-protection",
      "elected-representative",
    ]);
  });

  it("gives someone in no staff group no level, no authority and nothing but seeing who they are", () => {
    const me = whoAmI({ id: "visitor@example.com", groups: [] }, defaultPolicy);

    expect(me).toMatchObject({ level: null, authority: null, capabilities: ["who-am-i"] });
  });
});
