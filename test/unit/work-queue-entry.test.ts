// A case's place in its level's work queue: the level and referral it was placed by, read oldest
// first by when the case was received, and ahead of older cases when it carries an urgent signal.
import { describe, expect, it } from "vitest";
import { workQueueEntry } from "../../shared/application/work-queue-entry";
import { sampleCase } from "./sample-case";

const referral = { level: "management" as const, referralId: `${sampleCase.reference}#management` };

describe("workQueueEntry", () => {
  it("places the case at the referral's level, by when it was received", () => {
    expect(workQueueEntry(sampleCase, referral, "2026-11-24T10:00:00.000Z", ["urgency"])).toEqual({
      level: "management",
      caseReference: sampleCase.reference,
      receivedAt: sampleCase.createdAt,
      referralId: `${sampleCase.reference}#management`,
      referredAt: "2026-11-24T10:00:00.000Z",
      urgent: false,
    });
  });

  it("marks the entry urgent when the case carries one of the urgent signals", () => {
    const vulnerable = {
      ...sampleCase,
      classification: { ...sampleCase.classification, signals: ["dissatisfaction", "vulnerability"] },
    };

    expect(
      workQueueEntry(vulnerable, referral, "2026-11-24T10:00:00.000Z", ["urgency", "vulnerability"]).urgent,
    ).toBe(true);
    expect(workQueueEntry(vulnerable, referral, "2026-11-24T10:00:00.000Z", ["urgency"]).urgent).toBe(false);
  });
});
