// Options staff propose to the customer: numbered in the letter, one choice recorded, promising words
// blocked where they are, and money in an option checked against the colleague's authority.
import { describe, expect, it } from "vitest";
import { proposeOptions, recordOptionChoice } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";

const letters = freshEachTest(lettersOnSampleCase);

describe("options", () => {
  it("proposes numbered options to the customer and records the one they chose", async () => {
    const proposed = await proposeOptions(
      REFERENCE,
      {
        options: [
          { label: "A replacement kettle" },
          { label: "A refund of £34.99", money: { type: "refund", amount: 34.99 } },
        ],
      },
      STAFF,
      letters.deps,
    );
    if (!proposed.ok) throw new Error("not proposed");

    const chosen = await recordOptionChoice(
      REFERENCE,
      { proposalId: proposed.value.proposalId, optionId: "2", note: "By phone" },
      STAFF,
      letters.deps,
    );

    expect(proposed.value.delivery.sent).toBe(true);
    expect(letters.mailer.sent[0]?.text).toContain("- Option 2: A refund of £34.99");
    expect(chosen).toMatchObject({
      ok: true,
      value: { option: { optionId: "2", label: "A refund of £34.99" } },
    });
    expect(letters.cases.eventsOf(REFERENCE, "option-chosen")[0]).toMatchObject({
      by: STAFF.id,
      note: "By phone",
    });
    expect(
      await recordOptionChoice(
        REFERENCE,
        { proposalId: proposed.value.proposalId, optionId: "1" },
        STAFF,
        letters.deps,
      ),
    ).toMatchObject({ failure: { code: "choice-already-recorded" } });
  });

  it("blocks a promising option and names where the phrase is", async () => {
    const result = await proposeOptions(
      REFERENCE,
      { options: [{ label: "A replacement", detail: "We guarantee it arrives" }] },
      STAFF,
      letters.deps,
    );

    expect(result).toMatchObject({
      failure: { code: "promise-check", findings: [{ field: "options[0].detail", phrase: "guarantee" }] },
    });
  });

  it("refuses an option whose refund is above the colleague's authority, saying who may agree it", async () => {
    const result = await proposeOptions(
      REFERENCE,
      { options: [{ label: "A full refund of £900", money: { type: "refund", amount: 900 } }] },
      STAFF,
      letters.deps,
    );

    expect(result).toEqual({
      ok: false,
      failure: {
        code: "refused",
        message:
          "A refund of £900.00 is more than the £250.00 that a supervisor may agree; management may agree up to £2,000.00. Re-refer the case to management.",
      },
    });
    expect(letters.mailer.sent).toEqual([]);
  });
});
