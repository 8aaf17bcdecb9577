// The app as the CLI, the tests and the sandbox build it: context decides the stage, production
// keeps customer data when the stack goes, and the AWS Solutions rule pack has nothing unanswered.
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { buildHeedApp, InvalidContextError } from "../../infra/heed-app";
import { resourcesOfType, resourceWithMetadata, synthesizeHeed } from "./heed-template";

const SKIP_BUNDLING = { "aws:cdk:bundling-stacks": [] };

describe("buildHeedApp", () => {
  it("keeps the case table and raw mail when a production stack is deleted", () => {
    const template = synthesizeHeed({ "heed:stage": "prod" });

    const [, table] = resourceWithMetadata(template, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
    const [, bucket] = resourceWithMetadata(template, "AWS::S3::Bucket", { "heed:role": "raw-mail-bucket" });
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(bucket.DeletionPolicy).toBe("Retain");
  });

  it("lets a development stack be deleted with its case table", () => {
    const template = synthesizeHeed({ "heed:stage": "dev" });

    const [, table] = resourceWithMetadata(template, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
    expect(table.DeletionPolicy).toBe("Delete");
  });

  it("keeps point-in-time recovery on for the case table", () => {
    const template = synthesizeHeed();

    template.hasResourceProperties("AWS::DynamoDB::Table", {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });

  it("rejects a stage other than dev or prod", () => {
    expect(() => buildHeedApp({ ...SKIP_BUNDLING, "heed:stage": "staging" })).toThrow(InvalidContextError);
  });

  it("leaves no AWS Solutions finding unacknowledged", () => {
    const { app } = buildHeedApp(SKIP_BUNDLING, { awsSolutionsChecks: false });

    const report = new AwsSolutionsChecks(app).validateScope(app);

    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it("fails synthesis on an unacknowledged AWS Solutions finding", () => {
    // Prepare
    const { app, stack } = buildHeedApp(SKIP_BUNDLING);
    new Queue(stack, "QueueWithoutDeadLetterQueue");

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).toThrow(/AwsSolutions-SQS3/);
  });

  it("gives no physical names to tables, buckets or queues", () => {
    const template = synthesizeHeed();

    for (const [type, nameProperty] of [
      ["AWS::DynamoDB::Table", "TableName"],
      ["AWS::S3::Bucket", "BucketName"],
      ["AWS::SQS::Queue", "QueueName"],
      ["AWS::Lambda::Function", "FunctionName"],
    ] as const) {
      for (const [id, resource] of Object.entries(resourcesOfType(template, type))) {
        expect(resource.Properties[nameProperty], id).toBeUndefined();
      }
    }
  });
});
