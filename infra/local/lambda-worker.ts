// One Lambda execution environment, run inside a worker thread: imports the handler once (the init
// phase), then runs one invocation at a time with a Lambda-shaped context and hands back the
// JSON-serialized result or the error, as the Lambda runtime API would.
import dns from "node:dns";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import type { Context } from "aws-lambda";
import type { EnvironmentData, FromEnvironment, InvokeMessage, LambdaError } from "./lambda-protocol";

const data = workerData as EnvironmentData;
const port = parentPort;
if (!port) throw new Error("lambda-worker must run in a worker thread");

resolveLocalhostSubdomains();

function resolveLocalhostSubdomains(): void {
  // The SQS emulator's queue URLs use `sqs.<region>.localhost`, which the system resolver does not
  // know; the SDK sends queue requests to that host, as it does to real SQS.
  const original = dns.lookup;
  const patched = (hostname: string, options: unknown, callback?: unknown) => {
    const [settings, done] =
      typeof options === "function"
        ? [{}, options]
        : [typeof options === "number" ? { family: options } : options, callback];
    if (!hostname.endsWith(".localhost")) {
      return (original as (...args: unknown[]) => void)(hostname, settings, done);
    }
    const reply = done as (error: null, address: unknown, family?: number) => void;
    if ((settings as dns.LookupAllOptions | undefined)?.all)
      reply(null, [{ address: "127.0.0.1", family: 4 }]);
    else reply(null, "127.0.0.1", 4);
  };
  dns.lookup = patched as typeof dns.lookup;
}

function lambdaError(error: unknown): LambdaError {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: error.stack?.split("\n") ?? [] };
  }
  return { errorType: "Error", errorMessage: String(error), trace: [] };
}

/** Nanoseconds this thread has run on a CPU (Linux's per-thread scheduler statistics), where available. */
function threadCpuNs(): number | undefined {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]);
  } catch {
    return undefined;
  }
}

function post(message: FromEnvironment): void {
  port?.postMessage(message);
}

type Handler = (event: unknown, context: Context) => unknown;

async function init(): Promise<Handler | undefined> {
  try {
    const module = (await import(pathToFileURL(data.entryPath).href)) as Record<string, unknown>;
    const handler = module[data.handlerExport];
    if (typeof handler !== "function") {
      post({
        type: "init-error",
        error: {
          errorType: "Runtime.HandlerNotFound",
          errorMessage: `${data.entryPath} does not export ${data.handlerExport}`,
          trace: [],
        },
      });
      return undefined;
    }
    return handler as Handler;
  } catch (error) {
    post({ type: "init-error", error: lambdaError(error) });
    return undefined;
  }
}

function notSupported(name: string): () => never {
  return () => {
    throw new Error(`context.${name}() is not supported: return a value or a promise instead`);
  };
}

const handler = await init();
if (handler) {
  port.on("message", async (message: InvokeMessage) => {
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: data.functionName,
      functionVersion: "$LATEST",
      invokedFunctionArn: data.functionArn,
      memoryLimitInMB: String(data.memoryMb),
      awsRequestId: message.requestId,
      logGroupName: data.logGroupName,
      logStreamName: data.logStreamName,
      getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
      done: notSupported("done"),
      fail: notSupported("fail"),
      succeed: notSupported("succeed"),
    };
    const cpuBefore = threadCpuNs();
    const cost = () => {
      const cpuAfter = threadCpuNs();
      return cpuBefore === undefined || cpuAfter === undefined ? {} : { cpuMs: (cpuAfter - cpuBefore) / 1e6 };
    };
    try {
      const result = await handler(message.event, context);
      const payload = JSON.stringify(result ?? null);
      post({ type: "result", requestId: message.requestId, payload, ...cost() });
    } catch (error) {
      post({ type: "error", requestId: message.requestId, error: lambdaError(error), ...cost() });
    }
  });
  post({ type: "ready" });
}
