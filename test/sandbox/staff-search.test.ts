// Finding a case in one step (reliable 3.3) through the staff API: the search box recognises a case
// reference however it is cased (and suggests the right one for a mistyped check character), an email
// address, a phone number in any format, a postcode with or without its space, and an order number —
// all through lookup items written when the case was recorded, never a scan.
import { describe, expect, it } from "vitest";
import { callApi, colleague, seedCase } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";

interface SearchAnswer {
  cases: { reference: string }[];
  searched?: string[];
  suggestion?: string;
  message?: string;
}

describe("quick lookup", () => {
  const sandbox = withSandbox();
  const search = (token: string, q: string) =>
    callApi<SearchAnswer>(sandbox(), token, `/api/search?${new URLSearchParams({ q })}`);

  it("finds a case by its reference in lower case, and suggests the right one for a mistyped check character", async () => {
    // Prepare
    const record = await seedCase(sandbox(), { unreferred: true });
    const jo = colleague(sandbox(), "frontline");
    const check = record.reference.slice(-1);
    const mistyped = `${record.reference.slice(0, -1)}${check === "7" ? "8" : "7"}`;

    // Act
    const exact = await search(jo.token, `  ${record.reference.toLowerCase()} `);
    const wrong = await search(jo.token, mistyped);

    // Assess
    expect(exact.body.cases.map((item) => item.reference)).toEqual([record.reference]);
    expect(wrong.body).toMatchObject({
      cases: [],
      suggestion: record.reference,
      message: `No case has that reference; did you mean ${record.reference}?`,
    });
  });

  it("finds a case by the customer's email address, whatever its case", async () => {
    const email = `Lookup.${Date.now()}@Example.org`;
    const record = await seedCase(sandbox(), { unreferred: true, customer: { email: email.toLowerCase() } });
    const jo = colleague(sandbox(), "frontline");

    const answer = await search(jo.token, email.toUpperCase());

    expect(answer.body).toMatchObject({ searched: ["email"], cases: [{ reference: record.reference }] });
  });

  it("finds a case by phone number written any way", async () => {
    // Prepare
    const record = await seedCase(sandbox(), { unreferred: true, customer: { phone: "+447700900456" } });
    const jo = colleague(sandbox(), "frontline");

    // Act
    const answers = await Promise.all(
      ["07700 900456", "+44 (0)7700-900-456", "0044 7700 900456"].map((q) => search(jo.token, q)),
    );

    // Assess
    for (const answer of answers)
      expect(answer.body.cases.map((item) => item.reference)).toContain(record.reference);
  });

  it("finds a case by postcode with or without its space, and by order number", async () => {
    // Prepare
    const record = await seedCase(sandbox(), {
      unreferred: true,
      customer: { postcode: "LS6 3AB" },
      transactionReferences: [`ORD-${Date.now()}`],
    });
    const jo = colleague(sandbox(), "frontline");
    const order = record.transactionReferences[0] ?? "";

    // Act
    const byPostcode = await search(jo.token, "ls63ab");
    const byOrder = await search(jo.token, order.toLowerCase());

    // Assess
    expect(byPostcode.body.searched).toEqual(["postcode"]);
    expect(byPostcode.body.cases.map((item) => item.reference)).toContain(record.reference);
    expect(byOrder.body.cases.map((item) => item.reference)).toEqual([record.reference]);
  });

  it("says what it can search by when it cannot tell what was typed, and when nothing matches", async () => {
    const jo = colleague(sandbox(), "frontline");

    const unrecognised = await search(jo.token, "the kettle");
    const nothing = await search(jo.token, "nobody.at.all@example.org");

    expect(unrecognised.body.message).toBe(
      "Search by case reference, email address, phone number, postcode or order number.",
    );
    expect(nothing.body).toMatchObject({ cases: [], message: "No case matches that." });
  });
});
