// Timing of follow-ups: working days skip weekends and holidays, the quiet period's nudge falls that
// many working days after the last contact, and a commitment is reminded ahead of its due time and
// checked at it, with due dates in the past or too far ahead refused.
import { describe, expect, it } from "vitest";
import { type Commitment, checkDueDate, commitmentDueItems } from "../../shared/domain/commitments";
import { addWorkingDays, quietPeriodItem, type WorkingWeek } from "../../shared/domain/follow-ups";

const week: WorkingWeek = { days: [1, 2, 3, 4, 5], holidays: ["2026-12-25", "2026-12-28"] };

describe("addWorkingDays", () => {
  it("counts Monday to Friday only, keeping the time of day", () => {
    // Friday 10:00 + 5 working days is the next Friday.
    expect(addWorkingDays(new Date("2026-11-20T10:00:00Z"), 5, week).toISOString()).toBe(
      "2026-11-27T10:00:00.000Z",
    );
    // Saturday + 1 working day is Monday.
    expect(addWorkingDays(new Date("2026-11-21T09:30:00Z"), 1, week).toISOString()).toBe(
      "2026-11-23T09:30:00.000Z",
    );
  });

  it("skips the configured holidays", () => {
    // Wednesday 23 December + 3: Thursday 24, (Friday 25 holiday, weekend, Monday 28 holiday) Tuesday 29, Wednesday 30.
    expect(addWorkingDays(new Date("2026-12-23T12:00:00Z"), 3, week).toISOString()).toBe(
      "2026-12-30T12:00:00.000Z",
    );
  });
});

describe("quietPeriodItem", () => {
  it("falls due the quiet period after the last contact and remembers which contact it counts from", () => {
    const item = quietPeriodItem(
      "CS-7K3MQ092",
      "2026-11-23T10:00:00.000Z",
      new Date("2026-11-23T10:00:00Z"),
      5,
      week,
    );

    expect(item).toEqual({
      caseReference: "CS-7K3MQ092",
      kind: "quiet-period",
      subjectId: "2026-11-23T10:00:00.000Z",
      dueAt: "2026-11-30T10:00:00.000Z",
    });
  });
});

describe("commitments", () => {
  const now = new Date("2026-11-23T10:00:00Z");
  const commitment: Commitment = {
    caseReference: "CS-7K3MQ092",
    commitmentId: "c1",
    description: "Call back about the refund",
    dueAt: "2026-11-25T09:00:00.000Z",
    owner: "sam@example.com",
    recordedBy: "sam@example.com",
    recordedAt: now.toISOString(),
    state: "open",
  };

  it("reminds the owner the configured hours before it is due and checks it when due", () => {
    expect(commitmentDueItems(commitment, now, 24)).toEqual([
      {
        caseReference: "CS-7K3MQ092",
        kind: "commitment-reminder",
        subjectId: "c1",
        dueAt: "2026-11-24T09:00:00.000Z",
      },
      {
        caseReference: "CS-7K3MQ092",
        kind: "commitment-due",
        subjectId: "c1",
        dueAt: "2026-11-25T09:00:00.000Z",
      },
    ]);
  });

  it("reminds straight away when the reminder time has already passed", () => {
    const soon = { ...commitment, dueAt: "2026-11-23T12:00:00.000Z" };

    expect(commitmentDueItems(soon, now, 24)[0]?.dueAt).toBe(now.toISOString());
  });

  it("refuses a due time in the past or too far ahead", () => {
    expect(checkDueDate(new Date("2026-11-23T09:59:00Z"), now, 90)).toBe("due-in-past");
    expect(checkDueDate(new Date("2027-03-01T10:00:00Z"), now, 90)).toBe("due-too-far-ahead");
    expect(checkDueDate(new Date("2026-11-24T10:00:00Z"), now, 90)).toBeUndefined();
  });
});
