// Heed's own synthesis checks: each rule fails a template that breaks its promise, passes one that
// keeps it, and yields to an acknowledgement on the offending construct; the Heed stack passes them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack, Validations } from "aws-cdk-lib";
import { CfnEventSourceMapping, CfnFunction } from "aws-cdk-lib/aws-lambda";
import { CfnReceiptRule } from "aws-cdk-lib/aws-ses";
import { CfnQueue } from "aws-cdk-lib/aws-sqs";
import { afterAll, describe, expect, it } from "vitest";
import { HeedChecks } from "../../infra/constructs/heed-checks";
import { buildHeedApp } from "../../infra/heed-app";
import { PRODUCTION_CONTEXT } from "./heed-template";

interface FunctionOptions {
  readonly runtime?: string;
  readonly timeout?: number;
  readonly logGroup?: string;
}

const outdir = mkdtempSync(join(tmpdir(), "heed-checks-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function stackWithChecks(): { app: App; stack: Stack } {
  const app = new App({ outdir: mkdtempSync(join(outdir, "app-")), builtinCloudFormationValidation: false });
  Validations.of(app).addPlugins(new HeedChecks());
  return { app, stack: new Stack(app, "Test") };
}

function lambdaFunction(stack: Stack, options: FunctionOptions = {}): CfnFunction {
  return new CfnFunction(stack, "Function", {
    code: { zipFile: "export const handler = async () => {};" },
    role: "arn:aws:iam::123456789012:role/heed-test",
    handler: "index.handler",
    runtime: options.runtime ?? "nodejs22.x",
    timeout: options.timeout ?? 10,
    loggingConfig: { logGroup: "logGroup" in options ? options.logGroup : "heed-test" },
  });
}

function queueConsumer(
  stack: Stack,
  options: {
    visibilityTimeout: number;
    functionTimeout: number;
    reportBatchItemFailures: boolean;
    batchingWindow?: number;
  },
): CfnEventSourceMapping {
  const queue = new CfnQueue(stack, "Queue", { visibilityTimeout: options.visibilityTimeout });
  const fn = lambdaFunction(stack, { timeout: options.functionTimeout });
  return new CfnEventSourceMapping(stack, "Mapping", {
    eventSourceArn: queue.attrArn,
    functionName: fn.ref,
    ...(options.reportBatchItemFailures ? { functionResponseTypes: ["ReportBatchItemFailures"] } : {}),
    ...(options.batchingWindow ? { maximumBatchingWindowInSeconds: options.batchingWindow } : {}),
  });
}

function receiptRule(stack: Stack, rule: { tlsPolicy: string; scanEnabled: boolean }): CfnReceiptRule {
  return new CfnReceiptRule(stack, "Rule", {
    ruleSetName: "heed-test",
    rule: { recipients: ["complaints@example.com"], enabled: true, ...rule },
  });
}

describe("HeedChecks", () => {
  it("fails synthesis when a receipt rule accepts mail without TLS", () => {
    // Prepare
    const { app, stack } = stackWithChecks();
    receiptRule(stack, { tlsPolicy: "Optional", scanEnabled: true });

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).toThrow(/ReceiptRuleTlsAndScanning/);
  });

  it("fails synthesis when a receipt rule does not scan for spam and viruses", () => {
    const { app, stack } = stackWithChecks();
    receiptRule(stack, { tlsPolicy: "Require", scanEnabled: false });

    expect(() => app.synth()).toThrow(/ReceiptRuleTlsAndScanning/);
  });

  it("fails synthesis when a consumed queue's visibility timeout is under six times the function timeout", () => {
    const { app, stack } = stackWithChecks();
    queueConsumer(stack, { visibilityTimeout: 59, functionTimeout: 10, reportBatchItemFailures: true });

    expect(() => app.synth()).toThrow(/VisibilityTimeout/);
  });

  it("accepts a consumed queue whose visibility timeout is six times the function timeout", () => {
    const { app, stack } = stackWithChecks();
    queueConsumer(stack, { visibilityTimeout: 60, functionTimeout: 10, reportBatchItemFailures: true });

    expect(() => app.synth()).not.toThrow();
  });

  it("fails synthesis when a consumed queue's visibility timeout does not also cover the batching window", () => {
    const { app, stack } = stackWithChecks();
    queueConsumer(stack, {
      visibilityTimeout: 60,
      functionTimeout: 10,
      reportBatchItemFailures: true,
      batchingWindow: 30,
    });

    expect(() => app.synth()).toThrow(/VisibilityTimeout/);
  });

  it("accepts a consumed queue whose visibility timeout is six function timeouts plus the batching window", () => {
    const { app, stack } = stackWithChecks();
    queueConsumer(stack, {
      visibilityTimeout: 90,
      functionTimeout: 10,
      reportBatchItemFailures: true,
      batchingWindow: 30,
    });

    expect(() => app.synth()).not.toThrow();
  });

  it("fails synthesis when an SQS event source does not report batch item failures", () => {
    const { app, stack } = stackWithChecks();
    queueConsumer(stack, { visibilityTimeout: 60, functionTimeout: 10, reportBatchItemFailures: false });

    expect(() => app.synth()).toThrow(/PartialBatchResponse/);
  });

  it("fails synthesis when a function runs on a runtime other than nodejs22.x", () => {
    const { app, stack } = stackWithChecks();
    lambdaFunction(stack, { runtime: "nodejs20.x" });

    expect(() => app.synth()).toThrow(/NodeRuntime/);
  });

  it("fails synthesis when a function has no log group of its own", () => {
    const { app, stack } = stackWithChecks();
    lambdaFunction(stack, { logGroup: undefined });

    expect(() => app.synth()).toThrow(/ExplicitLogGroup/);
  });

  it("accepts a finding acknowledged on the offending construct", () => {
    // Prepare
    const { app, stack } = stackWithChecks();
    const fn = lambdaFunction(stack, { runtime: "python3.13" });
    Validations.of(fn).acknowledge({ id: "Heed::NodeRuntime", reason: "A test of acknowledgements." });

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).not.toThrow();
  });

  it("leaves no Heed finding unacknowledged in the Heed stack", () => {
    const { app } = buildHeedApp(
      { "aws:cdk:bundling-stacks": [] },
      { awsSolutionsChecks: false, cloudFormationValidation: false },
    );

    let directory = "";
    expect(() => {
      directory = app.synth().directory;
    }).not.toThrow();
    rmSync(directory, { recursive: true, force: true });
  });

  describe("deploy-day settings", () => {
    const { "heed:stage": _stage, "heed:alarmEmail": _alarmEmail, ...OWN } = PRODUCTION_CONTEXT;

    function synthesize(context: Record<string, unknown>): () => void {
      const { app } = buildHeedApp(
        { "aws:cdk:bundling-stacks": [], ...context },
        { awsSolutionsChecks: false, cloudFormationValidation: false },
      );
      return () => {
        rmSync(app.synth().directory, { recursive: true, force: true });
      };
    }

    it("fails synthesis when the intake address is outside the mail domain", () => {
      expect(synthesize({ ...OWN, "heed:intakeAddress": "complaints@acme-kettles.com" })).toThrow(
        /IntakeAddressInMailDomain/,
      );
    });

    it("accepts an intake address in a subdomain of the mail domain", () => {
      expect(synthesize({ ...OWN, "heed:mailDomain": "acme-kettles.co.uk" })).not.toThrow();
    });

    it("fails a prod synthesis that keeps cdk.json's example.com addresses, with a sentence saying so", () => {
      const synth = synthesize({ "heed:stage": "prod", "heed:organisationName": "Acme Kettles Ltd" });

      expect(synth).toThrow(/ProductionExampleDomains/);
      expect(synth).toThrow(/still uses an example domain/);
    });

    it("fails a prod synthesis whose alarms go to an example address", () => {
      expect(synthesize({ ...OWN, "heed:stage": "prod", "heed:alarmEmail": "ops@example.org" })).toThrow(
        /ProductionExampleDomains/,
      );
    });

    it("fails a prod synthesis that keeps the example organisation name", () => {
      const synth = synthesize({ ...OWN, "heed:stage": "prod", "heed:organisationName": "Example Ltd" });

      expect(synth).toThrow(/ProductionOrganisationName/);
      expect(synth).toThrow(/still names the organisation "Example Ltd"/);
    });

    it("accepts a prod synthesis with the organisation's own name and addresses, and a dev one with the examples", () => {
      expect(synthesize(PRODUCTION_CONTEXT)).not.toThrow();
      expect(synthesize({ "heed:stage": "dev" })).not.toThrow();
    });
  });
});
