// A level's queue of open cases for the console: urgent first, then oldest; entries whose case has closed,
// moved to another level or been anonymised are settled on the way, so the queue stays short.
import { beforeEach, describe, expect, it } from "vitest";
import { levelQueue } from "../../shared/application/staff-work";
import { workQueueEntry } from "../../shared/application/work-queue-entry";
import type { CaseRecord } from "../../shared/domain/case";
import { sampleCase } from "./sample-case";
import { freshEachTest } from "./support/fresh-each-test";
import { staffWorkOnSampleCase } from "./support/staff-work";

const work = freshEachTest(staffWorkOnSampleCase);

/** Stores a copy of the sample case under `reference` and places it in the supervisors' queue. */
async function queued(reference: string, changes: Partial<CaseRecord> = {}, urgent = false) {
  const record: CaseRecord = { ...structuredClone(sampleCase), reference, ...changes };
  work.cases.cases.set(reference, record);
  const entry = workQueueEntry(
    record,
    { level: "supervisor", referralId: `${reference}#supervisor` },
    "2026-11-23T10:05:00.000Z",
    urgent ? ["dissatisfaction"] : [],
  );
  await work.queues.place({ ...entry, urgent });
}

beforeEach(async () => {
  await queued("CS-OLDEST01", {
    createdAt: "2026-11-20T09:00:00.000Z",
    claim: { by: "kim@example.com", at: "2026-11-21T09:00:00.000Z" },
  });
  await queued("CS-NEWURG01", { createdAt: "2026-11-23T08:00:00.000Z" }, true);
  await queued("CS-MIDDLE01", { createdAt: "2026-11-22T09:00:00.000Z" });
  await queued("CS-CLOSED01", { createdAt: "2026-11-19T09:00:00.000Z", status: "resolved" });
  await queued("CS-MOVED001", { referral: { ...sampleCase.referral, level: "management" } });
  await queued("CS-ERASED01", { anonymisedAt: "2026-11-23T09:00:00.000Z" });
  await work.queues.place({
    level: "supervisor",
    caseReference: "CS-GONE0001",
    receivedAt: "2026-11-18T09:00:00.000Z",
    referralId: "CS-GONE0001#supervisor",
    referredAt: "2026-11-18T09:05:00.000Z",
    urgent: false,
  });
});

describe("levelQueue", () => {
  it("lists the level's open cases urgent first, then oldest, with their age and who holds them", async () => {
    const items = await levelQueue("supervisor", work.queue);

    expect(items.map((item) => item.reference)).toEqual(["CS-NEWURG01", "CS-OLDEST01", "CS-MIDDLE01"]);
    expect(items[1]).toMatchObject({
      subject: "Parcel not arrived",
      kind: "complaint",
      urgent: false,
      receivedAt: "2026-11-20T09:00:00.000Z",
      referredAt: "2026-11-23T10:05:00.000Z",
      ageHours: 97,
      claimedBy: "kim@example.com",
      acknowledgement: "pending",
    });
    expect(items[0]).toMatchObject({ urgent: true, claimedBy: null, ageHours: 26 });
  });

  it("settles entries of cases that closed, moved, were anonymised or are gone, and keeps the rest", async () => {
    await levelQueue("supervisor", work.queue);

    expect([...work.queues.settled].sort()).toEqual(
      ["CS-CLOSED01", "CS-ERASED01", "CS-GONE0001", "CS-MOVED001"].map(
        (reference) => `${reference}#supervisor`,
      ),
    );
    expect((await work.queues.list("supervisor")).map((entry) => entry.caseReference)).toEqual([
      "CS-OLDEST01",
      "CS-MIDDLE01",
      "CS-NEWURG01",
    ]);
  });

  it("shows another level's queue without touching this one", async () => {
    expect(await levelQueue("management", work.queue)).toEqual([]);
    expect(work.queues.settled.size).toBe(0);
  });
});
