// Email intake as deployed: SES stores raw mail under inbound/, the bucket event reaches the intake
// queue, and the intake function consumes it with partial batch failures and may refer and reply.
import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { REFERRAL_LEVELS, referralQueueUrlVariable } from "../../infra/constructs/referral-queues";
import {
  actionsOf,
  functionFor,
  logicalIdOf,
  referralQueueFor,
  resourcesOfType,
  resourceWithMetadata,
  statementsOf,
  synthesizeHeed,
} from "./heed-template";

const template = synthesizeHeed();
const [intakeFunctionId, intakeFunction] = functionFor(template, "functions/inbound-email/handler.ts");
const [intakeQueueId] = resourceWithMetadata(template, "AWS::SQS::Queue", { "heed:role": "intake-queue" });
const [rawMailBucketId] = resourceWithMetadata(template, "AWS::S3::Bucket", {
  "heed:role": "raw-mail-bucket",
});

describe("InboundEmail", () => {
  it("consumes the intake queue in batches of ten, reporting failed items one by one", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: intakeFunctionId },
      EventSourceArn: { "Fn::GetAtt": [intakeQueueId, "Arn"] },
      BatchSize: 10,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
    });
  });

  it("accepts mail for the intake address only over TLS, scanned, and stores it under inbound/ without an SES-side KMS key", () => {
    const rules = Object.values(resourcesOfType(template, "AWS::SES::ReceiptRule"));

    expect(rules).toHaveLength(1);
    const rule = rules[0]?.Properties.Rule as Record<string, unknown>;
    expect(rule).toMatchObject({
      Recipients: ["complaints@example.com"],
      TlsPolicy: "Require",
      ScanEnabled: true,
      Enabled: true,
    });
    const actions = rule.Actions as { S3Action?: Record<string, unknown> }[];
    expect(actions).toHaveLength(1);
    const s3Action = actions[0]?.S3Action ?? {};
    expect(logicalIdOf(s3Action.BucketName)).toBe(rawMailBucketId);
    expect(s3Action.ObjectKeyPrefix).toBe("inbound/");
    expect(s3Action).not.toHaveProperty("KmsKeyArn");
  });

  it("lets SES put objects under inbound/ only on behalf of this account", () => {
    template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: rawMailBucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "ses.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": [rawMailBucketId, "Arn"] }, "/inbound/*"]] },
            Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
          }),
        ]),
      },
    });
  });

  it("sends every object created under inbound/ in the raw-mail bucket to the intake queue", () => {
    template.hasResourceProperties("Custom::S3BucketNotifications", {
      BucketName: { Ref: rawMailBucketId },
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ["s3:ObjectCreated:*"],
            Filter: { Key: { FilterRules: [{ Name: "prefix", Value: "inbound/" }] } },
            QueueArn: { "Fn::GetAtt": [intakeQueueId, "Arn"] },
          },
        ],
      },
    });
  });

  it("blocks public access to raw mail and refuses requests without TLS", () => {
    template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: Match.anyValue() }),
    });
    template.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: rawMailBucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });

  it("lets the intake function send messages to every referral queue", () => {
    const statements = statementsOf(template, intakeFunctionId);

    for (const level of REFERRAL_LEVELS) {
      const [queueId] = referralQueueFor(template, level);
      const sends = statements.filter(
        (statement) =>
          statement.Effect === "Allow" &&
          actionsOf(statement).includes("sqs:SendMessage") &&
          [statement.Resource].flat().some((resource) => logicalIdOf(resource) === queueId),
      );
      expect(sends, `sqs:SendMessage on the ${level} queue`).not.toHaveLength(0);
    }
  });

  it("hands the intake function each referral queue's URL in that level's variable", () => {
    const variables = (intakeFunction.Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;

    for (const level of REFERRAL_LEVELS) {
      const [queueId] = referralQueueFor(template, level);
      expect(variables[referralQueueUrlVariable(level)]).toEqual({ Ref: queueId });
    }
  });

  it("gives the intake function every environment variable the handler reads", () => {
    const variables = (intakeFunction.Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;

    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining([
        "CASE_TABLE_NAME",
        "RAW_MAIL_BUCKET",
        "REFERRAL_QUEUE_URL_FRONTLINE",
        "REFERRAL_QUEUE_URL_SUPERVISOR",
        "REFERRAL_QUEUE_URL_MANAGEMENT",
        "REFERRAL_QUEUE_URL_HEAD_OFFICE",
        "INTAKE_ADDRESS",
        "ORGANISATION_NAME",
        "SES_CONFIGURATION_SET",
        "POWERTOOLS_SERVICE_NAME",
      ]),
    );
  });

  it("lets the intake function send mail only through the domain identity and its configuration set", () => {
    const sesStatements = statementsOf(template, intakeFunctionId).filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith("ses:")),
    );

    expect(sesStatements).toHaveLength(1);
    expect(JSON.stringify(sesStatements[0]?.Resource)).not.toContain('"*"');
  });
});
