// Internal notes: any colleague may add one to any case, open or closed; a note is on the timeline and
// counts as a staff action, and never reaches the customer.
import { describe, expect, it } from "vitest";
import { addNote } from "../../shared/application/staff-work";
import { sampleCase } from "./sample-case";
import { freshEachTest } from "./support/fresh-each-test";
import { REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase, WORK_AT } from "./support/staff-work";

const work = freshEachTest(() =>
  staffWorkOnSampleCase({
    status: "resolved",
    referral: { ...sampleCase.referral, level: "management" },
  }),
);

describe("addNote", () => {
  it("adds a note to a closed case referred above the colleague, and notes the first staff action", async () => {
    const jo = colleague("frontline", "jo");

    const result = await addNote(
      REFERENCE,
      { text: "Customer rang; told them we are looking." },
      jo,
      work.caseChanges,
    );

    expect(result).toMatchObject({
      ok: true,
      value: { event: { type: "note-added", text: "Customer rang; told them we are looking.", by: jo.id } },
    });
    expect(work.cases.eventsOf(REFERENCE, "note-added")).toHaveLength(1);
    expect((await work.cases.getCase(REFERENCE))?.firstStaffActionAt).toBe(WORK_AT);
    expect(work.referrals.messages).toEqual([]);
  });

  it("refuses someone in no staff group", async () => {
    const result = await addNote(
      REFERENCE,
      { text: "Hello" },
      { id: "x@example.com", groups: [] },
      work.caseChanges,
    );

    expect(result).toMatchObject({ ok: false, failure: { code: "refused" } });
    expect(work.cases.eventsOf(REFERENCE, "note-added")).toEqual([]);
  });
});
