// Taking a case on: the colleague holds it, the first staff action is noted for the reports, and a case a
// colleague already holds is taken over only by a supervisor or above who says so.
import { describe, expect, it } from "vitest";
import { takeCase } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase, WORK_AT } from "./support/staff-work";

const work = freshEachTest(staffWorkOnSampleCase);

describe("takeCase", () => {
  it("gives a free case to the colleague, records it on the timeline and in the case's report row", async () => {
    const sam = colleague("supervisor", "sam");

    const result = await takeCase(REFERENCE, {}, sam, work.caseChanges);

    expect(result).toMatchObject({
      ok: true,
      value: { event: { type: "claimed", by: sam.id, at: WORK_AT } },
    });
    expect(await work.cases.getCase(REFERENCE)).toMatchObject({
      claim: { by: sam.id, at: WORK_AT },
      firstStaffActionAt: WORK_AT,
    });
    expect(work.cases.eventsOf(REFERENCE, "claimed")).toEqual([
      expect.objectContaining({ by: sam.id, role: "supervisor" }),
    ]);
    expect(work.cases.eventsOf(REFERENCE, "claimed")[0]).not.toHaveProperty("previous");
    expect(work.reports.rows.get(REFERENCE)).toMatchObject({ firstStaffActionAt: WORK_AT });
  });

  it("refuses a case a colleague holds, naming them, unless it is taken over on purpose", async () => {
    await takeCase(REFERENCE, {}, colleague("supervisor", "kim"), work.caseChanges);
    const sam = colleague("supervisor", "sam");

    const taken = await takeCase(REFERENCE, {}, sam, work.caseChanges);
    const takenOver = await takeCase(REFERENCE, { takeOver: true }, sam, work.caseChanges);

    expect(taken).toMatchObject({ ok: false, failure: { code: "conflict" } });
    expect(taken.ok || taken.failure.message).toMatch(/^kim@example\.com already has this case/);
    expect(takenOver).toMatchObject({ ok: true, value: { event: { previous: "kim@example.com" } } });
    expect((await work.cases.getCase(REFERENCE))?.claim?.by).toBe(sam.id);
  });

  it("lets only supervisors and above take over, and nobody take on a case above their level", async () => {
    const frontline = colleague("frontline");

    const takeOver = await takeCase(REFERENCE, { takeOver: true }, frontline, work.caseChanges);
    const take = await takeCase(REFERENCE, {}, frontline, work.caseChanges);

    expect(takeOver).toMatchObject({ ok: false, failure: { code: "refused" } });
    expect(take).toMatchObject({ ok: false, failure: { code: "refused" } });
    expect(take.ok || take.failure.message).toContain("above frontline staff");
    expect((await work.cases.getCase(REFERENCE))?.claim).toBeUndefined();
    expect(work.cases.eventsOf(REFERENCE, "claimed")).toEqual([]);
  });
});
