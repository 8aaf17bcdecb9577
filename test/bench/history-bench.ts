// What an intake and a reconcile run cost as the organisation's history grows: the same recent work
// measured over 1×, 10× and 100× a base history of past intakes (ledger entries, cases (whose themes
// count on one counter item each, so they leave nothing per case), arrivals and raw mail keys, dated from a day to two theme windows ago), each in a fresh sandbox. The
// figures are AWS requests and DynamoDB read units, which decide whether cost is flat; time is shown too.

import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { workHour } from "../../shared/adapters/aws/recent-work-index";
import { keys } from "../../shared/adapters/aws/table-keys";
import { defaultPolicy } from "../../shared/config/policy";
import type { CaseRecord } from "../../shared/domain/case";
import type { IntakeEntry } from "../../shared/domain/intake";
import { mailIntakeId } from "../../shared/domain/intake";
import { complaint, decidedEntry, reconcileAt, settledCase } from "../sandbox/support/reliability";
import { startTestSandbox, type TestSandbox } from "../sandbox/support/test-sandbox";
import { waitFor } from "../sandbox/support/wait-for";
import { AwsTraffic, IDLE_RECEIVE } from "./aws-traffic";

/** Past intakes at 1×; 10× and 100× multiply it. */
export const BASE_HISTORY = 100;
export const HISTORY_SCALES = [1, 10, 100] as const;
/** Intakes measured at each scale, one at a time, after a warm-up. */
const MEASURED_INTAKES = 6;
const WARM_UP_INTAKES = 2;
const DAY_MS = 86_400_000;
const PARALLEL_WRITES = 8;
/** Generous: with history that intake reads, one intake takes longer the more history there is. */
const SETTLE_TIMEOUT_MS = 300_000;

export interface CostFigure {
  requests: number;
  readUnits: number;
  ms: number;
  /** Requests by `service operation`, for where a difference comes from. */
  byOperation: Record<string, number>;
}

export interface HistoryFigure {
  scale: number;
  pastIntakes: number;
  /** Per intake, the referral notification it triggers included. */
  intake: CostFigure;
  /** One reconcile run over the same recent work. */
  reconcile: CostFigure;
}

/** s3rver's own store, written directly: history's raw mail finished intake long ago and raises no event. */
interface ObjectStore {
  putObject(object: {
    bucket: string;
    key: string;
    metadata: Record<string, string>;
    content: Buffer;
  }): Promise<unknown>;
}
const FilesystemStore = createRequire(import.meta.url)("s3rver/lib/stores/filesystem.js") as new (
  directory: string,
) => ObjectStore;

export async function benchHistory(): Promise<HistoryFigure[]> {
  const figures: HistoryFigure[] = [];
  for (const scale of HISTORY_SCALES) figures.push(await measureAt(scale));
  return figures;
}

async function measureAt(scale: number): Promise<HistoryFigure> {
  const dataDir = mkdtempSync(join(tmpdir(), "heed-history-bench-"));
  const sandbox = await startTestSandbox({ dataDir });
  try {
    const template = await warmUp(sandbox);
    const pastIntakes = BASE_HISTORY * scale;
    const seeding = performance.now();
    await seedHistory(sandbox, dataDir, template, pastIntakes);
    console.error(
      `   ${scale}×: ${pastIntakes} past intakes seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s`,
    );
    const traffic = () =>
      new AwsTraffic({
        dynamodb: sandbox.ports.dynamodb,
        sqs: sandbox.ports.sqs,
        s3: sandbox.ports.s3,
        ses: sandbox.ports.ses,
      });

    const intakeTraffic = traffic();
    const intakeStarted = performance.now();
    intakeTraffic.start();
    for (let index = 0; index < MEASURED_INTAKES; index++)
      await deliverAndSettle(sandbox, `history-${scale}-${index}`);
    await intakeTraffic.stop();
    const intakeMs = performance.now() - intakeStarted;

    const reconcileTraffic = traffic();
    const reconcileStarted = performance.now();
    reconcileTraffic.start();
    const report = await reconcileAt(sandbox);
    await reconcileTraffic.stop();
    const reconcileMs = performance.now() - reconcileStarted;
    if (!report.addsUp) throw new Error(`reconciliation did not add up at ${scale}× history`);

    return {
      scale,
      pastIntakes,
      intake: perUnit(intakeTraffic, intakeMs, MEASURED_INTAKES),
      reconcile: perUnit(reconcileTraffic, reconcileMs, 1),
    };
  } finally {
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Requests of the work itself. Left out: the bench's own look at the queues (fauxqs's inspection
 * endpoint), and the queue pollers' receives, which follow the time that passes rather than the work.
 */
function perUnit(traffic: AwsTraffic, ms: number, count: number): CostFigure {
  const counted = traffic
    .requests()
    .filter(
      (request) =>
        !request.operation.includes("/_fauxqs/") &&
        request.operation !== "ReceiveMessage" &&
        request.operation !== IDLE_RECEIVE,
    );
  const byOperation = Object.fromEntries(
    counted.map((request) => [`${request.service} ${request.operation}`, request.requests / count]),
  );
  const requests = counted.reduce((sum, request) => sum + request.requests, 0);
  const readUnits = traffic.dynamoDbCalls.reduce((sum, call) => sum + (call.readUnits ?? 0), 0);
  return { requests: requests / count, readUnits: readUnits / count, ms: ms / count, byOperation };
}

interface HistoryTemplate {
  entry: IntakeEntry;
  record: CaseRecord;
  raw: Buffer;
}

/** Warms the functions up, and keeps one real entry and case to copy history from. */
async function warmUp(sandbox: TestSandbox): Promise<HistoryTemplate> {
  let template: HistoryTemplate | undefined;
  for (let index = 0; index < WARM_UP_INTAKES; index++) {
    const mail = complaint(`history-warm-up-${index}`);
    const sent = await sandbox.sendEml(mail.raw);
    const entry = await decidedEntry(sandbox, sent.key, SETTLE_TIMEOUT_MS);
    const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
    const record = await settledCase(sandbox, reference, SETTLE_TIMEOUT_MS);
    template = { entry, record, raw: Buffer.from(mail.raw) };
  }
  if (!template) throw new Error("no warm-up intake");
  return template;
}

/** Writes `count` past intakes as Heed's adapters store them, each with its raw mail object. */
async function seedHistory(
  sandbox: TestSandbox,
  dataDir: string,
  template: HistoryTemplate,
  count: number,
): Promise<void> {
  const table = sandbox.table("case-table").name;
  const bucket = sandbox.bucket("raw-mail-bucket").name;
  const objects = new FilesystemStore(join(dataDir, "s3"));
  const now = Date.now();
  const themeWindow = defaultPolicy.repeatedThemes.windowDays * DAY_MS;
  const span = 2 * themeWindow - DAY_MS;
  const items: Record<string, unknown>[] = [];
  const rawKeys: string[] = [];
  for (let index = 0; index < count; index++) {
    const at = new Date(now - DAY_MS - Math.floor((span * index) / count)).toISOString();
    const key = `inbound/history-${String(index).padStart(7, "0")}`;
    const intakeId = mailIntakeId(key);
    const reference = `CS-H${String(index).padStart(7, "0")}`;
    rawKeys.push(key);
    items.push(
      {
        ...keys.intake(intakeId),
        itemType: "intake",
        ...template.entry,
        intakeId,
        receivedAt: at,
        source: `s3://${bucket}/${key}`,
        result: { outcome: "case-created", caseReference: reference, decidedAt: at },
        outcome: "case-created",
        ...workHour(at),
      },
      {
        ...keys.case(reference),
        itemType: "case",
        ...template.record,
        reference,
        intakeId,
        createdAt: at,
        updatedAt: at,
        ...workHour(at),
      },
      {
        ...keys.arrival(intakeId),
        itemType: "arrival",
        intakeId,
        bucket,
        key,
        receivedAt: at,
        ...workHour(at),
      },
    );
  }
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  await inParallel(batches, async (batch) => {
    let unprocessed: unknown = { [table]: batch.map((Item) => ({ PutRequest: { Item } })) };
    while (unprocessed && Object.keys(unprocessed).length > 0) {
      const { UnprocessedItems } = await sandbox.clients.documents.send(
        new BatchWriteCommand({ RequestItems: unprocessed as never }),
      );
      unprocessed = UnprocessedItems;
    }
  });
  await inParallel(rawKeys, (key) =>
    objects.putObject({ bucket, key, metadata: { "content-type": "message/rfc822" }, content: template.raw }),
  );
}

async function inParallel<T>(work: T[], run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL_WRITES }, async () => {
      while (next < work.length) await run(work[next++] as T);
    }),
  );
}

/** Sends one complaint and waits, without reading the table, until intake and its notification are done. */
async function deliverAndSettle(sandbox: TestSandbox, label: string): Promise<void> {
  const before = sandbox.batches.length;
  await sandbox.sendEml(complaint(label).raw);
  const handled = await waitFor(
    () => {
      const since = sandbox.batches.slice(before);
      const failed = since.find((batch) => batch.failed > 0);
      if (failed) return { failed };
      return new Set(since.map((batch) => batch.mapping)).size >= 2 && { failed: undefined };
    },
    { description: `intake and notification of ${label}`, timeoutMs: SETTLE_TIMEOUT_MS },
  );
  if (handled.failed) {
    throw new Error(
      `a batch of ${handled.failed.mapping} failed: ${handled.failed.error ?? "a record failed"}`,
    );
  }
  // Whatever else it set going (a digest, a theme alert) finishes before the next one starts.
  await waitFor(async () => (await busyQueues(sandbox)).length === 0 || undefined, {
    description: "the consumed queues to empty",
    timeoutMs: SETTLE_TIMEOUT_MS,
  });
}

/** Queues a function consumes that still hold messages being worked on or waiting. */
async function busyQueues(sandbox: TestSandbox): Promise<string[]> {
  const consumed = new Set(sandbox.plan.eventSourceMappings.map((mapping) => mapping.queueLogicalId));
  const busy: string[] = [];
  for (const queue of sandbox.plan.queues.filter((candidate) => consumed.has(candidate.logicalId))) {
    const snapshot = await sandbox.peekQueue(queue);
    if (snapshot.ready.length + snapshot.inflight.length > 0) busy.push(queue.name);
  }
  return busy;
}

/** Flat when the 100× figure is within 10% (and one unit) of the 1× figure. */
export function flat(values: number[]): boolean {
  const [first = 0] = values;
  return values.every((value) => value <= first * 1.1 + 1);
}
