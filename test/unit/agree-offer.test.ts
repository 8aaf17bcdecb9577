// Agreeing a refund or goodwill gesture: the amount is checked against the colleague's level, the
// sentence that allowed it is kept on the timeline, and an amount only written in the text is refused.
import { describe, expect, it } from "vitest";
import { agreeOffer } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase, WORK_AT } from "./support/staff-work";

const work = freshEachTest(staffWorkOnSampleCase);

describe("agreeOffer", () => {
  it("records an offer within the supervisor's authority with the sentence that allowed it", async () => {
    const sam = colleague("supervisor", "sam");

    const result = await agreeOffer(
      REFERENCE,
      { type: "refund", amount: 40, description: "Refund of the delivery charge" },
      sam,
      work.caseChanges,
    );

    expect(result).toMatchObject({
      ok: true,
      value: {
        event: {
          type: "offer-agreed",
          offer: "refund",
          amount: 40,
          currency: "GBP",
          by: sam.id,
          at: WORK_AT,
        },
      },
    });
    const [offer] = work.cases.eventsOf(REFERENCE, "offer-agreed");
    expect(offer?.authority).toMatch(/£40\.00/);
    expect((await work.cases.getCase(REFERENCE))?.firstStaffActionAt).toBe(WORK_AT);
  });

  it("refuses an amount above the colleague's authority, naming who may agree it", async () => {
    const result = await agreeOffer(
      REFERENCE,
      { type: "goodwill", amount: 150, description: "Goodwill for the trouble" },
      colleague("supervisor"),
      work.caseChanges,
    );

    expect(result).toMatchObject({ ok: false, failure: { code: "refused" } });
    expect(result.ok || result.failure.message).toContain("Re-refer the case to management.");
    expect(work.cases.eventsOf(REFERENCE, "offer-agreed")).toEqual([]);
  });

  it("refuses a description that promises more money than the offer", async () => {
    const result = await agreeOffer(
      REFERENCE,
      { type: "refund", amount: 10, description: "We will refund £900" },
      colleague("supervisor"),
      work.caseChanges,
    );

    expect(result).toMatchObject({ ok: false, failure: { code: "amount-not-structured" } });
  });
});
