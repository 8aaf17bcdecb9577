// A new case's first items against the DynamoDB emulator: the attempt that creates the case writes its
// first event, its lookups (the intake ledger's by Message-ID too), its place in its level's queue, its
// complaints return entry and its referral's timeline event and report rows in one batch, and the
// acknowledgement's sent event goes with its quiet period's nudge. A batch the emulator leaves partly
// unprocessed is sent again; an attempt that stops before its batch is written leaves a retry to write the same items on
// their conditions; and a retry never revives a queue entry staff settled. The referral queue and the
// mail service are recorders here: the table is what is tested.

import { randomBytes } from "node:crypto";
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  PutCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryCaseItems } from "../../shared/adapters/aws/case-partition";
import { DynamoDbCaseCommunication } from "../../shared/adapters/aws/dynamodb-case-communication";
import { DynamoDbCaseReports } from "../../shared/adapters/aws/dynamodb-case-reports";
import { BatchWritingCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbComplaintReturnCounters } from "../../shared/adapters/aws/dynamodb-complaint-records";
import { DynamoDbDueItems } from "../../shared/adapters/aws/dynamodb-due-items";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { DynamoDbThemeLedger } from "../../shared/adapters/aws/dynamodb-theme-ledger";
import { DynamoDbWorkQueues } from "../../shared/adapters/aws/dynamodb-work-queues";
import { type CompletionDependencies, completeCase } from "../../shared/application/complete-case";
import { type NewCase, recordCase } from "../../shared/application/record-case";
import { weekOf } from "../../shared/application/reports";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { defaultPolicy } from "../../shared/config/policy";
import {
  CountingQuota,
  MovableClock,
  RecordingMailer,
  RecordingReferrals,
  silentLog,
} from "../unit/communication-fakes";
import { type EmulatedTable, startEmulatedTable } from "./support/emulated-table";

const TABLE = "first-items";
const NOW = "2026-11-23T10:00:00.000Z";

/** The table as a function sees it, with the first `failing` BatchWriteItem calls going wrong as told. */
function faultyClient(
  client: DynamoDBDocumentClient,
  fault: "half-unprocessed" | "half-then-throw",
  failing: number,
): DynamoDBDocumentClient & { batches: number; puts: string[] } {
  const faulty = Object.create(client) as DynamoDBDocumentClient & {
    batches: number;
    puts: string[];
  };
  faulty.batches = 0;
  faulty.puts = [];
  faulty.send = (async (command: unknown) => {
    if (command instanceof PutCommand) {
      const { pk, sk } = command.input.Item ?? {};
      faulty.puts.push(`${String(pk).split("#")[0]} ${String(sk)}`);
    }
    if (!(command instanceof BatchWriteCommand)) return client.send(command as never);
    faulty.batches++;
    if (faulty.batches > failing) return client.send(command);
    // DynamoDB took the first half of the batch and left the rest unprocessed.
    const input = command.input as BatchWriteCommandInput;
    const [tableName, requests = []] = Object.entries(input.RequestItems ?? {})[0] ?? [TABLE, []];
    const taken = requests.slice(0, Math.ceil(requests.length / 2));
    await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: taken } }));
    if (fault === "half-then-throw") throw new Error("the connection was reset");
    return { UnprocessedItems: { [tableName]: requests.slice(taken.length) } };
  }) as DynamoDBDocumentClient["send"];
  return faulty;
}

describe("a new case's first items", () => {
  let table: EmulatedTable;
  let client: DynamoDBDocumentClient;

  beforeAll(async () => {
    table = await startEmulatedTable(TABLE, { marshallOptions: { removeUndefinedValues: true } });
    client = table.client;
  });

  afterAll(async () => {
    await table?.stop();
  });

  function intake(on: DynamoDBDocumentClient) {
    const clock = new MovableClock(new Date(NOW));
    const referrals = new RecordingReferrals();
    const mailer = new RecordingMailer();
    const deps: CompletionDependencies & Parameters<typeof recordCase>[1] = {
      cases: new BatchWritingCaseStore(on, TABLE),
      themes: new DynamoDbThemeLedger(on, TABLE),
      random: randomBytes,
      clock,
      policy: defaultPolicy,
      log: silentLog,
      mailer,
      settings: { intakeAddress: "complaints@example.com" },
      quota: new CountingQuota(),
      intakePolicy: defaultIntakePolicy,
      referrals,
      queues: new DynamoDbWorkQueues(on, TABLE),
      followUps: {
        store: new DynamoDbCaseCommunication(on, TABLE),
        dueItems: new DynamoDbDueItems(on, TABLE),
      },
      complaintReturn: new DynamoDbComplaintReturnCounters(on, TABLE),
      urgentSignals: [],
    };
    return { deps, referrals, mailer };
  }

  function newCase(reference: string): NewCase {
    const text = "My order 123456 has not arrived and I am fed up. Call me on 07700 900123.";
    return {
      entry: { intakeId: `s3:inbound/${reference}`, proposedCaseReference: reference },
      message: {
        channel: "email",
        subject: "Order 123456 has not arrived",
        text,
        sender: { email: `${reference.toLowerCase()}@example.org`, name: "Jo Bloggs" },
      },
      acknowledgement: { state: "pending" },
      received: {
        from: `${reference.toLowerCase()}@example.org`,
        subject: "Order 123456 has not arrived",
        messageId: `${reference}@mail.example.org`,
        inReplyTo: undefined,
        text,
        textTruncated: false,
        rawLocation: `s3://raw/inbound/${reference}`,
        fromCustomer: true,
      },
      lookups: [{ kind: "message-id", value: `${reference}@mail.example.org` }],
      intakeMessageId: `${reference}@mail.example.org`,
    };
  }

  /** Records and completes the case as email intake does, the first steps written with the case. */
  async function recordAndComplete(reference: string, deps: ReturnType<typeof intake>["deps"]) {
    const { record, firstStepsWritten } = await recordCase(newCase(reference), deps, deps);
    await completeCase(record, deps, { firstStepsWritten });
    return { record, firstStepsWritten };
  }

  /** What the table holds of the case, whichever way it was written. */
  async function written(reference: string) {
    const cases = new BatchWritingCaseStore(client, TABLE);
    const record = await cases.getCase(reference);
    if (!record) throw new Error(`${reference} is not recorded`);
    const day = NOW.slice(0, 10);
    const partition = await queryCaseItems(client, TABLE, reference, "");
    const queued = await new DynamoDbWorkQueues(client, TABLE).list(record.referral.level);
    const cells = await new DynamoDbComplaintReturnCounters(client, TABLE).between(day, day);
    const due = await new DynamoDbDueItems(client, TABLE).due(new Date("2026-12-20T00:00:00.000Z"), 30);
    const week = await new DynamoDbCaseReports(client, TABLE).week(weekOf(NOW));
    return {
      record,
      /** The partition's sort keys, the case's reference in them left out, to compare cases. */
      sortKeys: partition.map((item) => String(item.sk).replace(reference, "<reference>")).sort(),
      byEmail: await cases.findCaseReferences("email", `${reference.toLowerCase()}@example.org`),
      intakeByMessageId: (
        await new DynamoDbIntakeLedger(client, TABLE).findByMessageId(`${reference}@mail.example.org`)
      ).map((entry) => entry.intakeId),
      queued: queued
        .filter((entry) => entry.caseReference === reference)
        .map(({ level, referralId }) => ({ level, referralId })),
      opened: cells.flatMap((cell) => cell.measures.opened ?? []).filter((opened) => opened === reference)
        .length,
      due: due.filter((item) => item.caseReference === reference).map((item) => item.kind),
      /** The report rows of the case and of intake's referral. */
      reported: {
        cases: week.cases
          .filter((row) => row.caseReference === reference)
          .map(({ level, status }) => ({ level, status })),
        referrals: week.referrals
          .filter((row) => row.referralId.startsWith(`${reference}#`))
          .map(({ referralId, level, reReferral }) => ({ referralId, level, reReferral })),
      },
    };
  }

  it("writes the first events, lookups, queue entry, complaints return entry and report rows in one batch, and the nudge with the acknowledgement", async () => {
    // Prepare: the input's entry in the intake ledger, as intake opens it first
    const counted = faultyClient(client, "half-unprocessed", 0);
    const { deps, referrals, mailer } = intake(counted);
    await new DynamoDbIntakeLedger(client, TABLE).open({
      intakeId: "s3:inbound/CS-FIRST001",
      channel: "email",
      receivedAt: NOW,
      proposedCaseReference: "CS-FIRST001",
      source: "s3://raw/inbound/CS-FIRST001",
    });

    // Act
    const { record, firstStepsWritten } = await recordAndComplete("CS-FIRST001", deps);

    // Assess: two batches (the case's first items, the letter's), and everything in its place, the
    // ledger's entry found by the input's Message-ID before its outcome is recorded
    const stored = await written(record.reference);
    expect(firstStepsWritten).toBe(true);
    expect(counted.batches).toBe(2);
    expect(record.classification.kind).toBe("complaint");
    expect(stored.sortKeys).toEqual(
      expect.arrayContaining([
        "CASE",
        "CASE#STATE",
        "EVENT#acknowledgement",
        "EVENT#received:s3:inbound/<reference>",
      ]),
    );
    expect(stored.intakeByMessageId).toEqual([`s3:inbound/${record.reference}`]);
    expect(stored.byEmail).toEqual([record.reference]);
    expect(stored.queued).toEqual([
      { level: record.referral.level, referralId: referrals.messages[0]?.referralId },
    ]);
    expect(stored.opened).toBe(1);
    expect(stored.due).toContain("quiet-period");
    expect(stored.record.acknowledgement.state).toBe("sent");
    expect(stored.record.lastContactAt).toBe(stored.record.acknowledgement.sentAt);
    expect(mailer.sent).toHaveLength(1);
    // The referral's timeline event and report rows went in the first batch, not in puts of their own.
    expect(stored.reported).toEqual({
      cases: [{ level: record.referral.level, status: "open" }],
      referrals: [
        { referralId: referrals.messages[0]?.referralId, level: record.referral.level, reReferral: false },
      ],
    });
    expect(stored.sortKeys).toContain(`EVENT#referred:${record.referral.level}`);
    expect(counted.puts.filter((put) => put.startsWith("REPORT") || put.includes("EVENT#"))).toEqual([]);
  });

  it("sends again what a batch left unprocessed", async () => {
    // Prepare: the emulator takes only half of each of the first two batches
    const throttled = faultyClient(client, "half-unprocessed", 2);
    const { deps } = intake(throttled);

    // Act
    const { record } = await recordAndComplete("CS-FIRST002", deps);

    // Assess: the same items as a batch taken whole
    const stored = await written(record.reference);
    const reference = (await written("CS-FIRST001")).sortKeys;
    expect(stored.sortKeys).toEqual(reference);
    expect(stored.byEmail).toEqual([record.reference]);
    expect(stored.queued).toHaveLength(1);
    expect(stored.opened).toBe(1);
    expect(stored.due).toContain("quiet-period");
    expect(stored.reported).toEqual({
      cases: [{ level: record.referral.level, status: "open" }],
      referrals: [
        {
          referralId: `${record.reference}#${record.referral.level}`,
          level: record.referral.level,
          reReferral: false,
        },
      ],
    });
  });

  it("leaves a retry to write the first items on their conditions when the attempt that created the case stopped in its batch", async () => {
    // Prepare: the first attempt's batch is taken in part, then its connection fails (the invocation fails)
    const failing = faultyClient(client, "half-then-throw", 1);
    const first = intake(failing);
    await expect(recordCase(newCase("CS-FIRST003"), first.deps, first.deps)).rejects.toThrow(/reset/);

    // Act: the redelivery finds the case written
    const retry = intake(client);
    const { record, firstStepsWritten } = await recordAndComplete("CS-FIRST003", retry.deps);

    // Assess: the same items as an attempt that was never interrupted, each once
    const stored = await written(record.reference);
    expect(firstStepsWritten).toBe(false);
    expect(stored.sortKeys).toEqual((await written("CS-FIRST001")).sortKeys);
    expect(stored.byEmail).toEqual([record.reference]);
    expect(stored.queued).toEqual([
      { level: record.referral.level, referralId: retry.referrals.messages[0]?.referralId },
    ]);
    expect(stored.opened).toBe(1);
    expect(retry.mailer.sent).toHaveLength(1);
    expect(stored.reported).toEqual({
      cases: [{ level: record.referral.level, status: "open" }],
      referrals: [
        {
          referralId: retry.referrals.messages[0]?.referralId,
          level: record.referral.level,
          reReferral: false,
        },
      ],
    });
  });

  it("never revives a queue entry staff settled when the case is recorded again", async () => {
    // Prepare: a case recorded and completed, then taken off its queue by staff
    const { deps } = intake(client);
    const { record } = await recordAndComplete("CS-FIRST004", deps);
    const queues = new DynamoDbWorkQueues(client, TABLE);
    const [entry] = (await queues.list(record.referral.level)).filter(
      (queued) => queued.caseReference === record.reference,
    );
    if (!entry) throw new Error("the case was not queued");
    await queues.settle(entry, "2026-11-23T10:05:00.000Z");

    // Act: the same input recorded again (a redelivery before its outcome was recorded)
    const again = intake(client);
    const retried = await recordCase(newCase("CS-FIRST004"), again.deps, again.deps);
    await completeCase(retried.record, again.deps, { firstStepsWritten: retried.firstStepsWritten });

    // Assess: nothing written unconditionally, the entry stays settled, nothing sent again
    expect(retried.firstStepsWritten).toBe(false);
    expect((await written(record.reference)).queued).toEqual([]);
    expect(again.referrals.messages).toEqual([]);
    expect(again.mailer.sent).toEqual([]);
  });
});
