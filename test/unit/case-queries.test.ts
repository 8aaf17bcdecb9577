// What staff read about cases: cases found by a customer's email or a message id, newest first and
// summarised, whatever the case or brackets the search was typed in; and the intake ledger's entries
// found by their id or by the message id they carried.
import { describe, expect, it } from "vitest";
import { findCases, findIntakeEntries } from "../../shared/application/case-queries";
import type { IntakeEntry } from "../../shared/domain/intake";
import { MemoryCases } from "./communication-fakes";
import { sampleCase } from "./sample-case";
import { freshEachTest } from "./support/fresh-each-test";
import { customerReply } from "./support/letters";
import { MemoryIntakeLedger } from "./support/memory-intake-ledger";

const store = freshEachTest(async () => ({ cases: new MemoryCases(), ledger: new MemoryIntakeLedger() }));

async function storeCase(reference: string, createdAt: string, subject: string) {
  await store.cases.createCase({ ...structuredClone(sampleCase), reference, createdAt, subject });
  await store.cases.appendEvent({
    ...customerReply(createdAt, `${reference}@example.org`),
    caseReference: reference,
  });
}

function intakeEntry(intakeId: string, messageId: string | null): IntakeEntry {
  return {
    intakeId,
    channel: "email",
    receivedAt: "2026-11-23T09:00:00.000Z",
    proposedCaseReference: "CS-0000001A",
    source: `inbound/${intakeId}`,
    messageId,
  };
}

describe("findCases", () => {
  it("finds a customer's cases by email, newest first, whatever the case of the address typed", async () => {
    // Arrange
    await storeCase("CS-0000001A", "2026-11-20T10:00:00.000Z", "Older");
    await storeCase("CS-0000002A", "2026-11-23T10:00:00.000Z", "Newer");
    await store.cases.addLookup("email", "jo@example.org", "CS-0000001A");
    await store.cases.addLookup("email", "jo@example.org", "CS-0000002A");

    // Act
    const found = await findCases({ email: "  Jo@Example.ORG " }, store.cases);

    // Assert
    expect(found).toEqual([
      {
        reference: "CS-0000002A",
        subject: "Newer",
        status: "open",
        createdAt: "2026-11-23T10:00:00.000Z",
        kind: "complaint",
        referralLevel: "supervisor",
      },
      expect.objectContaining({ reference: "CS-0000001A", subject: "Older" }),
    ]);
  });

  it("finds a case by a message id written with angle brackets", async () => {
    await storeCase("CS-0000001A", "2026-11-20T10:00:00.000Z", "By message");
    await store.cases.addLookup("message-id", "abc@example.org", "CS-0000001A");

    const found = await findCases({ messageId: "<abc@EXAMPLE.org>" }, store.cases);

    expect(found.map((summary) => summary.reference)).toEqual(["CS-0000001A"]);
  });

  it("leaves out a lookup whose case is not stored, and finds nothing for an unknown address", async () => {
    await storeCase("CS-0000001A", "2026-11-20T10:00:00.000Z", "Stored");
    await store.cases.addLookup("email", "jo@example.org", "CS-0000001A");
    await store.cases.addLookup("email", "jo@example.org", "CS-MISSING0");

    expect((await findCases({ email: "jo@example.org" }, store.cases)).map((s) => s.reference)).toEqual([
      "CS-0000001A",
    ]);
    expect(await findCases({ email: "nobody@example.org" }, store.cases)).toEqual([]);
  });
});

describe("findIntakeEntries", () => {
  it("finds one entry by its intake id, and none for an id the ledger does not hold", async () => {
    await store.ledger.open(intakeEntry("mail:inbound/abc", "abc@example.org"));

    expect(await findIntakeEntries({ intakeId: "mail:inbound/abc" }, store.ledger)).toEqual([
      intakeEntry("mail:inbound/abc", "abc@example.org"),
    ]);
    expect(await findIntakeEntries({ intakeId: "mail:inbound/none" }, store.ledger)).toEqual([]);
  });

  it("finds every entry that carried a message id, normalised as intake stores it", async () => {
    await store.ledger.open(intakeEntry("mail:inbound/one", "0100-xyz@amazonses.com"));
    await store.ledger.open(intakeEntry("mail:inbound/two", "0100-xyz@amazonses.com"));
    await store.ledger.open(intakeEntry("mail:inbound/other", "other@example.org"));

    const found = await findIntakeEntries({ messageId: "<0100-xyz@eu-west-1.amazonses.com>" }, store.ledger);

    expect(found.map((entry) => entry.intakeId)).toEqual(["mail:inbound/one", "mail:inbound/two"]);
  });
});
