// Resolving a case: the outcome is recorded with what was agreed and any money as a field (never only
// in the text), the customer is told with a link for their feedback, and a resolved case stays resolved.
import { describe, expect, it } from "vitest";
import { resolveCase } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";

const letters = freshEachTest(lettersOnSampleCase);

describe("resolveCase", () => {
  it("resolves the case and sends what was agreed with a link for the customer's feedback", async () => {
    // Act
    const resolved = await resolveCase(
      REFERENCE,
      { agreed: "We have refunded £34.99 to your card.", money: { type: "refund", amount: 34.99 } },
      STAFF,
      "https://api.example.com",
      letters.deps,
    );

    // Assess
    if (!resolved.ok) throw new Error("not resolved");
    const record = await letters.cases.getCase(REFERENCE);
    expect(record).toMatchObject({ status: "resolved", closedAt: "2026-11-23T10:00:00.000Z" });
    expect(record?.outcome).toMatchObject({
      type: "resolved",
      by: STAFF.id,
      feedbackUntil: "2026-12-21T10:00:00.000Z",
    });
    expect(letters.mailer.sent[0]?.text).toMatch(/https:\/\/api\.example\.com\/feedback\/\S+/);
    expect(letters.mailer.sent[0]?.headers["Auto-Submitted"]).toBeUndefined();
    expect(await resolveCase(REFERENCE, { agreed: "Again" }, STAFF, "https://x", letters.deps)).toMatchObject(
      {
        failure: { code: "case-not-open" },
      },
    );
  });

  it("refuses a resolution that writes an amount without giving it as a field, and sends nothing", async () => {
    const result = await resolveCase(
      REFERENCE,
      { agreed: "We have refunded £900 to your card." },
      STAFF,
      "https://api.example.com",
      letters.deps,
    );

    expect(result).toMatchObject({ ok: false, failure: { code: "amount-not-structured" } });
    expect(letters.mailer.sent).toEqual([]);
    expect((await letters.cases.getCase(REFERENCE))?.status).toBe("open");
  });

  it("keeps a resolution's agreed refund as a field on the outcome", async () => {
    const result = await resolveCase(
      REFERENCE,
      { agreed: "We have refunded £34.99 to your card.", money: { type: "refund", amount: 34.99 } },
      STAFF,
      "https://api.example.com",
      letters.deps,
    );

    expect(result).toMatchObject({
      ok: true,
      value: { outcome: { money: { type: "refund", amount: 34.99, currency: "GBP" }, role: "supervisor" } },
    });
  });
});
