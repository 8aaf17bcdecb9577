// Nothing lost, nothing doubled, under the failures AWS really produces: duplicate deliveries, a batch
// with one failing message, DynamoDB and SES throttling, SES refusing a message, the referral queue
// unavailable, a poison message. Faults come from a proxy in front of the emulators, never from the
// handlers; every test ends with the reconciler's counts adding up and no second acknowledgement.

import { PutObjectCommand } from "@aws-sdk/client-s3";
import { SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { deadLetterRoute, redriveDeadLetters } from "../../infra/local/dead-letter-redrive";
import { eventsOf } from "./support/case-view";
import {
  acknowledgementsTo,
  complaint,
  decidedEntry,
  expectCountsAddUp,
  expectNoDuplicateAcknowledgements,
  functionId,
  reconcileAt,
  settledCase,
  settledComplaint,
  stores,
} from "./support/reliability";
import { objectCreatedBody } from "./support/s3-events";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const MINUTE_MS = 60_000;

describe("faults: nothing lost, nothing doubled", () => {
  const sandbox = withSandbox({ faults: true, queueVisibilityTimeoutSeconds: 4 });
  const intakeFunction = () => functionId(sandbox(), "functions/inbound-email/handler.ts");
  /** Batches the intake function was handed; other functions consume other queues. */
  const intakeBatches = () => {
    const mapping = sandbox().plan.eventSourceMappings.find((m) => m.functionLogicalId === intakeFunction());
    return sandbox().batches.filter((batch) => batch.mapping === mapping?.logicalId);
  };
  const faults = () => {
    const controller = sandbox().faults;
    if (!controller) throw new Error("the sandbox runs without its fault proxy");
    return controller;
  };

  afterEach(async () => {
    faults().clearAll();
    await expectCountsAddUp(sandbox());
    await expectNoDuplicateAcknowledgements(sandbox());
  });

  it("records one case and sends one acknowledgement when the same SQS message is delivered twice, in sequence and at once", async () => {
    // Prepare
    const mail = complaint("sqs-twice");
    const { sent, reference } = await settledComplaint(sandbox(), mail);
    const event: SQSEvent = {
      Records: [
        {
          messageId: "the-same-message",
          receiptHandle: "handle",
          body: objectCreatedBody(sandbox(), sent),
          attributes: {} as SQSEvent["Records"][number]["attributes"],
          messageAttributes: {},
          md5OfBody: "",
          eventSource: "aws:sqs",
          eventSourceARN: sandbox().queue("intake-queue").arn,
          awsRegion: sandbox().region,
        },
      ],
    };

    // Act
    const sequential = [
      await sandbox().invoke(intakeFunction(), event),
      await sandbox().invoke(intakeFunction(), event),
    ];
    const concurrent = await Promise.all([
      sandbox().invoke(intakeFunction(), event),
      sandbox().invoke(intakeFunction(), event),
    ]);

    // Assess
    for (const outcome of [...sequential, ...concurrent]) {
      expect(outcome).toMatchObject({ ok: true, payload: { batchItemFailures: [] } });
    }
    expect(await stores(sandbox()).cases.findCaseReferences("message-id", mail.messageId)).toEqual([
      reference,
    ]);
    expect(await acknowledgementsTo(sandbox(), mail)).toHaveLength(1);
  });

  it("records a second delivery of the same message as a duplicate of the first, in sequence and at once", async () => {
    // Prepare: one message delivered again later, another delivered twice at the same moment
    const again = complaint("delivered-again");
    const atOnce = complaint("delivered-at-once");

    // Act
    const first = await settledComplaint(sandbox(), again);
    const second = await sandbox().sendEml(again.raw);
    const racing = await Promise.all([sandbox().sendEml(atOnce.raw), sandbox().sendEml(atOnce.raw)]);
    const secondEntry = await decidedEntry(sandbox(), second.key);
    const racingEntries = await Promise.all(racing.map((sent) => decidedEntry(sandbox(), sent.key)));

    // Assess: the later delivery points at the first intake; of the racing two, exactly one made a case
    expect(secondEntry.result).toEqual(
      expect.objectContaining({
        outcome: "suppressed",
        reason: "duplicate-delivery",
        duplicateOf: first.entry.intakeId,
      }),
    );
    const created = racingEntries.filter((entry) => entry.result?.outcome === "case-created");
    const duplicates = racingEntries.filter((entry) => entry.result?.outcome === "suppressed");
    expect(created).toHaveLength(1);
    expect(duplicates.map((entry) => entry.result)).toEqual([
      expect.objectContaining({ reason: "duplicate-delivery", duplicateOf: created[0]?.intakeId }),
    ]);
    const reference =
      created[0]?.result && "caseReference" in created[0].result ? created[0].result.caseReference : "";
    await settledCase(sandbox(), reference);
    for (const mail of [again, atOnce]) {
      expect(await stores(sandbox()).cases.findCaseReferences("message-id", mail.messageId)).toHaveLength(1);
      expect(await acknowledgementsTo(sandbox(), mail)).toHaveLength(1);
      expect(await stores(sandbox()).ledger.findByMessageId(mail.messageId)).toHaveLength(2);
    }
  });

  it("tells deliveries without a Message-ID apart by their body", async () => {
    // Prepare
    const withoutId = (mail: ReturnType<typeof complaint>) => mail.raw.replace(/^Message-ID: .*\r\n/m, "");
    const mail = complaint("no-message-id");
    const other = complaint("no-message-id", "The parcel came but the box was crushed, please help.");
    const sameSenderOther = other.raw.replaceAll(other.sender, mail.sender);

    // Act
    const sent = await Promise.all([
      sandbox().sendEml(withoutId(mail)),
      sandbox().sendEml(withoutId(mail)),
      sandbox().sendEml(withoutId({ ...other, raw: sameSenderOther })),
    ]);
    const entries = await Promise.all(sent.map((delivery) => decidedEntry(sandbox(), delivery.key)));

    // Assess: the two identical deliveries made one case; the different body made its own
    const outcomes = entries.map((entry) => entry.result?.outcome).sort();
    expect(outcomes).toEqual(["case-created", "case-created", "suppressed"]);
    expect(entries[2]?.result?.outcome).toBe("case-created");
  });

  it("finds mail whose S3 event was lost through its recorded arrival, and the reconciler sends it through intake once", async () => {
    // Prepare: every attempt to put the message's S3 event on the intake queue fails, so intake never hears of it
    const mail = complaint("s3-event-lost");
    const fault = faults().inject({
      service: "sqs",
      operations: ["SendMessage"],
      matching: "aws:s3",
      fault: "unavailable",
      times: 3,
    });
    const sent = await sandbox().sendEml(mail.raw);
    await waitFor(async () => fault.hits === 3, {
      description: "the S3 event to be given up",
      timeoutMs: 20_000,
    });
    const arrival = await waitFor(
      async () =>
        (
          await sandbox().clients.documents.send(
            new GetCommand({
              TableName: sandbox().table("case-table").name,
              Key: { pk: `ARRIVAL#mail:${sent.key}`, sk: "ARRIVAL" },
            }),
          )
        ).Item,
      { description: "the arrival SES's second action records" },
    );
    const entryBefore = await stores(sandbox()).ledger.get(`mail:${sent.key}`);

    // Act: the reconciler within the lease, then past it
    const withinLease = await reconcileAt(sandbox());
    const pastLease = await reconcileAt(sandbox(), new Date(Date.now() + 20 * MINUTE_MS));
    const entry = await decidedEntry(sandbox(), sent.key);

    // Assess
    expect(arrival).toMatchObject({ key: sent.key, itemType: "arrival" });
    expect(entryBefore).toBeUndefined();
    expect(withinLease.redriven).toBe(0);
    expect(pastLease.mismatches["input-without-outcome"]).toBe(1);
    expect(pastLease.redriven).toBe(1);
    expect(entry.result?.outcome).toBe("case-created");
    const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
    expect((await settledCase(sandbox(), reference)).acknowledgement.state).toBe("sent");
    expect(await acknowledgementsTo(sandbox(), mail)).toHaveLength(1);
  });

  it("records one case when the S3 event of a new message is delivered three times at once", async () => {
    // Prepare
    const mail = complaint("s3-thrice");
    const bucket = sandbox().bucket("raw-mail-bucket").name;
    const key = `inbound/concurrent-${mail.label}-${Date.now()}`;

    // Act: the object's own notification and two more copies of its event, all racing
    await Promise.all([
      sandbox().clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: mail.raw })),
      ...[1, 2].map(() =>
        sandbox().clients.sqs.send(
          new SendMessageCommand({
            QueueUrl: sandbox().queue("intake-queue").url,
            MessageBody: objectCreatedBody(sandbox(), { bucket, key }),
          }),
        ),
      ),
    ]);
    const entry = await decidedEntry(sandbox(), key);

    // Assess
    const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
    expect((await settledCase(sandbox(), reference)).acknowledgement.state).toBe("sent");
    expect(await stores(sandbox()).cases.findCaseReferences("message-id", mail.messageId)).toEqual([
      reference,
    ]);
    expect(await acknowledgementsTo(sandbox(), mail)).toHaveLength(1);
  });

  it("retries only the failed message of a batch of ten", async () => {
    // Prepare: ten recorded messages; intake of the fourth fails until the failure has been reported
    const settled = await Promise.all(
      Array.from({ length: 10 }, (_, index) => settledComplaint(sandbox(), complaint(`batch-${index}`))),
    );
    const failing = settled[3]?.sent.key ?? "";
    const fault = faults().inject({
      service: "dynamodb",
      operations: ["PutItem"],
      matching: `INTAKE#mail:${failing}`,
      fault: "throughput-exceeded",
    });
    const before = intakeBatches().length;
    const failedBatch = () =>
      intakeBatches()
        .slice(before)
        .findIndex((batch) => batch.failed > 0);

    // Act: all ten redelivered in one batch
    await sandbox().clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: sandbox().queue("intake-queue").url,
        Entries: settled.map(({ sent }, index) => ({
          Id: String(index),
          MessageBody: objectCreatedBody(sandbox(), sent),
        })),
      }),
    );
    await waitFor(() => failedBatch() >= 0, { description: "the batch with a failure" });
    fault.clear();
    // Other work may share the queue meanwhile; the retry is the later batch holding the one message.
    const retry = () =>
      intakeBatches()
        .slice(before + failedBatch() + 1)
        .find((batch) => batch.received >= 1);
    await waitFor(retry, { description: "the retry of the failed message", timeoutMs: 45_000 });

    // Assess
    const batches = intakeBatches().slice(before + failedBatch());
    expect(fault.hits).toBeGreaterThan(0);
    expect(batches[0]).toMatchObject({ received: 10, deleted: 9, failed: 1 });
    const retried = retry();
    expect(retried?.failed).toBe(0);
    expect(retried?.deleted).toBe(retried?.received);
    expect(batches.slice(1).filter((batch) => batch.failed > 0)).toEqual([]);
  });

  it("rides out brief DynamoDB throttling inside the call, without a retry of the message", async () => {
    // Prepare
    const fault = faults().inject({ service: "dynamodb", fault: "throughput-exceeded", times: 2 });
    const failedBefore = intakeBatches().reduce((sum, batch) => sum + batch.failed, 0);

    // Act
    const { record } = await settledComplaint(sandbox(), complaint("brief-throttle"));

    // Assess
    expect(fault.hits).toBe(2);
    expect(record.acknowledgement.state).toBe("sent");
    expect(intakeBatches().reduce((sum, batch) => sum + batch.failed, 0)).toBe(failedBefore);
  });

  it("parks a message in the dead-letter queue under lasting DynamoDB throttling, and processes it once when redriven after recovery", async () => {
    // Prepare
    const mail = complaint("lasting-throttle");
    const fault = faults().inject({
      service: "dynamodb",
      operations: ["PutItem"],
      fault: "throughput-exceeded",
    });
    const route = deadLetterRoute(sandbox().plan, "intake");

    // Act: five failed attempts, then the dead-letter queue
    const sent = await sandbox().sendEml(mail.raw);
    await waitFor(async () => (await sandbox().peekQueue(route.from)).ready.length === 1, {
      description: "the message in the intake dead-letter queue",
      timeoutMs: 45_000,
    });
    fault.clear();
    const dryRun = await redriveDeadLetters(sandbox().clients.sqs, route, { dryRun: true });
    const redrive = await redriveDeadLetters(sandbox().clients.sqs, route, { dryRun: false });
    const entry = await decidedEntry(sandbox(), sent.key);

    // Assess
    expect(dryRun).toMatchObject({ moved: 0, messages: [{ about: [sent.key] }] });
    expect(dryRun.messages[0]?.receiveCount).toBeGreaterThanOrEqual(5);
    expect(redrive.moved).toBe(1);
    const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
    expect((await settledCase(sandbox(), reference)).acknowledgement.state).toBe("sent");
    expect(await stores(sandbox()).cases.findCaseReferences("message-id", mail.messageId)).toEqual([
      reference,
    ]);
    expect(await acknowledgementsTo(sandbox(), mail)).toHaveLength(1);
    expect((await sandbox().peekQueue(route.from)).ready).toEqual([]);
  });

  it("acknowledges once after brief SES throttling", async () => {
    // Prepare
    const mail = complaint("ses-brief");
    const fault = faults().inject({
      service: "ses",
      operations: ["SendEmail"],
      fault: "throttling",
      times: 2,
    });

    // Act
    const { record, reference } = await settledComplaint(sandbox(), mail);

    // Assess
    expect(fault.hits).toBe(2);
    expect(record.acknowledgement.state).toBe("sent");
    const { timeline } = { timeline: await stores(sandbox()).cases.timeline(reference) };
    expect(eventsOf(timeline, "message-sent")).toHaveLength(1);
    expect(await acknowledgementsTo(sandbox(), mail)).toHaveLength(1);
  });

  it("acknowledges once after SES throttling outlasts two attempts at intake", async () => {
    // Prepare: two intake attempts (three SDK attempts each) are throttled; the third gets through
    const mail = complaint("ses-lasting");
    const fault = faults().inject({
      service: "ses",
      operations: ["SendEmail"],
      matching: mail.sender,
      fault: "throttling",
      times: 6,
    });

    // Act
    const { record, reference } = await settledComplaint(sandbox(), mail);

    // Assess
    expect(fault.hits).toBe(6);
    expect(record.acknowledgement.state).toBe("sent");
    expect(eventsOf(await stores(sandbox()).cases.timeline(reference), "message-sent")).toHaveLength(1);
    expect(await acknowledgementsTo(sandbox(), mail)).toHaveLength(1);
  });

  it("keeps the case when SES rejects the acknowledgement, and staff see that it was not sent", async () => {
    // Prepare
    const mail = complaint("ses-rejected");
    faults().inject({ service: "ses", operations: ["SendEmail"], matching: mail.sender, fault: "rejected" });

    // Act
    const { reference } = await settledComplaint(sandbox(), mail);
    const response = await sandbox().fetchApi(`/api/cases/${reference}`);
    const view = (await response.json()) as {
      case: { acknowledgement: unknown; summary: string };
      timeline: never[];
    };

    // Assess
    expect(view.case.acknowledgement).toEqual({ state: "failed", reason: "rejected-by-mail-service" });
    expect(view.case.summary).toContain("parcel has not arrived");
    expect(eventsOf(view.timeline, "message-not-sent")).toEqual([
      expect.objectContaining({ purpose: "acknowledgement", reason: "rejected-by-mail-service" }),
    ]);
    expect(await acknowledgementsTo(sandbox(), mail)).toEqual([]);
  });

  it("keeps the case when the referral queue stays unavailable, and the reconciler refers and acknowledges it once after recovery", async () => {
    // Prepare
    const mail = complaint("referral-unavailable");
    const fault = faults().inject({
      service: "sqs",
      operations: ["SendMessage"],
      matching: "ReferralQueues",
      fault: "unavailable",
    });
    const route = deadLetterRoute(sandbox().plan, "intake");

    // Act: intake gives up (the message is dead-lettered) with the case recorded and its follow-ups pending
    const sent = await sandbox().sendEml(mail.raw);
    await waitFor(async () => (await sandbox().peekQueue(route.from)).ready.length === 1, {
      description: "the message in the intake dead-letter queue",
      timeoutMs: 45_000,
    });
    const entry = await decidedEntry(sandbox(), sent.key);
    const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
    const pending = await stores(sandbox()).cases.getCase(reference);
    fault.clear();
    const report = await reconcileAt(sandbox(), new Date(Date.now() + 20 * MINUTE_MS));
    const redrive = await redriveDeadLetters(sandbox().clients.sqs, route, { dryRun: false });

    // Assess
    expect(pending).toMatchObject({ referral: { state: "pending" }, acknowledgement: { state: "pending" } });
    expect(report.followUps.retried).toBe(1);
    expect(redrive.moved).toBe(1);
    const record = await settledCase(sandbox(), reference);
    expect(record).toMatchObject({ referral: { state: "sent" }, acknowledgement: { state: "sent" } });
    expect(eventsOf(await stores(sandbox()).cases.timeline(reference), "referred")).toHaveLength(1);
    expect(await acknowledgementsTo(sandbox(), mail)).toHaveLength(1);
  });

  it("logs one line with the intake id, step, error class and code for a failed record, and counts it", async () => {
    // Prepare: the referral of this one message is refused once
    const token = `why-${Date.now()}`;
    const mail = complaint("record-failure", `My parcel ${token} has not arrived and I am very unhappy.`);
    const fault = faults().inject({
      service: "sqs",
      operations: ["SendMessage"],
      matching: token,
      fault: "rejected",
      times: 1,
    });

    // Act
    const { sent, record } = await settledComplaint(sandbox(), mail);

    // Assess: one line for the failed attempt, and the metric beside it
    expect(fault.hits).toBe(1);
    const intakeId = `mail:${sent.key}`;
    const lines = sandbox()
      .logs.filter((line) => line.function === intakeFunction())
      .map((line) => line.line);
    const failures = lines
      .filter((line) => line.includes('"record failed"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.intakeId === intakeId);
    expect(failures).toEqual([
      expect.objectContaining({
        level: "ERROR",
        intakeId,
        step: "refer",
        errorClass: expect.any(String),
        errorCode: expect.stringContaining("InvalidParameterValue"),
      }),
    ]);
    expect(JSON.stringify(failures)).not.toContain(token);
    expect(JSON.stringify(failures)).not.toContain(mail.sender);
    expect(lines.some((line) => line.includes('"RecordFailed":1'))).toBe(true);
    expect(record.referral.state).toBe("sent");
  });

  it("dead-letters a poison message alone, while the messages around it are recorded", async () => {
    // Prepare
    const route = deadLetterRoute(sandbox().plan, "intake");
    const mail = complaint("beside-poison");

    // Act
    await sandbox().clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: sandbox().queue("intake-queue").url,
        MessageBody: "this is not an S3 event",
      }),
    );
    const { record } = await settledComplaint(sandbox(), mail);
    await waitFor(async () => (await sandbox().peekQueue(route.from)).ready.length === 1, {
      description: "the poison message in the intake dead-letter queue",
      timeoutMs: 45_000,
    });
    const dryRun = await redriveDeadLetters(sandbox().clients.sqs, route, { dryRun: true });

    // Assess
    expect(record.acknowledgement.state).toBe("sent");
    expect(dryRun).toMatchObject({ moved: 0, messages: [{ about: ["not JSON"] }] });
    expect(await sandbox().receiveAll(route.from.url)).toHaveLength(1);
  });
});
