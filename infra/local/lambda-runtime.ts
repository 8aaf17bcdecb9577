// Runs the real handlers as Lambda would: each execution environment is a worker thread with its
// own module instances and `process.env`, kept warm between invocations, one invocation at a time,
// more of them up to a concurrency limit, and replaced when an invocation times out or crashes.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Worker } from "node:worker_threads";
import type {
  EnvironmentData,
  FromEnvironment,
  InvocationCost,
  InvokeMessage,
  LambdaError,
} from "./lambda-protocol";
import type { LocalFunction } from "./resource-plan";

export type { LambdaError } from "./lambda-protocol";

export type InvocationOutcome = (
  | { ok: true; requestId: string; payload: unknown; durationMs: number }
  | { ok: false; requestId: string; error: LambdaError; durationMs: number }
) &
  InvocationCost;

export interface FunctionLogLine {
  /** The function's logical id in the stack. */
  function: string;
  stream: "stdout" | "stderr";
  line: string;
}

export type FunctionLogSink = (line: FunctionLogLine) => void;

export interface LambdaRuntimeOptions {
  repoRoot: string;
  /** Sandbox-wide variables (endpoints, region, credentials), set over each function's own. */
  environment: Record<string, string>;
  /** Execution environments per function; a mapping's MaximumConcurrency may lower it. */
  maxConcurrency: number;
  onLog: FunctionLogSink;
  /** Told of every invocation as it ends, whatever invoked it (a queue, a route, a schedule, SES). */
  onInvocation?: (invocation: { function: string; durationMs: number }) => void;
}

export class FunctionNotFoundError extends Error {
  constructor(logicalId: string) {
    super(`no function ${logicalId} in the stack (or it has no heed:entry metadata)`);
    this.name = "FunctionNotFoundError";
  }
}

export class RuntimeStoppedError extends Error {
  constructor() {
    super("the local Lambda runtime has stopped");
    this.name = "RuntimeStoppedError";
  }
}

/** Lambda's own limit for the init phase of an on-demand function. */
const INIT_TIMEOUT_MS = 10_000;

// A worker's entry must be JavaScript: it registers tsx's ESM hooks, which then compile the TypeScript
// bootstrap and handlers. On Node 20, `--import tsx` in a worker's execArgv does not reach the worker,
// and neither does importing tsx's loader; only its register() API does.
const TSX_API = import.meta.resolve("tsx/esm/api");
const WORKER_MODULE = new URL("./lambda-worker.ts", import.meta.url).href;

export class LocalLambdaRuntime {
  private readonly pools = new Map<string, FunctionPool>();

  constructor(functions: LocalFunction[], options: LambdaRuntimeOptions) {
    for (const fn of functions) this.pools.set(fn.logicalId, new FunctionPool(fn, options));
  }

  /** Caps one function's concurrency, e.g. to its event source mapping's MaximumConcurrency. */
  limitConcurrency(logicalId: string, maximum: number): void {
    this.pool(logicalId).limit(maximum);
  }

  invoke(logicalId: string, event: unknown): Promise<InvocationOutcome> {
    return this.pool(logicalId).invoke(event);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.stop()));
  }

  private pool(logicalId: string): FunctionPool {
    const pool = this.pools.get(logicalId);
    if (!pool) throw new FunctionNotFoundError(logicalId);
    return pool;
  }
}

class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly waiting: Array<{
    resolve: (environment: ExecutionEnvironment) => void;
    reject: (error: Error) => void;
  }> = [];
  private maxConcurrency: number;
  private stopped = false;

  constructor(
    private readonly fn: LocalFunction,
    private readonly options: LambdaRuntimeOptions,
  ) {
    this.maxConcurrency = options.maxConcurrency;
  }

  limit(maximum: number): void {
    this.maxConcurrency = Math.max(1, Math.min(this.maxConcurrency, maximum));
  }

  async invoke(event: unknown): Promise<InvocationOutcome> {
    const environment = await this.acquire();
    let outcome: InvocationOutcome;
    try {
      outcome = await environment.invoke(event);
    } finally {
      this.release(environment);
    }
    this.options.onInvocation?.({ function: this.fn.logicalId, durationMs: outcome.durationMs });
    if (!outcome.ok) {
      // The Node.js runtime logs a failed invocation this way in the function's log stream.
      const { errorType, errorMessage, trace } = outcome.error;
      const line = `${new Date().toISOString()}\t${outcome.requestId}\tERROR\tInvoke Error \t${JSON.stringify({ errorType, errorMessage, stack: trace })}`;
      this.options.onLog({ function: this.fn.logicalId, stream: "stderr", line });
    }
    return outcome;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new RuntimeStoppedError());
    await Promise.all([...this.all].map((environment) => environment.terminate()));
  }

  private acquire(): Promise<ExecutionEnvironment> {
    if (this.stopped) return Promise.reject(new RuntimeStoppedError());
    for (let warm = this.idle.pop(); warm; warm = this.idle.pop()) {
      // An environment can die while idle, e.g. from an error thrown by a timer its last invocation left.
      if (warm.alive) return Promise.resolve(warm);
      this.all.delete(warm);
    }
    if (this.all.size < this.maxConcurrency) return Promise.resolve(this.create());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(environment: ExecutionEnvironment): void {
    if (!environment.alive) this.all.delete(environment);
    if (this.stopped) return;
    const next = this.waiting.shift();
    if (!next) {
      if (environment.alive) this.idle.push(environment);
      return;
    }
    next.resolve(environment.alive ? environment : this.create());
  }

  private create(): ExecutionEnvironment {
    const environment = new ExecutionEnvironment(this.fn, this.options);
    this.all.add(environment);
    return environment;
  }
}

/** The environment itself failed: it timed out, crashed or exited, and must be replaced. */
type Failure = { type: "failure"; error: LambdaError };

class ExecutionEnvironment {
  alive = true;
  private readonly worker: Worker;
  private readonly ready: Promise<LambdaError | undefined>;
  private readonly exited: Promise<void>;
  private pending: ((message: FromEnvironment | Failure) => void) | undefined;

  constructor(
    private readonly fn: LocalFunction,
    options: LambdaRuntimeOptions,
  ) {
    const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
    const workerData: EnvironmentData = {
      entryPath: join(options.repoRoot, fn.entry),
      handlerExport: fn.handlerExport,
      functionName: fn.name,
      functionArn: fn.arn,
      memoryMb: fn.memoryMb,
      logGroupName: `/aws/lambda/${fn.name}`,
      logStreamName: `${day}/[$LATEST]${randomUUID().replaceAll("-", "")}`,
    };
    const tsconfig = join(options.repoRoot, "tsconfig.json");
    const registration = existsSync(tsconfig) ? { tsconfig } : {};
    const bootstrap = `import(${JSON.stringify(TSX_API)})
  .then(({ register }) => register(${JSON.stringify(registration)}))
  .then(() => import(${JSON.stringify(WORKER_MODULE)}));`;
    this.worker = new Worker(bootstrap, {
      eval: true,
      workerData,
      stdout: true,
      stderr: true,
      env: {
        ...fn.environment,
        ...options.environment,
        AWS_LAMBDA_FUNCTION_NAME: fn.name,
        AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_LAMBDA_LOG_GROUP_NAME: workerData.logGroupName,
        AWS_LAMBDA_LOG_STREAM_NAME: workerData.logStreamName,
        AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
        AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
      },
      // Lambda's memory setting bounds the whole environment; the heap limit is the nearest equivalent.
      resourceLimits: { maxOldGenerationSizeMb: fn.memoryMb },
    });
    for (const stream of ["stdout", "stderr"] as const) {
      createInterface({ input: this.worker[stream], crlfDelay: Number.POSITIVE_INFINITY }).on(
        "line",
        (line) => options.onLog({ function: fn.logicalId, stream, line }),
      );
    }
    this.exited = new Promise((resolve) => this.worker.once("exit", () => resolve()));
    this.worker.on("message", (message: FromEnvironment) => this.pending?.(message));
    this.worker.on("error", (error: Error & { code?: string }) => {
      const errorType = error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "Runtime.OutOfMemory" : error.name;
      this.fail({ errorType, errorMessage: error.message, trace: error.stack?.split("\n") ?? [] });
    });
    this.worker.on("exit", (code) => {
      this.alive = false;
      this.fail({
        errorType: "Runtime.ExitError",
        errorMessage: `Runtime exited with code ${code}`,
        trace: [],
      });
    });
    const initTimeoutMs = Math.max(INIT_TIMEOUT_MS, fn.timeoutSeconds * 1000);
    this.ready = this.next(initTimeoutMs).then((message) =>
      message.type === "ready" ? undefined : errorOf(message),
    );
  }

  async invoke(event: unknown): Promise<InvocationOutcome> {
    const requestId = randomUUID();
    const started = Date.now();
    const failed = async (error: LambdaError): Promise<InvocationOutcome> => {
      await this.terminate();
      return { ok: false, requestId, error, durationMs: Date.now() - started };
    };
    const initError = await this.ready;
    if (initError) return failed(initError);

    const deadline = Date.now() + this.fn.timeoutSeconds * 1000;
    const reply = this.next(this.fn.timeoutSeconds * 1000);
    const message: InvokeMessage = { requestId, deadline, event };
    this.worker.postMessage(message);
    const answer = await reply;
    const durationMs = Date.now() - started;
    switch (answer.type) {
      case "result": {
        const cost = answer.cpuMs === undefined ? {} : { cpuMs: answer.cpuMs };
        return { ok: true, requestId, payload: JSON.parse(answer.payload), durationMs, ...cost };
      }
      case "error": {
        const cost = answer.cpuMs === undefined ? {} : { cpuMs: answer.cpuMs };
        return { ok: false, requestId, error: answer.error, durationMs, ...cost };
      }
      default:
        return failed(errorOf(answer));
    }
  }

  async terminate(): Promise<void> {
    this.alive = false;
    await this.worker.terminate();
    await this.exited;
  }

  private fail(error: LambdaError): void {
    this.pending?.({ type: "failure", error });
  }

  /** The environment's next message, or a failure once `timeoutMs` has passed. */
  private next(timeoutMs: number): Promise<FromEnvironment | Failure> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        resolve({
          type: "failure",
          error: {
            errorType: "Sandbox.Timedout",
            errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
            trace: [],
          },
        });
      }, timeoutMs);
      this.pending = (message) => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve(message);
      };
    });
  }
}

function errorOf(message: FromEnvironment | Failure): LambdaError {
  switch (message.type) {
    case "failure":
    case "init-error":
    case "error":
      return message.error;
    default:
      return {
        errorType: "Runtime.InvalidResponse",
        errorMessage: `unexpected ${message.type} message`,
        trace: [],
      };
  }
}
