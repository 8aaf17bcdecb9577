// Recording a commitment in the promise ledger: what was promised, by when and who keeps it, with its
// reminder and its due check scheduled at once; a due time already passed or too far ahead is refused.
import { describe, expect, it } from "vitest";
import { recordCommitment } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";

const letters = freshEachTest(lettersOnSampleCase);

describe("recordCommitment", () => {
  it("keeps the commitment for the colleague who recorded it and schedules its reminder and due check", async () => {
    const recorded = await recordCommitment(
      REFERENCE,
      { description: "Call back about the refund", dueAt: "2026-11-25T09:00:00+01:00" },
      STAFF,
      letters.deps,
    );

    if (!recorded.ok) throw new Error("not recorded");
    const { commitmentId } = recorded.value;
    expect(recorded.value).toEqual({
      caseReference: REFERENCE,
      commitmentId,
      description: "Call back about the refund",
      dueAt: "2026-11-25T08:00:00.000Z",
      owner: STAFF.id,
      recordedBy: STAFF.id,
      recordedAt: "2026-11-23T10:00:00.000Z",
      state: "open",
    });
    expect(await letters.store.getCommitment(REFERENCE, commitmentId)).toEqual(recorded.value);
    expect(letters.dueItems.pending(REFERENCE)).toEqual([
      expect.objectContaining({
        kind: "commitment-reminder",
        subjectId: commitmentId,
        dueAt: "2026-11-24T08:00:00.000Z",
      }),
      expect.objectContaining({
        kind: "commitment-due",
        subjectId: commitmentId,
        dueAt: "2026-11-25T08:00:00.000Z",
      }),
    ]);
    expect(letters.cases.eventsOf(REFERENCE, "commitment-recorded")).toEqual([
      expect.objectContaining({ commitmentId, owner: STAFF.id, by: STAFF.id, role: "supervisor" }),
    ]);
  });

  it("reminds at once when the commitment is due sooner than the reminder period", async () => {
    const recorded = await recordCommitment(
      REFERENCE,
      { description: "Ring the courier", dueAt: "2026-11-23T15:00:00Z", owner: "alex@example.com" },
      STAFF,
      letters.deps,
    );

    expect(recorded).toMatchObject({ ok: true, value: { owner: "alex@example.com", recordedBy: STAFF.id } });
    expect(letters.dueItems.pending(REFERENCE).map((item) => [item.kind, item.dueAt])).toEqual([
      ["commitment-reminder", "2026-11-23T10:00:00.000Z"],
      ["commitment-due", "2026-11-23T15:00:00.000Z"],
    ]);
  });

  it("refuses a due time that has passed", async () => {
    expect(
      await recordCommitment(
        REFERENCE,
        { description: "Call", dueAt: "2026-11-20T09:00:00Z" },
        STAFF,
        letters.deps,
      ),
    ).toMatchObject({ failure: { code: "due-in-past" } });
  });

  it("refuses a due time further ahead than the policy allows, saying how far it may be", async () => {
    const result = await recordCommitment(
      REFERENCE,
      { description: "Review next year", dueAt: "2027-11-23T10:00:00Z" },
      STAFF,
      letters.deps,
    );

    expect(result).toMatchObject({ ok: false, failure: { code: "due-too-far-ahead", maxDaysAhead: 90 } });
    expect(letters.dueItems.pending(REFERENCE)).toEqual([]);
    expect(letters.cases.eventsOf(REFERENCE, "commitment-recorded")).toEqual([]);
  });
});
