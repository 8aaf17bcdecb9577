// The messages between the sandbox's Lambda runtime and each execution environment (worker
// thread), kept in one place so both sides agree on them.

/** A function error as the Lambda runtime reports it. */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** Fixed for the life of an execution environment, passed as `workerData`. */
export interface EnvironmentData {
  entryPath: string;
  handlerExport: string;
  functionName: string;
  functionArn: string;
  memoryMb: number;
  logGroupName: string;
  logStreamName: string;
}

export interface InvokeMessage {
  requestId: string;
  /** Epoch milliseconds at which the invocation times out. */
  deadline: number;
  event: unknown;
}

/**
 * What an invocation cost the environment's thread in CPU time, where the system reports it per thread
 * (Linux): Lambda bills duration, but CPU is what the handler itself spends, apart from waiting.
 */
export interface InvocationCost {
  cpuMs?: number;
}

export type FromEnvironment =
  | { type: "ready" }
  | { type: "init-error"; error: LambdaError }
  | ({ type: "result"; requestId: string; payload: string } & InvocationCost)
  | ({ type: "error"; requestId: string; error: LambdaError } & InvocationCost);
