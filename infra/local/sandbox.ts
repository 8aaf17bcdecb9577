// The local sandbox as a library: startSandbox() runs the whole pipeline on this machine in fixed
// steps (env -> credentials -> ports -> tables -> queues/buckets -> functions -> http -> smtp) and
// stop() undoes them in reverse. `npm start` and the sandbox tests both use it.
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SQSEvent } from "aws-lambda";
import { lockDataDir } from "./data-dir-lock";
import { DevIdentities, type DevUser } from "./dev-identities";
import {
  createClients,
  destroyClients,
  type Emulators,
  functionEnvironment,
  type SandboxClients,
} from "./emulator-access";
import {
  EMULATOR_ACCOUNT_ID,
  LOCAL_REGION,
  LOCALHOST,
  listenLocally,
  type RunningService,
  startDynamoDb,
  startS3,
  startSes,
  startSqs,
} from "./emulators";
import { type HttpFallback, startHttpGateway } from "./http-gateway";
import { type FunctionLogSink, type InvocationOutcome, LocalLambdaRuntime } from "./lambda-runtime";
import { createBuckets, createQueues, createTables } from "./provision";
import { type BatchReport, QueuePoller } from "./queue-poller";
import { type CloudFormationTemplate, type LocalResourcePlan, planLocalResources } from "./resource-plan";
import { sendObjectCreated, startBucketNotifications } from "./s3-notifications";
import { DEFAULTS, type SandboxSettings } from "./settings";
import { type StoredMessage, startSmtpIntake } from "./smtp-intake";
import { synthesizeHeedStack } from "./template";
import { findUnfinishedRawMail } from "./unfinished-intake";

export type { SandboxClients } from "./emulator-access";

export interface SandboxOptions extends SandboxSettings {
  /** Ports of the DynamoDB, SQS and S3 emulators; default 0 (free ports, printed at start). */
  dynamoDbPort?: number;
  sqsPort?: number;
  s3Port?: number;
  /** Execution environments per function, default 2. */
  functionConcurrency?: number;
  /** A template to run instead of synthesizing the Heed stack. */
  template?: { stackName: string; template: CloudFormationTemplate };
  /** Where handler files (`heed:entry`) are resolved, default the repository root. */
  repoRoot?: string;
  /** Serves what no API route matches: the hook for the web form page and the staff console. */
  httpFallback?: HttpFallback;
  /** Summary lines and sandbox messages; default console.log. */
  log?: (line: string) => void;
  /** Function output; default prefixed lines on this process's stdout/stderr. */
  onFunctionLog?: FunctionLogSink;
  onBatch?: (report: BatchReport) => void;
  onMailStored?: (message: StoredMessage) => void;
}

export interface Sandbox {
  region: string;
  accountId: string;
  dataDir: string;
  intakeAddress: string;
  ports: { http: number; smtp: number; ses: number; dynamodb: number; sqs: number; s3: number };
  urls: { http: string; sesViewer: string; dynamodb: string; sqs: string; s3: string };
  plan: LocalResourcePlan;
  clients: SandboxClients;
  /** Bearer token of the seeded `dev-admin` user (group admin). */
  devToken: string;
  /** Registers another development user and returns its bearer token. */
  issueDevToken(user: DevUser): string;
  /** Invokes a function directly, as `aws lambda invoke` would. */
  invoke(functionLogicalId: string, event: unknown): Promise<InvocationOutcome>;
  /** The lines printed at start, one per service. */
  summary: string[];
  stop(): Promise<void>;
}

export class SandboxStartError extends Error {
  constructor(step: string, cause: unknown) {
    super(
      `local sandbox failed at step "${step}": ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = "SandboxStartError";
  }
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

function defaultFunctionLog(line: { function: string; stream: "stdout" | "stderr"; line: string }): void {
  (line.stream === "stdout" ? process.stdout : process.stderr).write(`[${line.function}] ${line.line}\n`);
}

/** Fails fast, naming the variable, when a fixed port is taken, before anything slow has started. */
async function assertPortFree(port: number, service: string, variable: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listenLocally(probe, { port, service, variable });
  await new Promise<void>((done) => probe.close(() => done()));
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const log = options.log ?? ((line: string) => console.log(line));
  const onError = (error: unknown) =>
    log(`sandbox error: ${error instanceof Error ? error.stack : String(error)}`);
  const teardown: Array<{ step: string; undo: () => Promise<void> | void }> = [];
  const stop = async () => {
    while (teardown.length > 0) {
      const { step, undo } = teardown.pop() as (typeof teardown)[number];
      try {
        await undo();
      } catch (error) {
        log(`sandbox stop: ${step}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      await stop();
      throw new SandboxStartError(name, error);
    }
  };

  // env
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const intakeAddress = options.intakeAddress ?? DEFAULTS.intakeAddress;
  const dataDir = resolve(repoRoot, options.dataDir ?? DEFAULTS.dataDir);
  const httpPortWanted = options.httpPort ?? DEFAULTS.httpPort;
  const smtpPortWanted = options.smtpPort ?? DEFAULTS.smtpPort;
  const sesPortWanted = options.sesPort ?? DEFAULTS.sesPort;
  const synthesized = await step("env", async () => {
    mkdirSync(dataDir, { recursive: true });
    teardown.push({ step: "env", undo: lockDataDir(dataDir) });
    return options.template ?? (await synthesizeHeedStack({ "heed:intakeAddress": intakeAddress }));
  });

  // credentials: the emulators take the dummy AWS credentials in emulator-access; staff get dev tokens.
  const identities = new DevIdentities();
  const devToken = identities.issue(
    {
      username: "dev-admin",
      email: `dev-admin@${intakeAddress.split("@")[1] ?? "example.com"}`,
      groups: ["admin"],
    },
    options.staffToken,
  );

  // ports: the fixed ports are checked first, then every emulator is bound and the plan made,
  // because queue URLs carry the SQS emulator's port.
  const { dynamodb, sqs, s3, ses, plan, clients } = await step("ports", async () => {
    await assertPortFree(httpPortWanted, "HTTP API", "HEED_HTTP_PORT");
    await assertPortFree(smtpPortWanted, "SMTP server", "HEED_SMTP_PORT");
    const started: RunningService[] = [];
    teardown.push({
      step: "ports",
      undo: async () => void (await Promise.all(started.map((s) => s.stop()))),
    });
    const track = <T extends RunningService>(service: T): T => {
      started.push(service);
      return service;
    };
    const endpoints: Emulators = {
      ses: track(await startSes({ port: sesPortWanted, variable: "HEED_SES_PORT" })),
      dynamodb: track(await startDynamoDb({ dataDir, port: options.dynamoDbPort ?? 0 })),
      sqs: track(await startSqs({ port: options.sqsPort ?? 0, region: LOCAL_REGION })),
      s3: track(await startS3({ dataDir, port: options.s3Port ?? 0 })),
    };
    const resourcePlan = planLocalResources(synthesized.template, {
      stackName: synthesized.stackName,
      region: LOCAL_REGION,
      accountId: EMULATOR_ACCOUNT_ID,
      queueUrl: endpoints.sqs.queueUrl,
    });
    const sandboxClients = createClients(endpoints);
    teardown.push({ step: "clients", undo: () => destroyClients(sandboxClients) });
    return { ...endpoints, plan: resourcePlan, clients: sandboxClients };
  });

  await step("tables", () => createTables(clients.dynamodb, plan, dataDir));

  await step("queues/buckets", async () => {
    await createQueues(clients.sqs, plan);
    await createBuckets(clients.s3, plan);
    const notifications = startBucketNotifications({
      emulator: s3.emulator,
      plan,
      sqs: clients.sqs,
      onError,
    });
    teardown.push({ step: "queues/buckets", undo: () => notifications.stop() });
    const redriven = await redriveUnfinishedIntake(clients, plan);
    if (redriven > 0) log(`Re-drove ${redriven} raw message(s) that had no intake outcome yet`);
  });

  const runtime = await step("functions", async () => {
    const functionRuntime = new LocalLambdaRuntime(plan.functions, {
      repoRoot,
      environment: functionEnvironment({ dynamodb, sqs, s3, ses }),
      maxConcurrency: options.functionConcurrency ?? DEFAULTS.functionConcurrency,
      onLog: options.onFunctionLog ?? defaultFunctionLog,
    });
    teardown.push({ step: "functions", undo: () => functionRuntime.stop() });
    const pollers = plan.eventSourceMappings.map((mapping) => {
      const queue = plan.queues.find((candidate) => candidate.logicalId === mapping.queueLogicalId);
      if (!queue) throw new Error(`${mapping.logicalId} reads a queue that is not in the stack`);
      const concurrency = Math.min(
        mapping.maximumConcurrency ?? Number.POSITIVE_INFINITY,
        options.functionConcurrency ?? DEFAULTS.functionConcurrency,
      );
      functionRuntime.limitConcurrency(mapping.functionLogicalId, concurrency);
      return new QueuePoller({
        mapping,
        queue,
        region: plan.region,
        sqs: clients.sqs,
        invoke: (event: SQSEvent) => functionRuntime.invoke(mapping.functionLogicalId, event),
        concurrency,
        ...(options.onBatch ? { onBatch: options.onBatch } : {}),
        onError,
      });
    });
    for (const poller of pollers) poller.start();
    teardown.push({
      step: "queue pollers",
      undo: async () => void (await Promise.all(pollers.map((p) => p.stop()))),
    });
    return functionRuntime;
  });

  const http = await step("http", async () => {
    const gateway = await startHttpGateway(
      {
        routes: plan.httpRoutes,
        identities,
        invoke: (logicalId, event) => runtime.invoke(logicalId, event),
        accountId: plan.accountId,
        ...(options.httpFallback ? { fallback: options.httpFallback } : {}),
        onError,
      },
      { port: httpPortWanted, service: "HTTP API", variable: "HEED_HTTP_PORT" },
    );
    teardown.push({ step: "http", undo: () => gateway.stop() });
    return gateway;
  });

  const smtp = await step("smtp", async () => {
    const [rule, ...others] = plan.receiptRules;
    if (!rule || others.length > 0) throw new Error("the stack must have exactly one SES receipt rule");
    const bucket = plan.buckets.find((candidate) => candidate.logicalId === rule.bucketLogicalId);
    if (!bucket) throw new Error(`${rule.logicalId} stores mail in a bucket that is not in the stack`);
    const intake = await startSmtpIntake(
      {
        rule: { recipients: rule.recipients, bucket: bucket.name, objectKeyPrefix: rule.objectKeyPrefix },
        region: plan.region,
        s3: clients.s3,
        ...(options.onMailStored ? { onStored: options.onMailStored } : {}),
        onError,
      },
      { port: smtpPortWanted, service: "SMTP server", variable: "HEED_SMTP_PORT" },
    );
    teardown.push({ step: "smtp", undo: () => intake.stop() });
    return { port: intake.port, recipients: rule.recipients };
  });

  const urls = {
    http: `http://${LOCALHOST}:${http.port}`,
    sesViewer: ses.endpoint,
    dynamodb: dynamodb.endpoint,
    sqs: sqs.endpoint,
    s3: s3.endpoint,
  };
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const summary = [
    `HTTP API    ${urls.http}  (${count(plan.httpRoutes.length, "route")})`,
    `SMTP        smtp://${LOCALHOST}:${smtp.port}  (mail to ${smtp.recipients.join(", ")})`,
    `SES viewer  ${urls.sesViewer}`,
    `DynamoDB    ${urls.dynamodb}  (${count(plan.tables.length, "table")})`,
    `SQS         ${urls.sqs}  (${count(plan.queues.length, "queue")})`,
    `S3          ${urls.s3}  (${count(plan.buckets.length, "bucket")})`,
    `Data        ${dataDir}`,
    `Dev token   ${devToken}  (dev-admin, group admin: Authorization: Bearer <token>)`,
  ];
  for (const line of summary) log(line);

  return {
    region: plan.region,
    accountId: plan.accountId,
    dataDir,
    intakeAddress,
    ports: {
      http: http.port,
      smtp: smtp.port,
      ses: ses.port,
      dynamodb: dynamodb.port,
      sqs: sqs.port,
      s3: s3.port,
    },
    urls,
    plan,
    clients,
    devToken,
    issueDevToken: (user) => identities.issue(user),
    invoke: (logicalId, event) => runtime.invoke(logicalId, event),
    summary,
    stop,
  };
}

/**
 * Queues live in memory, so at start-up every raw message without an intake outcome gets its S3
 * event again: whatever was in flight when the sandbox stopped is picked up, and intake's
 * idempotency makes the redelivery harmless.
 */
async function redriveUnfinishedIntake(clients: SandboxClients, plan: LocalResourcePlan): Promise<number> {
  const ledger =
    plan.tables.find((table) => table.role === "case-table") ??
    (plan.tables.length === 1 ? plan.tables[0] : undefined);
  if (!ledger) return 0;
  let redriven = 0;
  for (const rule of plan.receiptRules) {
    const bucket = plan.buckets.find((candidate) => candidate.logicalId === rule.bucketLogicalId);
    if (!bucket) continue;
    const unfinished = await findUnfinishedRawMail({
      s3: clients.s3,
      documents: clients.documents,
      bucket: bucket.name,
      prefix: rule.objectKeyPrefix,
      tableName: ledger.name,
    });
    for (const object of unfinished) {
      if ((await sendObjectCreated(clients.sqs, plan, object)) > 0) redriven += 1;
    }
  }
  return redriven;
}
