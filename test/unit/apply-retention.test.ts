// Retention on its schedule, against the case table in memory: a case past its period after closure is
// purged (raw mail and attachments deleted, the case kept only anonymised), open cases, held cases and
// cases within their period are kept with the right TTL backstop, and input no case holds is purged only
// once its short period has passed and it was decided.
import { describe, expect, it } from "vitest";
import { applyRetention, type RetentionDependencies } from "../../shared/application/retention";
import { defaultRetentionPolicy } from "../../shared/config/retention-policy";
import type { CaseRecord } from "../../shared/domain/case";
import type { IntakeEntry } from "../../shared/domain/intake";
import { MemoryCases, MemoryCommunication, MovableClock, silentLog } from "./communication-fakes";
import { sampleCase } from "./sample-case";
import { freshEachTest } from "./support/fresh-each-test";
import { customerReply } from "./support/letters";
import { MemoryPersonalData } from "./support/memory-personal-data";

/** Six and a half years after the sample case was received. */
const NOW = "2033-06-01T09:00:00.000Z";
const DAY_S = 86_400;

function caseOf(reference: string, changes: Partial<CaseRecord>): CaseRecord {
  return { ...structuredClone(sampleCase), reference, ...changes };
}

function decidedInput(intakeId: string, receivedAt: string, caseReference?: string): IntakeEntry {
  return {
    intakeId,
    channel: "email",
    receivedAt,
    proposedCaseReference: caseReference ?? "CS-UNUSED00",
    source: `s3://raw/${intakeId.replace("mail:", "")}`,
    messageId: `${intakeId}@example.org`,
    result: caseReference
      ? { outcome: "case-created", caseReference, decidedAt: receivedAt }
      : { outcome: "suppressed", reason: "auto-submitted", decidedAt: receivedAt },
  };
}

const world = freshEachTest(async () => {
  const cases = new MemoryCases();
  const store = new MemoryPersonalData(cases, new MemoryCommunication(cases).report);
  const entries: IntakeEntry[] = [];
  const deletedObjects: string[] = [];
  const published: Record<string, number>[] = [];
  const deps: RetentionDependencies = {
    cases,
    store,
    objects: { read: async () => undefined, delete: async (keys) => void deletedObjects.push(...keys) },
    policy: defaultRetentionPolicy,
    table: {
      read: async () => ({ entries, cases: [...cases.cases.values()].map((c) => structuredClone(c)) }),
    },
    clock: new MovableClock(new Date(NOW)),
    log: silentLog,
    metrics: { publish: (values) => void published.push(values) },
  };
  return { cases, store, entries, deletedObjects, published, deps };
});

async function storeCase(record: CaseRecord) {
  await world.cases.createCase(record);
  await world.cases.appendEvent({
    ...customerReply(record.createdAt, `${record.reference}@example.org`),
    caseReference: record.reference,
    rawLocation: `s3://raw/inbound/${record.reference}`,
    attachments: [
      {
        displayName: "receipt.pdf",
        declaredType: "application/pdf",
        detectedType: "application/pdf",
        size: 1000,
        storageKey: `attachments/${record.reference}/1`,
      },
    ],
  });
  await world.cases.addLookup("email", record.customer.email, record.reference);
}

describe("applyRetention", () => {
  it("purges a complaint six years after closure, keeping it only anonymised, with its raw mail and input", async () => {
    // Arrange
    await storeCase(caseOf("CS-EXPIRED1", { status: "resolved", closedAt: "2027-01-04T10:00:00.000Z" }));
    world.entries.push(decidedInput("mail:inbound/CS-EXPIRED1", "2026-11-23T09:00:00.000Z", "CS-EXPIRED1"));

    // Act
    const report = await applyRetention(world.deps);

    // Assert
    expect(report).toEqual({
      at: NOW,
      casesPurged: 1,
      casesKept: { open: 0, legalHold: 0, withinPeriod: 0 },
      inputsPurged: 0,
      expiryStamped: 0,
    });
    expect(world.deletedObjects).toEqual(["inbound/CS-EXPIRED1", "attachments/CS-EXPIRED1/1"]);
    expect(world.store.calls).toEqual([
      "purge-input mail:inbound/CS-EXPIRED1",
      "purge-case CS-EXPIRED1",
      "delete-customer jo@example.org",
    ]);
    const remains = world.cases.cases.get("CS-EXPIRED1");
    expect(remains).toMatchObject({ anonymisedAt: NOW, subject: "", customer: { email: "" } });
    expect(await world.cases.timeline("CS-EXPIRED1")).toEqual([]);
    expect(world.published).toEqual([{ CasesPurged: 1, InputsPurged: 0, CasesOnLegalHold: 0 }]);
  });

  it("keeps open, held and in-period cases, stamping the TTL backstop only where it is missing or wrong", async () => {
    // Arrange
    await storeCase(caseOf("CS-OPEN0001", {}));
    await storeCase(
      caseOf("CS-HELD0001", {
        status: "resolved",
        closedAt: "2027-01-04T10:00:00.000Z",
        legalHold: { by: "dpo@example.com", at: "2032-01-01T10:00:00.000Z", reason: "a claim" },
        expiresAt: 1_900_000_000,
      }),
    );
    const queryClosed = "2032-03-01T10:00:00.000Z";
    await storeCase(
      caseOf("CS-QUERY001", {
        status: "resolved",
        closedAt: queryClosed,
        classification: { ...sampleCase.classification, kind: "query" },
      }),
    );
    const queryExpiresAt = Date.parse("2034-03-01T10:00:00.000Z") / 1000 + 30 * DAY_S;

    // Act
    const first = await applyRetention(world.deps);
    world.cases.update("CS-QUERY001", (record) => {
      record.expiresAt = queryExpiresAt;
    });
    const second = await applyRetention(world.deps);

    // Assert
    expect(first).toMatchObject({
      casesPurged: 0,
      casesKept: { open: 1, legalHold: 1, withinPeriod: 1 },
      expiryStamped: 1,
    });
    expect(second.expiryStamped).toBe(0);
    expect(world.store.calls).toEqual([
      "expiry CS-HELD0001 none",
      `expiry CS-QUERY001 ${queryExpiresAt}`,
      "expiry CS-HELD0001 none",
    ]);
    expect(world.deletedObjects).toEqual([]);
    expect(world.published[0]).toEqual({ CasesPurged: 0, InputsPurged: 0, CasesOnLegalHold: 1 });
  });

  it("purges decided input no case holds once its 90 days have passed, and leaves the rest", async () => {
    // Arrange
    await storeCase(caseOf("CS-OPEN0001", {}));
    world.entries.push(
      decidedInput("mail:inbound/old-away", "2033-03-01T09:00:00.000Z"),
      decidedInput("mail:inbound/recent-away", "2033-03-04T09:00:01.000Z"),
      decidedInput("mail:inbound/open-case", "2026-11-23T09:00:00.000Z", "CS-OPEN0001"),
      { ...decidedInput("mail:inbound/undecided", "2030-01-01T09:00:00.000Z"), result: undefined },
      {
        ...decidedInput("mail:inbound/done", "2030-01-01T09:00:00.000Z"),
        purgedAt: "2030-04-01T09:00:00.000Z",
      },
    );

    // Act
    const report = await applyRetention(world.deps);

    // Assert
    expect(report.inputsPurged).toBe(1);
    expect(world.store.calls).toEqual(["purge-input mail:inbound/old-away"]);
    expect(world.deletedObjects).toEqual(["inbound/old-away"]);
  });

  it("removes an expired case entirely when the policy keeps nothing after expiry", async () => {
    await storeCase(
      caseOf("CS-EXPIRED1", { status: "closed-unresolved", closedAt: "2027-01-04T10:00:00.000Z" }),
    );

    const report = await applyRetention({
      ...world.deps,
      policy: { ...defaultRetentionPolicy, expiry: "delete" },
    });

    expect(report.casesPurged).toBe(1);
    expect(world.cases.cases.has("CS-EXPIRED1")).toBe(false);
  });
});
