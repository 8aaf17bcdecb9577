// Why a queue record failed, as one log line and one metric, so a failing batch is never silent: the
// ids the record carried, the step that failed, and the error's class and code. Never the error's
// message, which may quote what a customer wrote (a DynamoDB validation error quotes the item).

import type { Log, Metrics } from "../ports";

/** A step of a use case failed; `cause` is the error it failed with. */
export class StepError extends Error {
  override name = "StepError";
  constructor(
    readonly step: string,
    options: { cause: unknown },
  ) {
    super(`step ${step} failed`, options);
  }
}

/** Runs `work` as the named step: an error leaves it labelled with the innermost step that failed. */
export async function inStep<T>(step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof StepError ? error : new StepError(step, { cause: error });
  }
}

export interface RecordFailure {
  step: string;
  errorClass: string;
  errorCode?: string;
}

/** The step, class and code of a failure; the AWS SDK puts the service's error code in `name` or `Code`. */
export function describeFailure(error: unknown): RecordFailure {
  const step = error instanceof StepError ? error.step : "unknown";
  const cause = error instanceof StepError ? error.cause : error;
  if (!(cause instanceof Error)) return { step, errorClass: typeof cause };
  const { Code, code } = cause as { Code?: unknown; code?: unknown };
  const errorCode = [Code, code, cause.name].find((value) => typeof value === "string" && value !== "Error");
  return {
    step,
    errorClass: cause.constructor.name,
    ...(typeof errorCode === "string" ? { errorCode } : {}),
  };
}

export const RECORD_FAILED_METRIC = "RecordFailed";

/** Logs `record failed` with the record's ids and the failure, and counts it. */
export function noteRecordFailure(
  error: unknown,
  ids: Record<string, string>,
  deps: { log: Log; metrics: Metrics },
): void {
  deps.log.error("record failed", { ...ids, ...describeFailure(error) });
  deps.metrics.publish({ [RECORD_FAILED_METRIC]: 1 });
}
