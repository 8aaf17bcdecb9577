// The local sandbox as a library: startSandbox() runs the whole pipeline on this machine in fixed
// steps (env -> credentials -> ports -> tables -> queues/buckets -> secrets -> functions -> http -> smtp)
// and stop() undoes them in reverse. `npm start` and the sandbox tests both use it.
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SQSEvent } from "aws-lambda";
import { withAssetImports } from "./asset-imports";
import { lockDataDir } from "./data-dir-lock";
import { DevIdentities, type DevUser, seededDevUsers } from "./dev-identities";
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
import { type FaultController, FaultInjector, startFaultProxy } from "./fault-proxy";
import { type HttpFallback, startHttpGateway } from "./http-gateway";
import { type FunctionLogSink, type InvocationOutcome, LocalLambdaRuntime } from "./lambda-runtime";
import { createBuckets, createQueues, createTables } from "./provision";
import { type BatchReport, QueuePoller } from "./queue-poller";
import {
  type CloudFormationTemplate,
  type LocalQueue,
  type LocalResourcePlan,
  planLocalResources,
} from "./resource-plan";
import { sendObjectCreated, startBucketNotifications } from "./s3-notifications";
import { publishConnection } from "./sandbox-connection";
import { planSchedules, ScheduleRunner } from "./schedules";
import { LocalSecretsManager, startSecretsManager } from "./secrets-manager";
import { DEFAULTS, type SandboxSettings } from "./settings";
import { type StoredMessage, sesReceiptEvent, startSmtpIntake } from "./smtp-intake";
import { consoleEnvironment, devSignIn } from "./staff-console";
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
  /** Told of every function invocation as it ends (its function's logical id and billed duration). */
  onInvocation?: (invocation: { function: string; durationMs: number }) => void;
  onMailStored?: (message: StoredMessage) => void;
  /** Puts a fault proxy between the functions and the emulators, controlled through `sandbox.faults`. */
  faults?: boolean;
  /** Every queue's visibility timeout, so tests see retries and dead-lettering in seconds. */
  queueVisibilityTimeoutSeconds?: number;
  /** Every function's timeout, so a call held by a `hang` fault ends the invocation as a crash would. */
  functionTimeoutSeconds?: number;
  /** How long functions cache a secret (POWERTOOLS_PARAMETERS_MAX_AGE), so tests see a rotation at once. */
  secretsMaxAgeSeconds?: number;
}

export interface Sandbox {
  region: string;
  accountId: string;
  dataDir: string;
  intakeAddress: string;
  ports: { http: number; smtp: number; ses: number; dynamodb: number; sqs: number; s3: number };
  urls: {
    http: string;
    sesViewer: string;
    dynamodb: string;
    sqs: string;
    s3: string;
    secretsManager: string;
  };
  plan: LocalResourcePlan;
  clients: SandboxClients;
  /** The stack's secrets, served to the functions over Secrets Manager's protocol at `urls.secretsManager`. */
  secrets: LocalSecretsManager;
  /** Bearer token of the seeded `dev-admin` user (group admin). */
  devToken: string;
  /** Registers another development user and returns its bearer token. */
  issueDevToken(user: DevUser): string;
  /** Invokes a function directly, as `aws lambda invoke` would. */
  invoke(functionLogicalId: string, event: unknown): Promise<InvocationOutcome>;
  /** The stack's EventBridge schedules, run on their timers; `run(rule, time)` fires one at once. */
  schedules: ScheduleRunner;
  /** The lines printed at start, one per service. */
  summary: string[];
  /** Present with the `faults` option: makes the emulators fail chosen calls from the functions. */
  faults?: FaultController;
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
  const intakeDomain = intakeAddress.split("@")[1] ?? "example.com";
  const devToken = identities.issue(
    {
      username: "dev-admin",
      email: `dev-admin@${intakeDomain}`,
      groups: ["admin"],
    },
    options.staffToken,
  );

  // ports: the fixed ports are checked first, then every emulator is bound and the plan made,
  // because queue URLs carry the SQS emulator's port.
  const injector = options.faults ? new FaultInjector() : undefined;
  const { dynamodb, sqs, s3, ses, plan, clients, direct } = await step("ports", async () => {
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
    const direct: Emulators = {
      ses: track(await startSes({ port: sesPortWanted, variable: "HEED_SES_PORT" })),
      dynamodb: track(await startDynamoDb({ dataDir, port: options.dynamoDbPort ?? 0 })),
      sqs: track(await startSqs({ port: options.sqsPort ?? 0, region: LOCAL_REGION })),
      s3: track(await startS3({ dataDir, port: options.s3Port ?? 0 })),
    };
    const endpoints = injector ? await behindFaultProxies(direct, injector, track) : direct;
    const resourcePlan = withTimeouts(
      planLocalResources(synthesized.template, {
        stackName: synthesized.stackName,
        region: LOCAL_REGION,
        accountId: EMULATOR_ACCOUNT_ID,
        queueUrl: endpoints.sqs.queueUrl,
      }),
      options,
    );
    // The sandbox's own clients bypass the faults, except SQS: queue URLs name the proxy's port.
    const sandboxClients = createClients({ ...direct, sqs: endpoints.sqs });
    teardown.push({ step: "clients", undo: () => destroyClients(sandboxClients) });
    return { ...endpoints, plan: resourcePlan, clients: sandboxClients, direct };
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

  const { secrets, secretsEndpoint } = await step("secrets", async () => {
    const store = new LocalSecretsManager(plan.secrets, dataDir);
    const endpoint = await startSecretsManager(store);
    teardown.push({ step: "secrets", undo: () => endpoint.stop() });
    return { secrets: store, secretsEndpoint: endpoint };
  });

  const runtime = await step("functions", async () => {
    const functionRuntime = new LocalLambdaRuntime(withAssetImports(plan.functions, repoRoot), {
      repoRoot,
      environment: {
        ...functionEnvironment({ dynamodb, sqs, s3, ses }),
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsEndpoint.endpoint,
        ...(options.secretsMaxAgeSeconds === undefined
          ? {}
          : { POWERTOOLS_PARAMETERS_MAX_AGE: String(options.secretsMaxAgeSeconds) }),
        ...consoleEnvironment(httpPortWanted),
        // Letters link to the case page as served here, not at the API's address in AWS.
        ...(httpPortWanted > 0 ? { CASE_PAGE_BASE_URL: `http://${LOCALHOST}:${httpPortWanted}` } : {}),
        ...(options.rulePack ? { COMPLAINT_RULE_PACK: options.rulePack } : {}),
        ...(options.closeOfBusiness ? { COMPLAINT_CLOSE_OF_BUSINESS: options.closeOfBusiness } : {}),
      },
      maxConcurrency: options.functionConcurrency ?? DEFAULTS.functionConcurrency,
      onLog: options.onFunctionLog ?? defaultFunctionLog,
      ...(options.onInvocation ? { onInvocation: options.onInvocation } : {}),
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

  const schedules = await step("schedules", async () => {
    const runner = new ScheduleRunner(
      planSchedules(synthesized.template, {
        stackName: synthesized.stackName,
        region: plan.region,
        accountId: plan.accountId,
      }),
      {
        region: plan.region,
        accountId: plan.accountId,
        invoke: (id, event) => runtime.invoke(id, event),
        log,
        onError,
      },
    );
    runner.start();
    teardown.push({ step: "schedules", undo: () => runner.stop() });
    return runner;
  });

  const http = await step("http", async () => {
    const gateway = await startHttpGateway(
      {
        routes: plan.httpRoutes,
        identities,
        invoke: (logicalId, event) => runtime.invoke(logicalId, event),
        accountId: plan.accountId,
        fallback: devSignIn(identities, seededDevUsers(intakeDomain), options.httpFallback),
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
        afterStored: async (stored) => {
          for (const functionId of rule.arrivalFunctionLogicalIds) {
            const arn = plan.functions.find((fn) => fn.logicalId === functionId)?.arn ?? functionId;
            // An asynchronous invocation that fails is tried twice more, as Lambda does.
            let outcome = await runtime.invoke(functionId, sesReceiptEvent(stored, arn));
            for (let retry = 0; !outcome.ok && retry < 2; retry++) {
              outcome = await runtime.invoke(functionId, sesReceiptEvent(stored, arn));
            }
            if (!outcome.ok) onError(new Error(`${functionId} failed on mail ${stored.messageId}`));
          }
        },
        onError,
      },
      { port: smtpPortWanted, service: "SMTP server", variable: "HEED_SMTP_PORT" },
    );
    teardown.push({ step: "smtp", undo: () => intake.stop() });
    return { port: intake.port, recipients: rule.recipients };
  });

  const urls = {
    http: `http://${LOCALHOST}:${http.port}`,
    sesViewer: direct.ses.endpoint,
    dynamodb: direct.dynamodb.endpoint,
    sqs: direct.sqs.endpoint,
    s3: direct.s3.endpoint,
    secretsManager: secretsEndpoint.endpoint,
  };
  teardown.push({
    step: "connection",
    undo: publishConnection(dataDir, { urls: { ...urls, sqs: sqs.endpoint }, plan }),
  });
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const summary = [
    `HTTP API    ${urls.http}  (${count(plan.httpRoutes.length, "route")})`,
    `SMTP        smtp://${LOCALHOST}:${smtp.port}  (mail to ${smtp.recipients.join(", ")})`,
    `SES viewer  ${urls.sesViewer}`,
    `DynamoDB    ${urls.dynamodb}  (${count(plan.tables.length, "table")})`,
    `SQS         ${urls.sqs}  (${count(plan.queues.length, "queue")})`,
    `S3          ${urls.s3}  (${count(plan.buckets.length, "bucket")})`,
    `Secrets     ${urls.secretsManager}  (${count(plan.secrets.length, "secret")}, kept in the data folder)`,
    `Data        ${dataDir}`,
    `Dev token   ${devToken}  (dev-admin, group admin: Authorization: Bearer <token>)`,
    `Schedules   ${schedules.schedules.map((rule) => `${rule.logicalId} ${rule.expression}`).join(", ") || "none"}`,
    `Digests     each team's referrals gathered for ${options.digestWindowSeconds ?? DEFAULTS.digestWindowSeconds} s into one email (HEED_DIGEST_WINDOW_SECONDS)`,
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
    secrets,
    devToken,
    issueDevToken: (user) => identities.issue(user),
    invoke: (logicalId, event) => runtime.invoke(logicalId, event),
    schedules,
    summary,
    ...(injector ? { faults: injector } : {}),
    stop,
  };
}

/** Starts a fault proxy in front of each emulator and returns the endpoints the functions should use. */
async function behindFaultProxies(
  direct: Emulators,
  injector: FaultInjector,
  track: <T extends RunningService>(service: T) => T,
): Promise<Emulators> {
  const proxy = async (service: "dynamodb" | "sqs" | "s3" | "ses") =>
    track(await startFaultProxy(service, direct[service].endpoint, injector));
  const [dynamodb, sqs, s3, ses] = await Promise.all([
    proxy("dynamodb"),
    proxy("sqs"),
    proxy("s3"),
    proxy("ses"),
  ]);
  // Queues are created through the proxy, so their URLs (and every call a function makes) name its port.
  const queueUrlEndpoint = `http://sqs.${LOCAL_REGION}.localhost:${sqs.port}`;
  const queueUrl = (queueName: string) => `${queueUrlEndpoint}/${EMULATOR_ACCOUNT_ID}/${queueName}`;
  return {
    dynamodb: { ...direct.dynamodb, endpoint: dynamodb.endpoint },
    sqs: { ...direct.sqs, endpoint: sqs.endpoint, queueUrlEndpoint, queueUrl },
    s3: { ...direct.s3, endpoint: s3.endpoint },
    ses: { ...direct.ses, endpoint: ses.endpoint },
  };
}

function withTimeouts(plan: LocalResourcePlan, options: SandboxOptions): LocalResourcePlan {
  const visibility = options.queueVisibilityTimeoutSeconds;
  const timeout = options.functionTimeoutSeconds;
  const window = options.digestWindowSeconds ?? DEFAULTS.digestWindowSeconds;
  // Only the referral notifier's queues gather batches: their window is the digest window, and their
  // visibility timeout, which covers the deployed window, covers the local one instead.
  const deployedWindows = new Map(
    plan.eventSourceMappings.flatMap((mapping) =>
      mapping.batchingWindowSeconds === undefined
        ? []
        : [[mapping.queueLogicalId, mapping.batchingWindowSeconds]],
    ),
  );
  const visibilityOf = (queue: LocalQueue) =>
    visibility ?? queue.visibilityTimeoutSeconds - (deployedWindows.get(queue.logicalId) ?? window) + window;
  return {
    ...plan,
    eventSourceMappings: plan.eventSourceMappings.map((mapping) =>
      mapping.batchingWindowSeconds === undefined ? mapping : { ...mapping, batchingWindowSeconds: window },
    ),
    queues: plan.queues.map((queue) => ({
      ...queue,
      visibilityTimeoutSeconds: visibilityOf(queue),
      attributes: { ...queue.attributes, VisibilityTimeout: String(visibilityOf(queue)) },
    })),
    functions:
      timeout === undefined
        ? plan.functions
        : plan.functions.map((fn) => ({ ...fn, timeoutSeconds: timeout })),
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
