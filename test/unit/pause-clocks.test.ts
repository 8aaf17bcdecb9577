// Staff pause a complaint's clocks while they wait for information only the customer can supply, and
// resume them when it comes: under the organisation's own targets the clock is held, both steps are on
// the timeline and the resumed deadline moves by the days it was held; under FCA DISP, whose clocks never
// pause, pausing is refused and nothing changes.
import { describe, expect, it } from "vitest";
import { clocksOf } from "../../shared/application/complaint-clocks";
import {
  pauseComplaintClocks,
  resumeComplaintClocks,
} from "../../shared/application/complaint-work/pause-clocks";
import { shippedRulePack } from "../../shared/config/complaint-rules";
import type { RulePack } from "../../shared/domain/policy/complaint-rules";
import { MemoryComplaintRecords } from "./communication-fakes";
import { freshEachTest } from "./support/fresh-each-test";
import { LETTERS_START, lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";

const ownTargets = shippedRulePack("own-targets");
const WAITING = {
  reason: "awaiting-customer-information",
  waitingFor: "a copy of the card statement",
} as const;

const letters = freshEachTest(lettersOnSampleCase);
const complaintWork = (rulePack: RulePack = ownTargets) => ({
  ...letters.deps,
  complaints: new MemoryComplaintRecords(letters.cases),
  rulePack,
});

async function storedCase() {
  const record = await letters.cases.getCase(REFERENCE);
  if (!record) throw new Error("the sample case is not stored");
  return record;
}

describe("pauseComplaintClocks", () => {
  it("holds the clock that pauses while waiting for the customer and puts the pause on the timeline", async () => {
    // Act
    const result = await pauseComplaintClocks(REFERENCE, WAITING, STAFF, complaintWork());

    // Assert
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.value.clocks).toEqual([
      expect.objectContaining({ clockId: "response-target", state: "paused" }),
    ]);
    expect((await storedCase()).complaintHandling?.pauses).toEqual([
      { reason: "awaiting-customer-information", from: LETTERS_START },
    ]);
    expect(letters.cases.eventsOf(REFERENCE, "complaint-clocks-paused")).toEqual([
      expect.objectContaining({
        by: STAFF.id,
        at: LETTERS_START,
        reason: "awaiting-customer-information",
        waitingFor: "a copy of the card statement",
        clocks: ["response-target"],
      }),
    ]);
  });

  it("refuses to pause clocks that are already paused, and keeps the one pause", async () => {
    await pauseComplaintClocks(REFERENCE, WAITING, STAFF, complaintWork());
    letters.clock.set("2026-11-24T10:00:00.000Z");

    const again = await pauseComplaintClocks(REFERENCE, WAITING, STAFF, complaintWork());

    expect(again).toMatchObject({ ok: false, failure: { code: "unchanged" } });
    expect((await storedCase()).complaintHandling?.pauses).toHaveLength(1);
    expect(letters.cases.eventsOf(REFERENCE, "complaint-clocks-paused")).toHaveLength(1);
  });

  it("refuses under FCA DISP, whose clocks run on while waiting for the customer, and records nothing", async () => {
    const result = await pauseComplaintClocks(
      REFERENCE,
      WAITING,
      STAFF,
      complaintWork(shippedRulePack("fca-disp")),
    );

    expect(result).toMatchObject({ ok: false, failure: { code: "clocks-do-not-pause" } });
    expect((await storedCase()).complaintHandling?.pauses).toBeUndefined();
    expect(letters.cases.eventsOf(REFERENCE, "complaint-clocks-paused")).toEqual([]);
  });

  it("refuses a case that is not classified as a complaint", async () => {
    letters.cases.update(REFERENCE, (record) => {
      record.classification.kind = "query";
    });

    const result = await pauseComplaintClocks(REFERENCE, WAITING, STAFF, complaintWork());

    expect(result).toMatchObject({ ok: false, failure: { code: "not-a-complaint" } });
    expect((await storedCase()).complaintHandling?.pauses).toBeUndefined();
  });
});

describe("resumeComplaintClocks", () => {
  it("runs the clock again with its deadline moved by the days it was held, and schedules the new deadline", async () => {
    // Arrange
    const [before] = clocksOf(await storedCase(), { rulePack: ownTargets }, new Date(LETTERS_START));
    await pauseComplaintClocks(REFERENCE, WAITING, STAFF, complaintWork());
    letters.clock.set("2026-11-26T10:00:00.000Z");

    // Act
    const result = await resumeComplaintClocks(REFERENCE, STAFF, complaintWork());

    // Assert
    if (!result.ok) throw new Error(result.failure.message);
    const [clock] = result.value.clocks;
    expect(clock).toMatchObject({ clockId: "response-target", state: "running", pausedDays: 3 });
    expect(clock?.dueAt).not.toBe(before?.dueAt);
    expect((await storedCase()).complaintHandling?.pauses).toEqual([
      { reason: "awaiting-customer-information", from: LETTERS_START, until: "2026-11-26T10:00:00.000Z" },
    ]);
    expect(letters.cases.eventsOf(REFERENCE, "complaint-clocks-resumed")).toEqual([
      expect.objectContaining({
        by: STAFF.id,
        pausedSince: LETTERS_START,
        clocks: [{ clockId: "response-target", dueAt: clock?.dueAt, pausedDays: 3 }],
      }),
    ]);
    expect(letters.dueItems.pending(REFERENCE)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "complaint-clock-breach",
          subjectId: "response-target",
          dueAt: clock?.dueAt,
        }),
      ]),
    );
  });

  it("refuses to resume clocks that are not paused", async () => {
    const result = await resumeComplaintClocks(REFERENCE, STAFF, complaintWork());

    expect(result).toMatchObject({ ok: false, failure: { code: "unchanged" } });
    expect(letters.cases.eventsOf(REFERENCE, "complaint-clocks-resumed")).toEqual([]);
  });
});
