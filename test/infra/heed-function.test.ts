// Every Heed function runs the same runtime and architecture and names the handler file the local
// sandbox runs; a queue consumer cannot be wired to a queue that would redeliver mid-invocation.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, Duration, Stack } from "aws-cdk-lib";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { describe, expect, it } from "vitest";
import { HeedFunction, QueueVisibilityTimeoutError } from "../../infra/constructs/heed-function";
import { stageSettings } from "../../infra/constructs/stage-settings";
import { isCdkBucketNotificationsHandler, resourcesOfType, synthesizeHeed } from "./heed-template";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const template = synthesizeHeed();
const heedFunctions = Object.entries(resourcesOfType(template, "AWS::Lambda::Function")).filter(
  ([id]) => !isCdkBucketNotificationsHandler(id),
);

describe("HeedFunction", () => {
  it("runs every Heed function on nodejs22.x for arm64", () => {
    expect(heedFunctions).not.toHaveLength(0);
    for (const [id, fn] of heedFunctions) {
      expect(fn.Properties.Runtime, id).toBe("nodejs22.x");
      expect(fn.Properties.Architectures, id).toEqual(["arm64"]);
    }
  });

  it("records on every Heed function the repository path of a handler file that exists", () => {
    for (const [id, fn] of heedFunctions) {
      const entry = fn.Metadata?.["heed:entry"];
      expect(entry, id).toMatch(/^functions\/[a-z0-9-]+\/handler\.ts$/);
      expect(existsSync(join(REPO_ROOT, entry as string)), `${id} -> ${entry}`).toBe(true);
    }
  });

  it("writes every Heed function's logs to its own log group with a retention period", () => {
    const logGroups = resourcesOfType(template, "AWS::Logs::LogGroup");

    for (const [id, fn] of heedFunctions) {
      const logGroupRef = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(logGroups[logGroupRef]?.Properties.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  it("refuses to consume a queue whose visibility timeout is under six times the function's timeout", () => {
    // Prepare
    const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
    const stack = new Stack(app, "Test");
    const queue = new Queue(stack, "Queue", { visibilityTimeout: Duration.seconds(30) });
    const fn = new HeedFunction(stack, "Fn", {
      name: "inbound-email",
      settings: stageSettings("dev"),
      timeout: Duration.seconds(10),
    });

    // Act
    const consume = () => fn.consumeQueue(queue, { batchSize: 10, maxConcurrency: 2 });

    // Assess
    expect(consume).toThrow(QueueVisibilityTimeoutError);
  });
});
