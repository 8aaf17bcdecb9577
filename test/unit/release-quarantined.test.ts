// Releasing quarantined mail after review: who may release depends on why it was held (a virus verdict
// only an admin, an erased person's mail only head office, anything else supervisors and up); a release
// is kept on the ledger entry and the raw mail goes back to intake.
import { beforeEach, describe, expect, it } from "vitest";
import { releaseQuarantined } from "../../shared/application/quarantine";
import { releaseQuarantinedMail } from "../../shared/application/staff-work";
import type { IntakeEntry, IntakeOutcome } from "../../shared/domain/intake";
import type { IntakeQueue, RawMailLocation } from "../../shared/ports";
import { MovableClock } from "./communication-fakes";
import { MemoryIntakeLedger } from "./support/memory-intake-ledger";
import { colleague, WORK_AT } from "./support/staff-work";

const HELD_AT = "2026-11-23T10:00:00.000Z";

/** An intake queue that keeps what it was asked to process again. */
class RecordingIntakeQueue implements IntakeQueue {
  readonly redriven: RawMailLocation[] = [];
  async redrive(location: RawMailLocation) {
    this.redriven.push(location);
  }
}

function held(
  intakeId: string,
  result: IntakeOutcome,
  source = `s3://raw-mail/inbound/${intakeId}`,
): IntakeEntry {
  return {
    intakeId,
    channel: "email",
    receivedAt: HELD_AT,
    proposedCaseReference: "CS-AAAAAAAA",
    source,
    result: { ...result, decidedAt: HELD_AT },
  };
}

let ledger: MemoryIntakeLedger;
let intakeQueue: RecordingIntakeQueue;
let deps: { ledger: MemoryIntakeLedger; intakeQueue: RecordingIntakeQueue; clock: MovableClock };

beforeEach(async () => {
  ledger = new MemoryIntakeLedger();
  intakeQueue = new RecordingIntakeQueue();
  deps = { ledger, intakeQueue, clock: new MovableClock(new Date(WORK_AT)) };
  await ledger.open(held("mail:too-big", { outcome: "quarantined", reason: "too-large" }));
  await ledger.open(held("mail:virus", { outcome: "quarantined", reason: "virus" }));
  await ledger.open(held("mail:erased", { outcome: "quarantined", reason: "erased-person" }));
  await ledger.open(held("mail:done", { outcome: "case-created", caseReference: "CS-AAAAAAAA" }));
  await ledger.open(held("form:held", { outcome: "quarantined", reason: "too-large" }, "POST /api/forms"));
});

describe("releaseQuarantinedMail", () => {
  it("releases held mail for a supervisor, keeps who released it and sends the raw mail back to intake", async () => {
    const sam = colleague("supervisor", "sam");

    const result = await releaseQuarantinedMail("mail:too-big", sam, deps);

    expect(result).toEqual({ ok: true, value: { intakeId: "mail:too-big", status: "released" } });
    const entry = await ledger.get("mail:too-big");
    expect(entry?.release).toEqual({ by: sam.id, at: WORK_AT });
    expect(entry?.result).toBeUndefined();
    expect(entry?.history).toEqual([
      expect.objectContaining({ outcome: "quarantined", reason: "too-large" }),
    ]);
    expect(intakeQueue.redriven).toEqual([{ bucket: "raw-mail", key: "inbound/mail:too-big" }]);
  });

  it.each([
    ["mail:virus", "supervisor", "admin"],
    ["mail:erased", "management", "head-office"],
  ])("lets only the right group release %s", async (intakeId, refusedGroup, allowedGroup) => {
    const refused = await releaseQuarantinedMail(intakeId, colleague(refusedGroup), deps);
    const released = await releaseQuarantinedMail(intakeId, colleague(allowedGroup), deps);

    expect(refused).toMatchObject({ ok: false, failure: { code: "refused" } });
    expect(released).toMatchObject({ ok: true });
    expect(intakeQueue.redriven).toHaveLength(1);
  });

  it("refuses what is not held, not mail, or not there, and sends nothing back to intake", async () => {
    const sam = colleague("supervisor");

    expect(await releaseQuarantinedMail("mail:done", sam, deps)).toMatchObject({
      failure: { code: "not-quarantined" },
    });
    expect(await releaseQuarantinedMail("form:held", sam, deps)).toMatchObject({
      failure: { code: "not-email" },
    });
    expect(await releaseQuarantinedMail("mail:nothing", sam, deps)).toMatchObject({
      failure: { code: "intake-not-found" },
    });
    expect(intakeQueue.redriven).toEqual([]);
  });
});

describe("releaseQuarantined", () => {
  it("releases an entry once: a second release finds nothing held", async () => {
    const first = await releaseQuarantined("mail:too-big", "sam@example.com", WORK_AT, deps);
    const second = await releaseQuarantined("mail:too-big", "kim@example.com", WORK_AT, deps);

    expect(first).toEqual({ released: true });
    expect(second).toEqual({ released: false, reason: "not-quarantined" });
    expect((await ledger.get("mail:too-big"))?.release?.by).toBe("sam@example.com");
    expect(intakeQueue.redriven).toHaveLength(1);
  });
});
