// The local sandbox for vitest: started on free ports with a temporary data folder, quiet unless
// HEED_SANDBOX_LOGS=1, torn down after the file. Tests drive it through real protocols (SMTP, HTTP,
// SQS) and read results back from the emulators with the helpers here.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll } from "vitest";
import type { FunctionLogLine } from "../../../infra/local/lambda-runtime";
import { deliverRawMail } from "../../../infra/local/mail-delivery";
import type { BatchReport } from "../../../infra/local/queue-poller";
import type { LocalBucket, LocalQueue, LocalTable } from "../../../infra/local/resource-plan";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../../infra/local/sandbox";

// The sandbox's own SDK clients run in the test process; Lambda runs Node 22, so the SDK's warning
// about this machine's Node 20 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** A message as aws-ses-v2-local keeps it (its store drops custom headers of raw mail). */
export interface SesStoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: Array<{ content: string; contentType: string; filename?: string; size: number }>;
  /** Seconds since the epoch. */
  at: number;
}

export interface QueueSnapshot {
  ready: string[];
  inflight: string[];
  delayed: string[];
}

export interface SentEml {
  /** The SES message id the SMTP server answered with. */
  messageId: string;
  /** Where the message was stored in the raw-mail bucket. */
  bucket: string;
  key: string;
}

export interface TestSandbox extends Sandbox {
  /** Everything the functions printed, in order. */
  logs: FunctionLogLine[];
  /** Every SQS batch handed to a function, with what was deleted and what failed. */
  batches: BatchReport[];
  /** Delivers raw MIME over SMTP to the intake address (or `to`), as another mail server would. */
  sendEml(raw: string | Buffer, envelope?: { from?: string; to?: string }): Promise<SentEml>;
  /** Every email sent through the SES emulator so far. */
  readSesStore(): Promise<SesStoredEmail[]>;
  /** What went to customers: mail sent from the intake address (staff notifications come from elsewhere). */
  readCustomerMail(): Promise<SesStoredEmail[]>;
  /**
   * Receives and deletes everything visible in a queue no function consumes (referral queues,
   * dead-letter queues). Deleting keeps repeated calls honest: a received message that stayed would
   * be invisible to the next call and count towards the queue's maxReceiveCount.
   */
  receiveAll(queueUrl: string): Promise<Message[]>;
  /** The queue's messages, ready, in flight and delayed, without touching them (fauxqs inspection). */
  peekQueue(queue: LocalQueue): Promise<QueueSnapshot>;
  /** fetch() against the HTTP API, as dev-admin unless `token` says otherwise (null: no token). */
  fetchApi(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /**
   * The queue, table or bucket whose `heed:role` metadata is `role`. A referral level picks one of
   * the referral queues; its dead-letter queue has the same level, so the role tells them apart.
   */
  queue(role: string, referralLevel?: string): LocalQueue;
  table(role: string): LocalTable;
  bucket(role: string): LocalBucket;
}

export class UnknownRoleError extends Error {
  constructor(kind: string, role: string) {
    super(`the stack has no ${kind} with heed:role ${role}`);
    this.name = "UnknownRoleError";
  }
}

/** Starts a sandbox for tests. Its stop() also deletes the temporary data folder it made. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const temporaryDataDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), "heed-sandbox-"));
  const verbose = process.env.HEED_SANDBOX_LOGS === "1";
  const logs: FunctionLogLine[] = [];
  const batches: BatchReport[] = [];
  const removeDataDir = () => {
    if (temporaryDataDir) rmSync(temporaryDataDir, { recursive: true, force: true });
  };
  const sandbox = await startSandbox({
    httpPort: 0,
    smtpPort: 0,
    sesPort: 0,
    // Short enough that waiting for a notification waits little longer than before digests gathered.
    digestWindowSeconds: 1,
    ...options,
    ...(temporaryDataDir ? { dataDir: temporaryDataDir } : {}),
    log: options.log ?? ((line) => verbose && console.log(line)),
    onFunctionLog: (line) => {
      logs.push(line);
      if (verbose) console.log(`[${line.function}] ${line.line}`);
      options.onFunctionLog?.(line);
    },
    onBatch: (report) => {
      batches.push(report);
      options.onBatch?.(report);
    },
  }).catch((error: unknown) => {
    removeDataDir();
    throw error;
  });

  const byRole = <T extends { role?: string }>(kind: string, items: T[], role: string): T => {
    const found = items.find((item) => item.role === role);
    if (!found) throw new UnknownRoleError(kind, role);
    return found;
  };
  const rawMailTarget = () => {
    const [rule] = sandbox.plan.receiptRules;
    const bucket = sandbox.plan.buckets.find((candidate) => candidate.logicalId === rule?.bucketLogicalId);
    if (!rule || !bucket) throw new Error("the stack has no receipt rule storing to a bucket");
    return { bucket: bucket.name, prefix: rule.objectKeyPrefix };
  };

  return {
    ...sandbox,
    logs,
    batches,
    async sendEml(raw, envelope = {}) {
      const response = await deliverRawMail({
        raw,
        port: sandbox.ports.smtp,
        to: envelope.to ?? sandbox.intakeAddress,
        ...(envelope.from === undefined ? {} : { from: envelope.from }),
      });
      const messageId = /^250 Ok (\S+)/.exec(response)?.[1];
      if (!messageId) throw new Error(`unexpected SMTP reply: ${response}`);
      const { bucket, prefix } = rawMailTarget();
      return { messageId, bucket, key: `${prefix}${messageId}` };
    },
    readSesStore: () => readSesStore(sandbox.urls.sesViewer),
    readCustomerMail: async () =>
      (await readSesStore(sandbox.urls.sesViewer)).filter((mail) =>
        mail.from.toLowerCase().includes(sandbox.intakeAddress.toLowerCase()),
      ),
    receiveAll: (queueUrl) => receiveAll(sandbox.clients.sqs, queueUrl),
    peekQueue: (queue) => peekQueue(sandbox.urls.sqs, queue.name),
    fetchApi(path, init = {}) {
      const { token = sandbox.devToken, ...request } = init;
      const headers = new Headers(request.headers);
      if (token !== null) headers.set("authorization", `Bearer ${token}`);
      return fetch(new URL(path, sandbox.urls.http), { ...request, headers });
    },
    queue: (role, referralLevel) =>
      byRole(
        "queue",
        sandbox.plan.queues.filter(
          (queue) => referralLevel === undefined || queue.referralLevel === referralLevel,
        ),
        role,
      ),
    table: (role) => byRole("table", sandbox.plan.tables, role),
    bucket: (role) => byRole("bucket", sandbox.plan.buckets, role),
    async stop() {
      await sandbox.stop();
      removeDataDir();
    },
  };
}

/**
 * Starts one sandbox for the test file (beforeAll) and stops it afterwards (afterAll). Call at the
 * top of a file or describe block; the returned function gives the running sandbox inside tests.
 */
export function withSandbox(options: SandboxOptions = {}): () => TestSandbox {
  let sandbox: TestSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startTestSandbox(options);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.stop();
  }, 60_000);
  return () => {
    if (!sandbox) throw new Error("the sandbox is not running: use it inside a test, after beforeAll");
    return sandbox;
  };
}

export async function readSesStore(sesUrl: string): Promise<SesStoredEmail[]> {
  const response = await fetch(new URL("/store", sesUrl));
  if (!response.ok) throw new Error(`GET /store on the SES emulator answered ${response.status}`);
  const store = (await response.json()) as { emails: SesStoredEmail[] };
  return store.emails;
}

/** Receives and deletes until the queue has nothing visible. */
export async function receiveAll(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const received: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
    );
    if (Messages.length === 0) return received;
    received.push(...Messages);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
  }
}

/** fauxqs's inspection endpoint: message bodies by state, leaving receive counts and visibility alone. */
export async function peekQueue(sqsUrl: string, queueName: string): Promise<QueueSnapshot> {
  const response = await fetch(new URL(`/_fauxqs/queues/${encodeURIComponent(queueName)}`, sqsUrl));
  if (!response.ok) throw new Error(`inspecting queue ${queueName} answered ${response.status}`);
  const { messages } = (await response.json()) as {
    messages: {
      ready: Array<{ body: string }>;
      delayed: Array<{ body: string }>;
      inflight: Array<{ message: { body: string } }>;
    };
  };
  return {
    ready: messages.ready.map((message) => message.body),
    inflight: messages.inflight.map((entry) => entry.message.body),
    delayed: messages.delayed.map((message) => message.body),
  };
}
