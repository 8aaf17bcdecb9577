// The app as the CLI, the tests and the sandbox build it: context decides the stage, production
// keeps customer data (and the key that opens it) when the stack goes, and the AWS Solutions rule
// pack has nothing unanswered.
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { buildHeedApp, InvalidContextError } from "../../infra/heed-app";
import {
  actionsOf,
  functionFor,
  PRODUCTION_CONTEXT,
  resourcesOfType,
  resourceWithMetadata,
  statementsOf,
  synthesizeHeed,
} from "./heed-template";

const SKIP_BUNDLING = { "aws:cdk:bundling-stacks": [] };

const prod = synthesizeHeed(PRODUCTION_CONTEXT);
const dev = synthesizeHeed({ "heed:stage": "dev" });

describe("buildHeedApp", () => {
  it("keeps the case table, raw mail, the staff user pool and the data key when a production stack is deleted", () => {
    const [, table] = resourceWithMetadata(prod, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
    const [, bucket] = resourceWithMetadata(prod, "AWS::S3::Bucket", { "heed:role": "raw-mail-bucket" });
    const [userPool] = Object.values(resourcesOfType(prod, "AWS::Cognito::UserPool"));
    const dataKeys = Object.values(resourcesOfType(prod, "AWS::KMS::Key")).filter((key) =>
      String(key.Properties.Description).includes("customer data"),
    );

    expect(table.DeletionPolicy).toBe("Retain");
    expect(bucket.DeletionPolicy).toBe("Retain");
    expect(userPool?.DeletionPolicy).toBe("Retain");
    expect(dataKeys).toHaveLength(1);
    expect(dataKeys[0]?.DeletionPolicy).toBe("Retain");
  });

  it("protects the production case table and user pool from deletion", () => {
    const [, table] = resourceWithMetadata(prod, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
    const [userPool] = Object.values(resourcesOfType(prod, "AWS::Cognito::UserPool"));

    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(userPool?.Properties.DeletionProtection).toBe("ACTIVE");
  });

  it("lets a development stack be deleted with its case table", () => {
    const [, table] = resourceWithMetadata(dev, "AWS::DynamoDB::Table", { "heed:role": "case-table" });

    expect(table.DeletionPolicy).toBe("Delete");
    expect(table.Properties.DeletionProtectionEnabled).toBe(false);
  });

  it("writes each stage's metrics to its own namespace", () => {
    const namespaces = (template: typeof prod) =>
      new Set(
        Object.values(resourcesOfType(template, "AWS::Lambda::Function")).flatMap((fn) => {
          const variables = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
            ?.Variables;
          return variables?.POWERTOOLS_METRICS_NAMESPACE ? [variables.POWERTOOLS_METRICS_NAMESPACE] : [];
        }),
      );

    expect(namespaces(prod)).toEqual(new Set(["Heed/prod"]));
    expect(namespaces(dev)).toEqual(new Set(["Heed/dev"]));
  });

  it("emails alarms to the address in heed:alarmEmail, and to no one without it", () => {
    prod.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: PRODUCTION_CONTEXT["heed:alarmEmail"],
    });
    dev.resourcePropertiesCountIs("AWS::SNS::Subscription", { Protocol: "email" }, 0);
  });

  it("uses the account's existing SES identity for the mail domain when heed:reuseMailIdentity is set", () => {
    const reusing = synthesizeHeed({ "heed:reuseMailIdentity": "true" });
    const [intakeId] = resourceWithMetadata(reusing, "AWS::Lambda::Function", {
      "heed:entry": "functions/inbound-email/handler.ts",
    });
    const sesResources = statementsOf(reusing, intakeId)
      .filter((statement) => actionsOf(statement).includes("ses:SendEmail"))
      .flatMap((statement) => [statement.Resource].flat());

    reusing.resourceCountIs("AWS::SES::EmailIdentity", 0);
    dev.resourceCountIs("AWS::SES::EmailIdentity", 1);
    expect(JSON.stringify(sesResources)).toContain(":identity/example.com");
  });

  it("rejects a stage other than dev or prod", () => {
    expect(() => buildHeedApp({ ...SKIP_BUNDLING, "heed:stage": "staging" })).toThrow(InvalidContextError);
  });

  it("lets the pages at the https origins in heed:webFormOrigins post the web form, as a list or comma-separated", () => {
    const formOrigins = (context: Record<string, unknown>) => {
      const [, form] = functionFor(synthesizeHeed(context), "functions/web-form/handler.ts");
      return (form.Properties.Environment as { Variables: Record<string, unknown> }).Variables
        .ALLOWED_ORIGINS;
    };

    expect(
      formOrigins({ "heed:webFormOrigins": ["https://www.example.org", "https://shop.example.org:8443"] }),
    ).toBe("https://www.example.org,https://shop.example.org:8443");
    expect(formOrigins({ "heed:webFormOrigins": "https://www.example.org, https://help.example.org" })).toBe(
      "https://www.example.org,https://help.example.org",
    );
    expect(formOrigins({})).toBe("");
  });

  it.each([
    ["http://www.example.org"],
    ["https://www.example.org/contact"],
    ["www.example.org"],
    [[42]],
    [{ origin: "https://www.example.org" }],
  ])("refuses %j in heed:webFormOrigins with a sentence saying what an origin is", (origins) => {
    expect(() => buildHeedApp({ ...SKIP_BUNDLING, "heed:webFormOrigins": origins })).toThrow(
      /heed:webFormOrigins must (list https origins like https:\/\/www\.example\.com|be a list)/,
    );
  });

  it("rejects an alarm email that is not an address", () => {
    expect(() => buildHeedApp({ ...SKIP_BUNDLING, "heed:alarmEmail": "operations" })).toThrow(
      InvalidContextError,
    );
  });

  it("leaves no AWS Solutions finding unacknowledged", () => {
    const { app } = buildHeedApp(SKIP_BUNDLING, { awsSolutionsChecks: false });

    const report = new AwsSolutionsChecks(app).validateScope(app);

    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it("fails synthesis on an unacknowledged AWS Solutions finding", () => {
    // Prepare
    const { app, stack } = buildHeedApp(SKIP_BUNDLING, { cloudFormationValidation: false });
    new Queue(stack, "QueueWithoutDeadLetterQueue");

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).toThrow(/AwsSolutions-SQS3/);
  });

  it("gives no physical names to tables, buckets, queues, functions, topics or alarms", () => {
    for (const [type, nameProperty] of [
      ["AWS::DynamoDB::Table", "TableName"],
      ["AWS::S3::Bucket", "BucketName"],
      ["AWS::SQS::Queue", "QueueName"],
      ["AWS::Lambda::Function", "FunctionName"],
      ["AWS::SNS::Topic", "TopicName"],
      ["AWS::CloudWatch::Alarm", "AlarmName"],
    ] as const) {
      for (const [id, resource] of Object.entries(resourcesOfType(dev, type))) {
        expect(resource.Properties[nameProperty], id).toBeUndefined();
      }
    }
  });
});
