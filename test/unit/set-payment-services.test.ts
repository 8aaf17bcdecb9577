// Whether a complaint is about payment services chooses its clock under FCA DISP (15 business days, not
// eight weeks): staff set it through the complaint gate, the change is on the timeline and the new
// clock's warning and deadline are put down; only complaints have it, and setting it twice is refused.
import { describe, expect, it } from "vitest";
import { setPaymentServices } from "../../shared/application/complaint-work/set-payment-services";
import { shippedRulePack } from "../../shared/config/complaint-rules";
import { MemoryComplaintRecords } from "./communication-fakes";
import { freshEachTest } from "./support/fresh-each-test";
import { lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";

const fca = shippedRulePack("fca-disp");
const letters = freshEachTest(lettersOnSampleCase);
const complaintWork = () => ({
  ...letters.deps,
  complaints: new MemoryComplaintRecords(letters.cases),
  rulePack: fca,
});

describe("setPaymentServices", () => {
  it("marks the complaint as about payment services and runs the payment-services clock instead", async () => {
    const result = await setPaymentServices(REFERENCE, { paymentServices: true }, STAFF, complaintWork());

    if (!result.ok) throw new Error(result.failure.message);
    expect(result.value.clocks.map((clock) => clock.clockId)).toEqual(["payment-services-final-response"]);
    expect((await letters.cases.getCase(REFERENCE))?.complaintHandling).toEqual({ paymentServices: true });
    expect(letters.cases.eventsOf(REFERENCE, "payment-services-set")).toEqual([
      expect.objectContaining({ paymentServices: true, by: STAFF.id }),
    ]);
    expect(letters.dueItems.pending(REFERENCE).map((item) => [item.kind, item.subjectId])).toEqual(
      expect.arrayContaining([
        ["complaint-clock-warning", "payment-services-final-response"],
        ["complaint-clock-breach", "payment-services-final-response"],
      ]),
    );
  });

  it("refuses to set what the complaint already says", async () => {
    const result = await setPaymentServices(REFERENCE, { paymentServices: false }, STAFF, complaintWork());

    expect(result).toEqual({
      ok: false,
      failure: {
        code: "unchanged",
        message: "The complaint is already marked as not about payment services.",
      },
    });
    expect(letters.cases.eventsOf(REFERENCE, "payment-services-set")).toEqual([]);
  });

  it("refuses a case that is not classified as a complaint", async () => {
    letters.cases.update(REFERENCE, (record) => {
      record.classification.kind = "query";
    });

    const result = await setPaymentServices(REFERENCE, { paymentServices: true }, STAFF, complaintWork());

    expect(result).toMatchObject({ ok: false, failure: { code: "not-a-complaint" } });
    expect(letters.dueItems.pending(REFERENCE)).toEqual([]);
  });
});
