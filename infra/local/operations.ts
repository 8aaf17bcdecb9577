// What the `npm run` operations commands share: a connection to the sandbox on HEED_DATA_DIR (the one
// running there, or one they start quietly and stop again), the environment the stack gives a function,
// and command-line flags.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import type { Log } from "../../shared/ports";
import { createClients, destroyClients, type Emulators, type SandboxClients } from "./emulator-access";
import type { LocalResourcePlan } from "./resource-plan";
import { startSandbox } from "./sandbox";
import { readConnection } from "./sandbox-connection";
import { LocalSecretsManager } from "./secrets-manager";
import { DEFAULTS, settingsFromEnv } from "./settings";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface SandboxConnection {
  plan: LocalResourcePlan;
  clients: SandboxClients;
  /** The stack's secrets as the sandbox keeps them in its data folder, for signing as a function would. */
  secrets: Pick<LocalSecretsManager, "current">;
  /** True when this command started the sandbox (and its queue pollers) itself. */
  startedHere: boolean;
  close(): Promise<void>;
}

export class NoSuchFunctionError extends Error {
  override name = "NoSuchFunctionError";
}

/** The environment the stack gives the function with this handler, as the sandbox resolved it. */
export function functionEnvironmentOf(plan: LocalResourcePlan, entry: string): Record<string, string> {
  const fn = plan.functions.find((candidate) => candidate.entry === entry);
  if (!fn) throw new NoSuchFunctionError(`the stack has no function with the handler ${entry}`);
  return fn.environment;
}

/** Connects to the sandbox running on HEED_DATA_DIR, or starts one there (quietly, on free ports). */
export async function connectToSandbox(): Promise<SandboxConnection> {
  // Lambda runs Node 22; the AWS SDK's warning about this machine's Node 20 would only add noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const settings = settingsFromEnv();
  const dataDir = resolve(REPO_ROOT, settings.dataDir ?? DEFAULTS.dataDir);
  const running = readConnection(dataDir);
  if (running) {
    // Only the endpoints are read from these: the clients never touch the emulators' internals.
    const emulators = {
      dynamodb: { endpoint: running.urls.dynamodb },
      sqs: { endpoint: running.urls.sqs },
      s3: { endpoint: running.urls.s3 },
      ses: { endpoint: running.urls.sesViewer },
    } as Emulators;
    const clients = createClients(emulators);
    return {
      plan: running.plan,
      clients,
      secrets: new LocalSecretsManager(running.plan.secrets, dataDir),
      startedHere: false,
      close: async () => destroyClients(clients),
    };
  }
  const sandbox = await startSandbox({
    ...settings,
    dataDir,
    httpPort: 0,
    smtpPort: 0,
    sesPort: 0,
    log: () => {},
    onFunctionLog: () => {},
  });
  return {
    plan: sandbox.plan,
    clients: sandbox.clients,
    secrets: sandbox.secrets,
    startedHere: true,
    close: () => sandbox.stop(),
  };
}

export class UsageError extends Error {
  override name = "UsageError";
}

/** `--name value` and `--flag` arguments; anything else is a usage error. */
export function parseFlags(args: string[], known: { values: string[]; switches: string[] }) {
  const values: Record<string, string> = {};
  const switches = new Set<string>();
  for (let index = 0; index < args.length; index += 1) {
    const name = args[index]?.replace(/^--/, "") ?? "";
    if (known.switches.includes(name)) switches.add(name);
    else if (known.values.includes(name) && args[index + 1] !== undefined) {
      values[name] = args[index + 1] as string;
      index += 1;
    } else throw new UsageError(`unexpected argument ${args[index]}`);
  }
  return { values, switches };
}

/** The commands' log: structured lines on stderr, so stdout carries only the report. */
export const stderrLog: Log = {
  info: (message, fields = {}) => console.error(JSON.stringify({ level: "INFO", message, ...fields })),
  warn: (message, fields = {}) => console.error(JSON.stringify({ level: "WARN", message, ...fields })),
  error: (message, fields = {}) => console.error(JSON.stringify({ level: "ERROR", message, ...fields })),
};

/** Waits until the intake queue has no message waiting or in flight: what was redriven has been worked on. */
export async function waitForIntakeToDrain(connection: SandboxConnection, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const intake = connection.plan.queues.find((queue) => queue.role === "intake-queue");
  while (intake && Date.now() < deadline) {
    const { Attributes = {} } = await connection.clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: intake.url,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    );
    if (
      Number(Attributes.ApproximateNumberOfMessages) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible) ===
      0
    ) {
      return;
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** Runs a command: usage errors print the usage, other failures their message; both set the exit code. */
export async function runCommand(usage: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(
      error instanceof UsageError
        ? `${error.message}\n${usage}`
        : error instanceof Error
          ? error.message
          : error,
    );
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
