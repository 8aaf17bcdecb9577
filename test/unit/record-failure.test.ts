// A failed queue record is logged once with its ids, the innermost step that failed and the error's
// class and code, and counted; the error's message, which may quote a customer, is never logged.
import { describe, expect, it } from "vitest";
import {
  describeFailure,
  inStep,
  noteRecordFailure,
  RECORD_FAILED_METRIC,
  StepError,
} from "../../shared/application/record-failure";
import { RecordingLog } from "./communication-fakes";

class ConditionalCheckFailedException extends Error {
  override name = "ConditionalCheckFailedException";
}

describe("inStep", () => {
  it("labels a failure with the innermost step that failed, keeping the error as its cause", async () => {
    const cause = new ConditionalCheckFailedException("The conditional request failed");

    const failure = await inStep("record case", () =>
      inStep("write lookups", async () => {
        throw cause;
      }),
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(StepError);
    expect(failure).toMatchObject({ step: "write lookups", cause });
  });

  it("gives back what the step returned when it succeeds", async () => {
    expect(await inStep("read", async () => 42)).toBe(42);
  });
});

describe("describeFailure", () => {
  it("reads the class and the service's code from the error's name, Code or code", () => {
    const coded = Object.assign(new Error("x"), { Code: "SlowDown" });

    expect(
      describeFailure(new StepError("put", { cause: new ConditionalCheckFailedException("x") })),
    ).toEqual({
      step: "put",
      errorClass: "ConditionalCheckFailedException",
      errorCode: "ConditionalCheckFailedException",
    });
    expect(describeFailure(coded)).toEqual({ step: "unknown", errorClass: "Error", errorCode: "SlowDown" });
    expect(describeFailure(new TypeError("x"))).toEqual({
      step: "unknown",
      errorClass: "TypeError",
      errorCode: "TypeError",
    });
    expect(describeFailure("thrown text")).toEqual({ step: "unknown", errorClass: "string" });
  });
});

describe("noteRecordFailure", () => {
  it("logs the record's ids and the failure without the message, and counts one failed record", () => {
    const log = new RecordingLog();
    const published: Record<string, number>[] = [];
    const error = new StepError("write case", {
      cause: new Error("One or more parameter values were invalid: jo@example.org"),
    });

    noteRecordFailure(
      error,
      { messageId: "m-1" },
      { log, metrics: { publish: (values) => published.push(values) } },
    );

    expect(log.lines).toEqual([
      {
        level: "error",
        message: "record failed",
        fields: { messageId: "m-1", step: "write case", errorClass: "Error" },
      },
    ]);
    expect(JSON.stringify(log.lines)).not.toContain("jo@example.org");
    expect(published).toEqual([{ [RECORD_FAILED_METRIC]: 1 }]);
  });
});
