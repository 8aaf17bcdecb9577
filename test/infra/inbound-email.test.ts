// Email intake as deployed: SES stores raw mail under inbound/ and records its arrival, the bucket event
// reaches the intake queue, and the intake function consumes it with partial batch failures and bounded concurrency; it
// may read raw mail, record, refer and reply, and nothing more.
import { describe, expect, it } from "vitest";
import {
  INTAKE_BATCH_SIZE,
  INTAKE_MEMORY_MB,
  LARGEST_MESSAGE_SECONDS,
} from "../../infra/constructs/inbound-email";
import { REFERRAL_LEVELS, referralQueueUrlVariable } from "../../infra/constructs/referral-queues";
import {
  actionsOf,
  allows,
  functionFor,
  logicalIdOf,
  type PolicyStatement,
  referralQueueFor,
  resourcePolicyStatements,
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
const [caseTableId] = resourceWithMetadata(template, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
const intakeStatements = statementsOf(template, intakeFunctionId);
const [dataKeyId] = Object.entries(resourcesOfType(template, "AWS::KMS::Key")).find(([, key]) =>
  String(key.Properties.Description).includes("customer data"),
) ?? [""];
const dataKeyArn = { "Fn::GetAtt": [dataKeyId, "Arn"] };
const [receiptRule] = Object.values(resourcesOfType(template, "AWS::SES::ReceiptRule"));
const receiptActions = (
  receiptRule?.Properties.Rule as { Actions?: { S3Action?: { IamRoleArn?: unknown } }[] }
)?.Actions;
const receiptRoleId = logicalIdOf(receiptActions?.[0]?.S3Action?.IamRoleArn);

describe("InboundEmail", () => {
  it("sizes the intake function for a batch of SES's largest messages, which its byte budget runs one at a time", () => {
    expect(intakeFunction.Properties.MemorySize).toBe(INTAKE_MEMORY_MB);
    expect(intakeFunction.Properties.Timeout).toBeGreaterThanOrEqual(
      INTAKE_BATCH_SIZE * LARGEST_MESSAGE_SECONDS,
    );
    expect(INTAKE_MEMORY_MB).toBeGreaterThanOrEqual(1024);
    expect(LARGEST_MESSAGE_SECONDS).toBeGreaterThanOrEqual(10);
  });

  it("consumes the intake queue in batches of ten, reporting failed items one by one", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: intakeFunctionId },
      EventSourceArn: { "Fn::GetAtt": [intakeQueueId, "Arn"] },
      BatchSize: 10,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
  });

  it("caps the intake function's concurrency on the queue, so a backlog cannot throttle the case table", () => {
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: intakeFunctionId },
      ScalingConfig: { MaximumConcurrency: 5 },
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
    expect(actions).toHaveLength(2);
    const s3Action = actions[0]?.S3Action ?? {};
    expect(logicalIdOf(s3Action.BucketName)).toBe(rawMailBucketId);
    expect(s3Action.ObjectKeyPrefix).toBe("inbound/");
    expect(s3Action).not.toHaveProperty("KmsKeyArn");
  });

  it("has SES tell the arrival function after storing each message, which may only put items in the case table", () => {
    const [arrivalId, arrival] = functionFor(template, "functions/mail-arrival/handler.ts");
    const lambdaAction = (receiptActions as { LambdaAction?: Record<string, unknown> }[] | undefined)?.[1]
      ?.LambdaAction;
    const statements = statementsOf(template, arrivalId);

    expect(logicalIdOf(lambdaAction?.FunctionArn)).toBe(arrivalId);
    expect(lambdaAction?.InvocationType).toBe("Event");
    expect(arrival.Properties.Environment).toMatchObject({
      Variables: { RAW_MAIL_PREFIX: "inbound/", CASE_TABLE_NAME: { Ref: caseTableId } },
    });
    expect(allows(statements, "dynamodb:PutItem", caseTableId)).toBe(true);
    for (const action of ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"]) {
      expect(allows(statements, action, caseTableId), action).toBe(false);
    }
    expect(allows(statements, "s3:GetObject", rawMailBucketId)).toBe(false);
    template.hasResourceProperties("AWS::Lambda::Permission", {
      FunctionName: { "Fn::GetAtt": [arrivalId, "Arn"] },
      Principal: "ses.amazonaws.com",
    });
  });

  it("has SES store mail through a role of its own, assumable by SES only for this account", () => {
    const roleId = receiptRoleId;
    const role = roleId ? resourcesOfType(template, "AWS::IAM::Role")[roleId] : undefined;

    expect(role?.Properties.AssumeRolePolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "ses.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
        },
      ],
    });
    expect(receiptRule?.DependsOn ?? []).toEqual(expect.arrayContaining([roleId]));
  });

  it("lets the receipt role put objects under inbound/ and encrypt them with the data key, and nothing more", () => {
    const roleId = receiptRoleId;
    const statements = Object.values(resourcesOfType(template, "AWS::IAM::Policy"))
      .filter((policy) =>
        (policy.Properties.Roles as unknown[]).some((entry) => logicalIdOf(entry) === roleId),
      )
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement);

    expect(statements).toEqual([
      {
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": [rawMailBucketId, "Arn"] }, "/inbound/*"]] },
      },
      { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Encrypt"], Resource: dataKeyArn },
    ]);
  });

  it("gives SES no write access through the bucket policy", () => {
    const statements = resourcePolicyStatements(template, "AWS::S3::BucketPolicy", "Bucket", rawMailBucketId);

    expect(JSON.stringify(statements)).not.toContain("ses.amazonaws.com");
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

  it("lets S3 send to the intake queue only for the raw-mail bucket of this account", () => {
    const statements = resourcePolicyStatements(template, "AWS::SQS::QueuePolicy", "Queues", intakeQueueId);

    expect(statements).toContainEqual({
      Effect: "Allow",
      Principal: { Service: "s3.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: { "Fn::GetAtt": [intakeQueueId, "Arn"] },
      Condition: {
        ArnLike: { "aws:SourceArn": { "Fn::GetAtt": [rawMailBucketId, "Arn"] } },
        StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
      },
    });
  });

  it("lets the intake function get, query, put and update case table items", () => {
    for (const action of ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"]) {
      expect(allows(intakeStatements, action, caseTableId), action).toBe(true);
    }
  });

  it("does not let the intake function delete or scan case table items", () => {
    for (const action of ["dynamodb:DeleteItem", "dynamodb:Scan"]) {
      expect(allows(intakeStatements, action, caseTableId), action).toBe(false);
    }
  });

  it("lets the intake function write in batches only in the partitions of a new case's first items", () => {
    // IAM cannot tell a batch's puts from its deletes: the grant is bounded by partition instead.
    const batchStatements = intakeStatements.filter((statement) =>
      actionsOf(statement).some((action) => /^dynamodb:(BatchWriteItem|\*)$/.test(action)),
    );

    expect(batchStatements).toEqual([
      {
        Effect: "Allow",
        Action: "dynamodb:BatchWriteItem",
        Resource: { "Fn::GetAtt": [caseTableId, "Arn"] },
        Condition: {
          "ForAllValues:StringLike": {
            "dynamodb:LeadingKeys": [
              "CASE#*",
              "LOOKUP#*",
              "QUEUE#*",
              "DUE#*",
              "COMPLAINTS-RETURN#*",
              "REPORT#*",
            ],
          },
        },
      },
    ]);
  });

  it("lets the intake function read in batches only erasure tombstones and suppressed addresses", () => {
    const batchStatements = intakeStatements.filter((statement) =>
      actionsOf(statement).some((action) => /^dynamodb:(BatchGetItem|\*)$/.test(action)),
    );

    expect(batchStatements).toEqual([
      {
        Effect: "Allow",
        Action: "dynamodb:BatchGetItem",
        Resource: { "Fn::GetAtt": [caseTableId, "Arn"] },
        Condition: {
          "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["TOMBSTONE#*", "SUPPRESSION#*"] },
        },
      },
    ]);
  });

  it("lets the intake function read raw mail under inbound/, store attachments under attachments/, and nothing else in the bucket", () => {
    const s3Statements = intakeStatements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith("s3:")),
    );
    const objectsUnder = (prefix: string) => ({
      "Fn::Join": ["", [{ "Fn::GetAtt": [rawMailBucketId, "Arn"] }, `/${prefix}*`]],
    });

    expect(s3Statements).toEqual([
      { Effect: "Allow", Action: "s3:GetObject", Resource: objectsUnder("inbound/") },
      { Effect: "Allow", Action: "s3:PutObject", Resource: objectsUnder("attachments/") },
    ]);
  });

  it("lets the intake function send messages to every referral queue, but not consume them", () => {
    for (const level of REFERRAL_LEVELS) {
      const [queueId] = referralQueueFor(template, level);
      expect(allows(intakeStatements, "sqs:SendMessage", queueId), `send to ${level}`).toBe(true);
      expect(allows(intakeStatements, "sqs:ReceiveMessage", queueId), `receive from ${level}`).toBe(false);
      expect(allows(intakeStatements, "sqs:DeleteMessage", queueId), `delete from ${level}`).toBe(false);
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
      ]),
    );
  });

  it("lets the intake function send mail only through the domain identity and its configuration set", () => {
    const sesStatements = intakeStatements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith("ses:")),
    );

    expect(sesStatements).toHaveLength(1);
    expect(JSON.stringify(sesStatements[0]?.Resource)).not.toContain('"*"');
  });
});
