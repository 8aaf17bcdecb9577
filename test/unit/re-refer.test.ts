// Re-referring a case: the case records where it went (unclaimed, at its new level) before the new
// level's queue hears of it; a re-referral to where it already is, or from a level it has left, is refused.
import { describe, expect, it } from "vitest";
import { reReferCase, takeCase } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase, WORK_AT } from "./support/staff-work";

const work = freshEachTest(staffWorkOnSampleCase);

describe("reReferCase", () => {
  it("moves the case to the level, unclaimed, records why and sends it to that level's queue", async () => {
    const sam = colleague("supervisor", "sam");
    await takeCase(REFERENCE, {}, sam, work.caseChanges);
    const referralId = `${REFERENCE}#management@${WORK_AT}`;

    const result = await reReferCase(
      REFERENCE,
      { level: "management", reason: "Refund above my authority" },
      sam,
      work.caseChanges,
    );

    expect(result).toMatchObject({
      ok: true,
      value: { event: { type: "re-referred", fromLevel: "supervisor", level: "management", referralId } },
    });
    const record = await work.cases.getCase(REFERENCE);
    expect(record?.claim).toBeUndefined();
    expect(record?.referral).toMatchObject({
      level: "management",
      reasonCode: "staff-re-referral",
      reason: "Refund above my authority",
      referredBy: sam.id,
      referralId,
      state: "sent",
      sentAt: WORK_AT,
    });
    expect(work.referrals.messages).toEqual([
      expect.objectContaining({
        referralId,
        caseReference: REFERENCE,
        level: "management",
        reasonCode: "staff-re-referral",
        referredBy: sam.id,
      }),
    ]);
  });

  it("refuses a re-referral to the level the case is already at", async () => {
    const result = await reReferCase(
      REFERENCE,
      { level: "supervisor", reason: "Again" },
      colleague("supervisor"),
      work.caseChanges,
    );

    expect(result).toMatchObject({ ok: false, failure: { code: "refused" } });
    expect(result.ok || result.failure.message).toBe("This case is already referred to supervisors.");
    expect(work.referrals.messages).toEqual([]);
  });

  it("sends nothing when the case moved while the colleague was looking at it", async () => {
    const moved = Object.assign(Object.create(work.changes), { changeReferral: async () => false });

    const result = await reReferCase(
      REFERENCE,
      { level: "management", reason: "Refund above my authority" },
      colleague("supervisor"),
      { ...work.caseChanges, changes: moved },
    );

    expect(result).toMatchObject({ ok: false, failure: { code: "conflict" } });
    expect(work.cases.eventsOf(REFERENCE, "re-referred")).toEqual([]);
    expect(work.referrals.messages).toEqual([]);
  });
});
