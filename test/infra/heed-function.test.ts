// Every Heed function runs the same runtime and architecture, logs to a group of its own with a
// retention period, configures Powertools for its stage, maps stack traces to the TypeScript source,
// and names the handler file the local sandbox runs.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isCdkBucketNotificationsHandler, resourcesOfType, synthesizeHeed } from "./heed-template";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const template = synthesizeHeed();
const heedFunctions = Object.entries(resourcesOfType(template, "AWS::Lambda::Function")).filter(
  ([id]) => !isCdkBucketNotificationsHandler(id),
);

function variablesOf(fn: (typeof heedFunctions)[number][1]): Record<string, unknown> {
  return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

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

  it("names each function's Powertools service after its folder and sets the stage's log level and namespace", () => {
    for (const [id, fn] of heedFunctions) {
      const folder = String(fn.Metadata?.["heed:entry"]).split("/")[1];
      expect(variablesOf(fn), id).toMatchObject({
        POWERTOOLS_SERVICE_NAME: folder,
        POWERTOOLS_METRICS_NAMESPACE: "Heed/dev",
        POWERTOOLS_LOG_LEVEL: "DEBUG",
      });
    }
  });

  it("starts every Heed function without loading its source map", () => {
    for (const [id, fn] of heedFunctions) {
      expect(variablesOf(fn).NODE_OPTIONS ?? "", id).not.toContain("--enable-source-maps");
    }
  });

  it("gives every Heed function a timeout of its own rather than Lambda's 3-second default", () => {
    for (const [id, fn] of heedFunctions) {
      expect(fn.Properties.Timeout, id).toBeGreaterThanOrEqual(10);
    }
  });
});
