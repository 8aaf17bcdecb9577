// Correcting a detail Heed took from the message: the value is normalised as intake would, the case holds
// it with the original kept in the correction, and the case can be found by the corrected value.
import { describe, expect, it } from "vitest";
import { correctDetail } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase, WORK_AT } from "./support/staff-work";

const jo = colleague("supervisor", "jo");
const work = freshEachTest(() => staffWorkOnSampleCase({ transactionReferences: ["ORD-1001"] }));

describe("correctDetail", () => {
  it("keeps a corrected phone number in international form and finds the case by it", async () => {
    const result = await correctDetail(
      REFERENCE,
      { field: "phone", value: "0113 496 0000", reason: "Customer rang with it" },
      jo,
      work.caseChanges,
    );

    const correction = {
      field: "phone",
      original: undefined,
      corrected: "+441134960000",
      reason: "Customer rang with it",
      by: jo.id,
      at: WORK_AT,
    };
    expect(result).toMatchObject({ ok: true, value: { event: { type: "detail-corrected", correction } } });
    const record = await work.cases.getCase(REFERENCE);
    expect(record?.customer.phone).toBe("+441134960000");
    expect(record?.corrections).toEqual([correction]);
    expect(await work.cases.findCaseReferences("phone", "+441134960000")).toEqual([REFERENCE]);
  });

  it("adds an order number beside the ones the case has, and refuses one it already has", async () => {
    const added = await correctDetail(
      REFERENCE,
      { field: "transaction-reference", value: " ord-2002 ", reason: "Second order" },
      jo,
      work.caseChanges,
    );
    const again = await correctDetail(
      REFERENCE,
      { field: "transaction-reference", value: "ord-1001", reason: "Typed twice" },
      jo,
      work.caseChanges,
    );

    expect(added).toMatchObject({
      ok: true,
      value: { event: { correction: { original: "ORD-1001", corrected: "ORD-2002" } } },
    });
    expect((await work.cases.getCase(REFERENCE))?.transactionReferences).toEqual(["ORD-1001", "ORD-2002"]);
    expect(again).toEqual({
      ok: false,
      failure: { code: "invalid", message: "The case already has ORD-1001." },
    });
  });

  it("refuses a postcode or phone number it cannot read, and a name the case already has", async () => {
    const postcode = await correctDetail(
      REFERENCE,
      { field: "postcode", value: "not a postcode", reason: "x" },
      jo,
      work.caseChanges,
    );
    const phone = await correctDetail(
      REFERENCE,
      { field: "phone", value: "12", reason: "x" },
      jo,
      work.caseChanges,
    );
    const name = await correctDetail(
      REFERENCE,
      { field: "name", value: " Jo  Bloggs ", reason: "x" },
      jo,
      work.caseChanges,
    );

    expect(postcode).toMatchObject({
      ok: false,
      failure: { code: "invalid", message: expect.stringContaining("UK postcode") },
    });
    expect(phone).toMatchObject({
      ok: false,
      failure: { code: "invalid", message: expect.stringContaining("phone number") },
    });
    expect(name).toEqual({
      ok: false,
      failure: { code: "invalid", message: "The case already has that name." },
    });
    expect((await work.cases.getCase(REFERENCE))?.corrections).toBeUndefined();
  });
});
