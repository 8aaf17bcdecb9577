// What Heed does on its own schedule to keep promises and customers in view: it reminds a commitment's
// owner before it is due, flags a missed one to supervisors, and nudges the case's team when the customer
// has heard nothing for the quiet period; a due item whose referral cannot be sent waits for the next run.
import { describe, expect, it } from "vitest";
import { FollowUpRunError, runFollowUps } from "../../shared/application/follow-up-timers";
import {
  markCommitmentKept,
  recordCommitment,
  sendProgressUpdate,
} from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { lettersOnSampleCase, REFERENCE, STAFF, timerDependencies } from "./support/letters";

const letters = freshEachTest(lettersOnSampleCase);

describe("the promise ledger", () => {
  it("records a commitment, reminds its owner before it is due and flags it to supervisors when missed", async () => {
    // Prepare
    const recorded = await recordCommitment(
      REFERENCE,
      { description: "Call back about the refund", dueAt: "2026-11-25T09:00:00Z" },
      STAFF,
      letters.deps,
    );
    if (!recorded.ok) throw new Error("not recorded");
    const { commitmentId } = recorded.value;

    // Act: the day before, then after the due time
    letters.clock.set("2026-11-24T09:00:00.000Z");
    const early = await runFollowUps(timerDependencies(letters));
    letters.clock.set("2026-11-25T09:30:00.000Z");
    const late = await runFollowUps(timerDependencies(letters));

    // Assess
    expect(early).toMatchObject({ reminded: 1, missed: 0 });
    expect(late).toMatchObject({ reminded: 0, missed: 1 });
    expect(letters.referrals.messages.map((m) => [m.referralId, m.level, m.reasonCode])).toEqual([
      [`${REFERENCE}#commitment-reminder#${commitmentId}`, "supervisor", "commitment-due-soon"],
      [`${REFERENCE}#commitment#${commitmentId}`, "supervisor", "commitment-missed"],
    ]);
    expect((await letters.store.getCommitment(REFERENCE, commitmentId))?.state).toBe("missed");
    expect(letters.cases.eventsOf(REFERENCE, "commitment-recorded")[0]).toMatchObject({
      by: STAFF.id,
      owner: STAFF.id,
    });
    expect(letters.cases.eventsOf(REFERENCE, "commitment-missed")).toHaveLength(1);
  });

  it("neither reminds nor flags a commitment marked kept", async () => {
    const recorded = await recordCommitment(
      REFERENCE,
      { description: "Send the returns label", dueAt: "2026-11-25T09:00:00Z", owner: "alex@example.com" },
      STAFF,
      letters.deps,
    );
    if (!recorded.ok) throw new Error("not recorded");

    const kept = await markCommitmentKept(
      REFERENCE,
      recorded.value.commitmentId,
      { note: "Sent" },
      STAFF,
      letters.deps,
    );
    letters.clock.set("2026-11-26T00:00:00.000Z");
    const report = await runFollowUps(timerDependencies(letters));

    expect(kept).toMatchObject({
      ok: true,
      value: { state: "kept", keptBy: STAFF.id, owner: "alex@example.com" },
    });
    expect(report).toMatchObject({ due: 2, reminded: 0, missed: 0, nothingToDo: 2 });
    expect(letters.referrals.messages).toEqual([]);
    expect(
      await markCommitmentKept(REFERENCE, recorded.value.commitmentId, {}, STAFF, letters.deps),
    ).toMatchObject({
      failure: { code: "commitment-not-open" },
    });
  });

  it("keeps a due item pending when its referral cannot be sent, so the next run tries again", async () => {
    await recordCommitment(
      REFERENCE,
      { description: "Call", dueAt: "2026-11-25T09:00:00Z" },
      STAFF,
      letters.deps,
    );
    letters.referrals.failWith = new Error("queue unavailable");
    letters.clock.set("2026-11-24T09:00:00.000Z");

    await expect(runFollowUps(timerDependencies(letters))).rejects.toBeInstanceOf(FollowUpRunError);
    letters.referrals.failWith = undefined;
    expect(await runFollowUps(timerDependencies(letters))).toMatchObject({ reminded: 1, failed: 0 });
  });
});

describe("the quiet period", () => {
  it("nudges the case's team when the customer has heard nothing, and again a period later", async () => {
    await sendProgressUpdate(REFERENCE, { text: "We are looking into this." }, STAFF, letters.deps);

    letters.clock.set("2026-11-30T10:30:00.000Z");
    const first = await runFollowUps(timerDependencies(letters));
    letters.clock.set("2026-12-07T10:30:00.000Z");
    const second = await runFollowUps(timerDependencies(letters));

    expect([first.nudged, second.nudged]).toEqual([1, 1]);
    expect(letters.referrals.messages.map((m) => [m.referralId, m.level, m.reasonCode])).toEqual([
      [`${REFERENCE}#quiet-period#2026-11-30T10:00:00.000Z`, "supervisor", "customer-not-updated"],
      [`${REFERENCE}#quiet-period#2026-12-07T10:00:00.000Z`, "supervisor", "customer-not-updated"],
    ]);
    expect(letters.cases.eventsOf(REFERENCE, "quiet-period-nudge")[0]).toMatchObject({
      lastContactAt: "2026-11-23T10:00:00.000Z",
      workingDays: 5,
    });
  });

  it("does not nudge when the customer heard from us since, or the case is closed", async () => {
    await sendProgressUpdate(REFERENCE, { text: "We are looking into this." }, STAFF, letters.deps);
    letters.clock.set("2026-11-26T10:00:00.000Z");
    await sendProgressUpdate(REFERENCE, { text: "The courier has replied." }, STAFF, letters.deps);

    letters.clock.set("2026-11-30T11:00:00.000Z");
    const report = await runFollowUps(timerDependencies(letters));

    expect(report).toMatchObject({ due: 1, nudged: 0, nothingToDo: 1 });
    expect(letters.referrals.messages).toEqual([]);
  });
});
