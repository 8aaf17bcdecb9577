// End-to-end intakes per second through the local sandbox (SMTP → S3 → SQS → intake → DynamoDB, SQS,
// SES), counted as the intake queue's poller deletes each processed message, with the CPU each intake
// costs: the whole process (emulators included) and the function threads alone. Heed's runs deliver
// over SMTP connections kept open, as a sending mail server does, 1 and 16 at a time. The naive path is
// how mail was delivered before: a fresh SMTP connection per message, one at a time, one execution
// environment. A further 16-at-once run counts every AWS request for the cost model (counting costs the
// emulators' thread time, so the throughput runs go without it).

import { readdirSync, readFileSync } from "node:fs";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { createTransport } from "nodemailer";
import type { FunctionLogLine } from "../../infra/local/lambda-runtime";
import type { BatchReport } from "../../infra/local/queue-poller";
import type { SandboxOptions } from "../../infra/local/sandbox";
import { DEFAULTS } from "../../infra/local/settings";
import { startTestSandbox, type TestSandbox } from "../sandbox/support/test-sandbox";
import { AwsTraffic, IDLE_RECEIVE, itemSize, type RequestCount } from "./aws-traffic";
import { type CostEstimate, estimateCost, type Invocations, updatedItemId } from "./cost-model";

export interface ThroughputFigure {
  label: string;
  concurrency: number;
  intakes: number;
  failedBatches: number;
  perSecond: number;
  /** Every thread of the process: emulators, sandbox, functions and V8's own. */
  cpuMsPerIntake: number;
  /** The threads the functions ran on (intake and whatever it triggers, such as the referral notifier). */
  functionCpuMsPerIntake: number | undefined;
  /** The intake function's thread alone: Heed's handler, its parsing and its AWS SDK calls. */
  intakeCpuMsPerIntake: number | undefined;
}

export type RequestFigures = Pick<EndToEndResult, "requestsPerIntake" | "cost" | "idleReceivesPerSecond">;

export interface EndToEndResult {
  functionConcurrency: number;
  heed: ThroughputFigure[];
  naive: ThroughputFigure;
  requestsPerIntake: { service: string; operation: string; perIntake: number }[];
  cost: CostEstimate;
  /** Receives that found a queue empty, per second of the counted run, all queues together. */
  idleReceivesPerSecond: number;
}

/** Bounded so the whole bench stays within minutes; enough for steady figures on two cores. */
const COUNTS = { warmUp: 150, sequential: 150, concurrent: 400, counted: 200, naiveWarmUp: 10, naive: 60 };
const COMPLETION_TIMEOUT_MS = 240_000;

function email(index: number): string {
  return [
    `From: Customer ${index} <customer${index}@example.org>`,
    "To: complaints@example.com",
    `Subject: Order ${100000 + index} has not arrived`,
    `Message-ID: <bench-${index}-${Date.now()}@example.org>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    `My order number ${100000 + index} still hasn't arrived and I am fed up. Please call me on 07700 900${String(index % 1000).padStart(3, "0")}.`,
  ].join("\r\n");
}

/** Nanoseconds every thread of this process has run on a CPU (Linux), or process.cpuUsage elsewhere. */
function processCpuMs(): number {
  try {
    return readdirSync("/proc/self/task").reduce((sum, thread) => {
      const stat = readFileSync(`/proc/self/task/${thread}/schedstat`, "utf8");
      return sum + Number(stat.split(" ")[0]) / 1e6;
    }, 0);
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

interface Observed {
  batches: (BatchReport & { at: number })[];
  /** Every function invocation, by whatever invoked it (queues, SES's arrival action, routes). */
  invocations: { function: string; durationMs: number; at: number }[];
  logBytes: number;
}

class BenchSandbox {
  private constructor(
    readonly sandbox: TestSandbox,
    private readonly observed: Observed,
    readonly intakeMapping: string,
    private readonly referralMappings: ReadonlySet<string>,
  ) {}

  static async start(options: SandboxOptions): Promise<BenchSandbox> {
    const observed: Observed = { batches: [], invocations: [], logBytes: 0 };
    const sandbox = await startTestSandbox({
      ...options,
      onBatch: (report) => observed.batches.push({ ...report, at: performance.now() }),
      onInvocation: (invocation) => observed.invocations.push({ ...invocation, at: performance.now() }),
      onFunctionLog: (line: FunctionLogLine) => {
        observed.logBytes += Buffer.byteLength(line.line) + 1;
      },
    });
    const queue = sandbox.queue("intake-queue");
    const mapping = sandbox.plan.eventSourceMappings.find((m) => m.queueLogicalId === queue.logicalId);
    if (!mapping) throw new Error("no function consumes the intake queue");
    const referralQueues = new Set(
      sandbox.plan.queues.filter((q) => q.role === "referral-queue").map((q) => q.logicalId),
    );
    const referralMappings = new Set(
      sandbox.plan.eventSourceMappings
        .filter((m) => referralQueues.has(m.queueLogicalId))
        .map((m) => m.logicalId),
    );
    return new BenchSandbox(sandbox, observed, mapping.logicalId, referralMappings);
  }

  /** Delivers `count` emails, `concurrency` at a time, and waits until intake has processed them all. */
  async run(
    label: string,
    first: number,
    count: number,
    concurrency: number,
    delivery: "kept-open" | "fresh",
    during?: { traffic: AwsTraffic },
  ): Promise<ThroughputFigure & { window: { from: number; to: number }; inboundBytes: number }> {
    await this.quiet();
    const from = performance.now();
    const batchesBefore = this.observed.batches.length;
    const cpuBefore = processCpuMs();
    during?.traffic.start();
    const transport =
      delivery === "kept-open"
        ? createTransport({
            pool: true,
            maxConnections: concurrency,
            maxMessages: Number.POSITIVE_INFINITY,
            host: "127.0.0.1",
            port: this.sandbox.ports.smtp,
            secure: false,
            ignoreTLS: true,
            name: "localhost",
          })
        : undefined;
    let next = 0;
    let inboundBytes = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const raw = email(first + next++);
          inboundBytes += Buffer.byteLength(raw);
          if (transport) {
            await transport.sendMail({
              envelope: { from: "customer@example.org", to: [this.sandbox.intakeAddress] },
              raw,
            });
          } else {
            await this.sandbox.sendEml(raw);
          }
        }
      }),
    );
    transport?.close();
    const deleted = (mappings: (mapping: string) => boolean) =>
      this.observed.batches
        .slice(batchesBefore)
        .filter((b) => mappings(b.mapping))
        .reduce((sum, b) => sum + b.deleted, 0);
    const processed = () => deleted((mapping) => mapping === this.intakeMapping);
    const deadline = Date.now() + COMPLETION_TIMEOUT_MS;
    while (processed() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const to = performance.now();
    // The work an intake sets off (each new case's referral, notified in a digest) is part of its cost:
    // when requests are counted, wait until the notifier has taken every referral, then for quiet.
    if (during) await this.notifiedAll();
    await this.quiet(during ? 6000 : 1500);
    if (during) await during.traffic.stop();
    const cpuMs = processCpuMs() - cpuBefore;
    const batches = this.observed.batches.slice(batchesBefore);
    const intakes = processed();
    const cpuOf = (list: BatchReport[]) =>
      list.every((b) => b.cpuMs !== undefined) ? list.reduce((sum, b) => sum + (b.cpuMs ?? 0), 0) : undefined;
    const functionCpu = cpuOf(batches);
    const intakeCpu = cpuOf(batches.filter((b) => b.mapping === this.intakeMapping));
    return {
      label,
      concurrency,
      intakes,
      failedBatches: batches.filter((b) => b.failed > 0).length,
      perSecond: intakes / ((to - from) / 1000),
      cpuMsPerIntake: cpuMs / intakes,
      functionCpuMsPerIntake: functionCpu === undefined ? undefined : functionCpu / intakes,
      intakeCpuMsPerIntake: intakeCpu === undefined ? undefined : intakeCpu / intakes,
      window: { from, to: performance.now() },
      inboundBytes,
    };
  }

  /**
   * Waits until the notifier has taken as many referrals as intake has processed messages, with a
   * deadline of its own: under load the notifier's digests trail intake by minutes.
   */
  async notifiedAll(): Promise<void> {
    const deleted = (mappings: (mapping: string) => boolean) =>
      this.observed.batches.filter((b) => mappings(b.mapping)).reduce((sum, b) => sum + b.deleted, 0);
    const processed = () => deleted((mapping) => mapping === this.intakeMapping);
    const notified = () => deleted((mapping) => this.referralMappings.has(mapping));
    const deadline = Date.now() + COMPLETION_TIMEOUT_MS;
    while (notified() < processed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  }

  invocationsIn(window: { from: number; to: number }): Invocations[] {
    const byFunction = new Map<string, Invocations>();
    for (const invocation of this.observed.invocations) {
      if (invocation.at < window.from || invocation.at > window.to) continue;
      const fn = this.sandbox.plan.functions.find((f) => f.logicalId === invocation.function);
      if (!fn) continue;
      const entry = byFunction.get(fn.logicalId) ?? {
        function: fn.name,
        memoryMb: fn.memoryMb,
        durationsMs: [],
      };
      entry.durationsMs.push(invocation.durationMs);
      byFunction.set(fn.logicalId, entry);
    }
    return [...byFunction.values()];
  }

  logBytesSince(before: number): number {
    return this.observed.logBytes - before;
  }

  get logBytes(): number {
    return this.observed.logBytes;
  }

  /** Waits until no function has been handed a batch for a while. */
  private async quiet(idleMs = 1500): Promise<void> {
    const deadline = Date.now() + COMPLETION_TIMEOUT_MS;
    for (;;) {
      const last = this.observed.batches.at(-1)?.at ?? 0;
      if (performance.now() - last > idleMs || Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async updatedItemSizes(traffic: AwsTraffic): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    for (const call of traffic.dynamoDbCalls) {
      if (!call.key || call.writtenBytes !== undefined || call.readBytes !== undefined) continue;
      const id = updatedItemId(call.table, call.key);
      if (sizes.has(id)) continue;
      const { Item } = await this.sandbox.clients.dynamodb.send(
        new GetItemCommand({ TableName: call.table, Key: call.key as never }),
      );
      sizes.set(id, Item ? itemSize(Item as never) : 0);
    }
    return sizes;
  }

  stop(): Promise<void> {
    return this.sandbox.stop();
  }
}

/** Counts every AWS request of `count` new-case intakes, 16 at once, and prices them. */
async function countRequests(heed: BenchSandbox, first: number, count: number): Promise<RequestFigures> {
  const { ports } = heed.sandbox;
  const traffic = new AwsTraffic({
    dynamodb: ports.dynamodb,
    sqs: ports.sqs,
    s3: ports.s3,
    ses: ports.ses,
  });
  // Referrals of the runs before are notified before counting starts, so none is counted here.
  await heed.notifiedAll();
  const logBefore = heed.logBytes;
  const counted = await heed.run("counted", first, count, 16, "kept-open", { traffic });
  // Receives that found the queue empty follow the time that passes, not the intakes: printed apart.
  const all: RequestCount[] = traffic.requests();
  const requests = all.filter((r) => r.operation !== IDLE_RECEIVE);
  const idleReceives = all
    .filter((r) => r.operation === IDLE_RECEIVE)
    .reduce((sum, r) => sum + r.requests, 0);
  const requestsPerIntake = requests
    .map((r) => ({
      service: r.service,
      operation: r.operation,
      perIntake: r.requests / counted.intakes,
    }))
    .sort((a, b) => a.service.localeCompare(b.service) || b.perIntake - a.perIntake);
  const cost = estimateCost({
    intakes: counted.intakes,
    inboundBytes: counted.inboundBytes,
    requests,
    dynamoDbCalls: traffic.dynamoDbCalls,
    updatedItemBytes: await heed.updatedItemSizes(traffic),
    invocations: heed.invocationsIn(counted.window),
    logBytes: heed.logBytesSince(logBefore),
  });
  return {
    requestsPerIntake,
    cost,
    idleReceivesPerSecond: idleReceives / ((counted.window.to - counted.window.from) / 1000),
  };
}

/** The request and cost figures alone (`npm run bench -- --requests`): a short warm-up, then one count. */
export async function benchRequests(): Promise<RequestFigures> {
  const heed = await BenchSandbox.start({});
  try {
    await heed.run("warm-up", 0, 32, 16, "kept-open");
    return await countRequests(heed, 40_000, COUNTS.counted);
  } finally {
    await heed.stop();
  }
}

export async function benchEndToEnd(): Promise<EndToEndResult> {
  const heed = await BenchSandbox.start({});
  let figures: ThroughputFigure[];
  let counted: RequestFigures;
  try {
    await heed.run("warm-up", 0, COUNTS.warmUp, 16, "kept-open");
    const sequential = await heed.run("heed, 1 at a time", 10_000, COUNTS.sequential, 1, "kept-open");
    const concurrent = await heed.run("heed, 16 at once", 20_000, COUNTS.concurrent, 16, "kept-open");
    figures = [sequential, concurrent];
    counted = await countRequests(heed, 40_000, COUNTS.counted);
  } finally {
    await heed.stop();
  }

  const naiveSandbox = await BenchSandbox.start({ functionConcurrency: 1 });
  let naive: ThroughputFigure;
  try {
    await naiveSandbox.run("warm-up", 0, COUNTS.naiveWarmUp, 1, "fresh");
    naive = await naiveSandbox.run(
      "naive: fresh connection, 1 at a time, 1 environment",
      30_000,
      COUNTS.naive,
      1,
      "fresh",
    );
  } finally {
    await naiveSandbox.stop();
  }
  return {
    functionConcurrency: DEFAULTS.functionConcurrency,
    heed: figures,
    naive,
    ...counted,
  };
}
