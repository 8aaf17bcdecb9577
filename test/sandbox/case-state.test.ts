// The case's state item against the DynamoDB emulator: completing a case (the acknowledgement's claim and
// settlement, the referral sent with the claim) writes the small item beside the case, never the case
// item again; every reader (the notifier's batch read too) sees the two merged; a referral marked sent
// stands for that referral only; an anonymised case reads as its remains while a second claim is still
// refused; and the case's evidence, stored as one string a piece, reads back whole.

import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbCaseTableInventory } from "../../shared/adapters/aws/dynamodb-case-table-inventory";
import { DynamoDbCasesWithEvents } from "../../shared/adapters/aws/dynamodb-cases-with-events";
import { DynamoDbPersonalDataStore } from "../../shared/adapters/aws/dynamodb-personal-data-store";
import { DynamoDbRecentWorkIndex } from "../../shared/adapters/aws/dynamodb-recent-work-index";
import { keys } from "../../shared/adapters/aws/table-keys";
import type { CaseRecord } from "../../shared/domain/case";
import { anonymisedCase } from "../../shared/domain/retention";
import { sampleCase } from "../unit/sample-case";
import { type EmulatedTable, startEmulatedTable } from "./support/emulated-table";

const TABLE = "case-state";
const CLAIMED_AT = "2026-11-23T10:00:05.000Z";
const SENT_AT = "2026-11-23T10:00:06.000Z";
const EVIDENCE = [
  { rule: "dissatisfaction:explicit", matched: "fed up" },
  { rule: "kind:problem", matched: "has not\tarrived" },
];

describe("the case's state item", () => {
  let table: EmulatedTable;
  let client: DynamoDBDocumentClient;
  let cases: DynamoDbCaseStore;

  beforeAll(async () => {
    table = await startEmulatedTable(TABLE, {
      // As the functions build it: a case has optional fields left undefined.
      marshallOptions: { removeUndefinedValues: true },
    });
    client = table.client;
    cases = new DynamoDbCaseStore(client, TABLE);
  });

  afterAll(async () => {
    await table?.stop();
  });

  const caseItem = async (reference: string) =>
    (await client.send(new GetCommand({ TableName: TABLE, Key: keys.case(reference), ConsistentRead: true })))
      .Item;

  async function newCase(reference: string): Promise<CaseRecord> {
    const record: CaseRecord = {
      ...structuredClone(sampleCase),
      reference,
      classification: { ...sampleCase.classification, evidence: EVIDENCE },
      referral: { level: "supervisor", reasonCode: "complaint", reason: "a complaint", state: "pending" },
      acknowledgement: { state: "pending" },
    };
    expect(await cases.createCase(record)).toBe("created");
    return record;
  }

  /** What intake does once the referral is sent: claim with it, then settle as sent. */
  async function acknowledge(record: CaseRecord): Promise<boolean> {
    const referred = { ...record.referral, state: "sent" as const, sentAt: CLAIMED_AT };
    if (!(await cases.claimAcknowledgement(record.reference, CLAIMED_AT, referred))) return false;
    await cases.settleAcknowledgement(
      record.reference,
      { state: "sent", messageId: "ack-1@example.com", sentAt: SENT_AT },
      SENT_AT,
      SENT_AT,
    );
    return true;
  }

  it("claims and settles on the state item: the case item stays as created, and reads merged", async () => {
    // Prepare
    const record = await newCase("CS-STATE001");
    const created = await caseItem(record.reference);

    // Act
    const won = await acknowledge(record);
    const again = await cases.claimAcknowledgement(record.reference, SENT_AT);

    // Assess: one claim only, the case item untouched, the case read with its state
    expect([won, again]).toEqual([true, false]);
    expect(await caseItem(record.reference)).toEqual(created);
    expect(await cases.getCase(record.reference)).toEqual({
      ...record,
      referral: { ...record.referral, state: "sent", sentAt: CLAIMED_AT },
      acknowledgement: { state: "sent", messageId: "ack-1@example.com", sentAt: SENT_AT },
      updatedAt: SENT_AT,
      lastContactAt: SENT_AT,
    });
  });

  it("gives every reader of cases the merged case: the reconciler's index reads, the inventory and the notifier's batch read", async () => {
    // Prepare
    const record = await newCase("CS-STATE002");
    await acknowledge(record);
    const merged = await cases.getCase(record.reference);

    // Act
    const recent = await new DynamoDbRecentWorkIndex(client, TABLE).cases([record.reference]);
    const inventory = await new DynamoDbCaseTableInventory(client, TABLE).read();
    const [notified] = await new DynamoDbCasesWithEvents(client, TABLE).read([
      { caseReference: record.reference, eventId: "notified:none" },
    ]);

    // Assess
    expect(recent).toEqual([merged]);
    expect(notified).toEqual({ record: merged, hasEvent: false });
    expect(inventory.cases.find((found) => found.reference === record.reference)).toEqual(merged);
  });

  it("stores evidence as one string a piece, reads it back whole, and reads evidence stored as maps", async () => {
    // Prepare: a case as intake writes it, and one written before evidence was stored compactly
    const record = await newCase("CS-STATE005");
    const older = { ...structuredClone(record), reference: "CS-STATE006" };
    await client.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...keys.case(older.reference), itemType: "case", ...older },
      }),
    );

    // Act: a signal raised later adds its evidence to each
    const raised = { rule: "signal:legal-threat", matched: "my solicitor" };
    for (const reference of [record.reference, older.reference])
      await cases.raiseSignals(reference, { signals: ["legal-threat"], evidence: [raised] }, SENT_AT);

    // Assess
    expect((await caseItem(record.reference))?.classification.evidence).toEqual([
      "dissatisfaction:explicit\tfed up",
      "kind:problem\thas not\tarrived",
      "signal:legal-threat\tmy solicitor",
    ]);
    for (const reference of [record.reference, older.reference]) {
      expect((await cases.getCase(reference))?.classification).toEqual({
        ...record.classification,
        signals: ["legal-threat"],
        evidence: [...EVIDENCE, raised],
      });
    }
  });

  it("counts a referral marked sent for that referral only: a higher one raised later is pending", async () => {
    // Prepare
    const record = await newCase("CS-STATE003");
    await acknowledge(record);
    const higher = {
      level: "management" as const,
      reasonCode: "legal-threat",
      reason: "a legal threat",
      state: "pending" as const,
    };

    // Act
    await cases.raiseSignals(
      record.reference,
      { signals: ["legal-threat"], evidence: [], referral: { from: "supervisor", to: higher } },
      SENT_AT,
    );

    // Assess
    expect((await cases.getCase(record.reference))?.referral).toEqual(higher);
  });

  it("leaves an anonymised case as anonymised, its acknowledgement still claimed", async () => {
    // Prepare
    const record = await newCase("CS-STATE004");
    await acknowledge(record);
    const merged = (await cases.getCase(record.reference)) as CaseRecord;
    const remains = anonymisedCase(merged, SENT_AT);

    // Act
    await new DynamoDbPersonalDataStore(client, TABLE).purgeCase(record.reference, remains, []);

    // Assess: the state item holds the acknowledgement's state alone, and no second claim is won
    const state = await client.send(
      new GetCommand({ TableName: TABLE, Key: keys.caseState(record.reference), ConsistentRead: true }),
    );
    expect(state.Item).toEqual({
      ...keys.caseState(record.reference),
      itemType: "case-state",
      acknowledgement: { state: "sent" },
    });
    expect(await cases.getCase(record.reference)).toEqual(remains);
    expect(await cases.claimAcknowledgement(record.reference, SENT_AT)).toBe(false);
  });

  it("sweeps away an event a worker wrote while the case was being erased", async () => {
    // Prepare: a notifier that read the case before the erasure records its notification while the
    // erasure runs, just before the remains are written
    const record = await newCase("CS-STATE007");
    const remains = anonymisedCase((await cases.getCase(record.reference)) as CaseRecord, SENT_AT);
    let written = false;
    const racing = Object.create(client) as DynamoDBDocumentClient;
    racing.send = (async (command: Parameters<DynamoDBDocumentClient["send"]>[0]) => {
      if (!written && command instanceof PutCommand && command.input.Item?.itemType === "case") {
        written = true;
        await cases.appendEvent({
          type: "staff-notified",
          caseReference: record.reference,
          eventId: `notified:${record.reference}#supervisor`,
          at: SENT_AT,
          notification: "referral",
          notificationId: `${record.reference}#supervisor`,
          level: "supervisor",
          to: "customer-service-supervisors@example.com",
          caseCount: 1,
          messageId: "m1@example",
        });
      }
      return client.send(command as never);
    }) as DynamoDBDocumentClient["send"];

    // Act
    await new DynamoDbPersonalDataStore(racing, TABLE).purgeCase(record.reference, remains, []);

    // Assess
    expect(written).toBe(true);
    expect(await cases.timeline(record.reference)).toEqual([]);
    expect(await cases.getCase(record.reference)).toEqual(remains);
  });
});
