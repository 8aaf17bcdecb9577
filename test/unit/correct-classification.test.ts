// Correcting what Heed understood: each changed field is kept beside its original, and a correction
// that needs a higher level refers the case again (never lower, since a colleague may have moved it up).
import { describe, expect, it } from "vitest";
import { correctClassification } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase, WORK_AT } from "./support/staff-work";

const sam = colleague("supervisor", "sam");
const work = freshEachTest(staffWorkOnSampleCase);

describe("correctClassification", () => {
  it("keeps each corrected field with its original and records the correction", async () => {
    const result = await correctClassification(
      REFERENCE,
      {
        category: "product-fault",
        cause: "system-or-procedure-failure",
        reason: "The kettle arrived broken",
      },
      sam,
      work.caseChanges,
    );

    const corrections = [
      { field: "category", original: "delivery", corrected: "product-fault" },
      { field: "cause", original: "unknown", corrected: "system-or-procedure-failure" },
    ].map((change) => ({ ...change, reason: "The kettle arrived broken", by: sam.id, at: WORK_AT }));
    expect(result).toMatchObject({
      ok: true,
      value: { event: { type: "classification-corrected", corrections } },
    });
    const record = await work.cases.getCase(REFERENCE);
    expect(record?.classification).toMatchObject({
      kind: "complaint",
      category: "product-fault",
      cause: "system-or-procedure-failure",
    });
    expect(record?.corrections).toEqual(corrections);
    expect(work.reports.rows.get(REFERENCE)).toMatchObject({ category: "product-fault" });
    expect(work.reports.rows.get(REFERENCE)).not.toHaveProperty("understandingCorrected");
    expect(work.referrals.messages).toEqual([]);
  });

  it("refers the case up when a corrected signal needs a higher level, saying who corrected it", async () => {
    await correctClassification(
      REFERENCE,
      { signals: ["legal-threat"], reason: "They mention their solicitor" },
      sam,
      work.caseChanges,
    );

    const record = await work.cases.getCase(REFERENCE);
    expect(record?.classification.signals).toEqual(["legal-threat"]);
    expect(record?.corrections).toEqual([
      expect.objectContaining({ field: "signals", original: "none", corrected: "legal-threat" }),
    ]);
    expect(work.reports.rows.get(REFERENCE)).toMatchObject({
      level: "management",
      understandingCorrected: true,
    });
    expect(record?.referral).toMatchObject({
      level: "management",
      reasonCode: "legal-threat",
      referredBy: sam.id,
    });
    expect(work.cases.eventsOf(REFERENCE, "referred")).toEqual([
      expect.objectContaining({ level: "management", reasonCode: "legal-threat" }),
    ]);
    expect(work.referrals.messages).toEqual([
      expect.objectContaining({ caseReference: REFERENCE, level: "management", referredBy: sam.id }),
    ]);
  });

  it("refers the case to management when a colleague marks an MP's letter Heed missed", async () => {
    await correctClassification(
      REFERENCE,
      { signals: ["elected-representative"], reason: "Their MP has written to us about it" },
      sam,
      work.caseChanges,
    );

    const record = await work.cases.getCase(REFERENCE);
    expect(record?.classification.signals).toEqual(["elected-representative"]);
    expect(record?.corrections).toEqual([
      expect.objectContaining({ field: "signals", original: "none", corrected: "elected-representative" }),
    ]);
    expect(record?.referral).toMatchObject({
      level: "management",
      reasonCode: "elected-representative",
      referredBy: sam.id,
    });
    expect(work.referrals.messages).toEqual([
      expect.objectContaining({ caseReference: REFERENCE, level: "management", referredBy: sam.id }),
    ]);
    // Heed misread the case, so the reports count it as corrected, though it makes no labelled example.
    expect(work.reports.rows.get(REFERENCE)).toMatchObject({ understandingCorrected: true });
  });

  it("never refers a case down when the correction needs less than where it is", async () => {
    await correctClassification(REFERENCE, { kind: "query", reason: "Only asking" }, sam, work.caseChanges);

    expect((await work.cases.getCase(REFERENCE))?.referral.level).toBe("supervisor");
    expect(work.referrals.messages).toEqual([]);
  });

  it("refuses a category the policy does not have, and a correction that changes nothing", async () => {
    const unknown = await correctClassification(
      REFERENCE,
      { category: "weather", reason: "Rain" },
      sam,
      work.caseChanges,
    );
    const same = await correctClassification(
      REFERENCE,
      { kind: "complaint", category: "delivery", signals: [], reason: "Checked" },
      sam,
      work.caseChanges,
    );

    expect(unknown).toMatchObject({ ok: false, failure: { code: "invalid" } });
    expect(unknown.ok || unknown.failure.message).toMatch(
      /^There is no category "weather"; use one of delivery, /,
    );
    expect(same).toEqual({
      ok: false,
      failure: { code: "invalid", message: "The classification already says that." },
    });
    expect((await work.cases.getCase(REFERENCE))?.corrections).toBeUndefined();
  });
});
