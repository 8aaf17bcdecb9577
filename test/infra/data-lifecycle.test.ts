// The data lifecycle: the reconciler runs every 15 minutes and may look at recent work through its index
// but scan and delete nothing; the retention purge runs daily and may delete case items and raw mail but send nothing;
// both alarm through the operators' topic; the staff API may search and erase a person's data, including
// what is parked in dead-letter queues, and nothing in the live queues.
import { describe, expect, it } from "vitest";
import {
  allows,
  type CfnResource,
  functionFor,
  logicalIdOf,
  resourcesOfType,
  resourceWithMetadata,
  statementsOf,
  synthesizeHeed,
  variablesOf,
} from "./heed-template";

const template = synthesizeHeed();
const [reconcilerId, reconciler] = functionFor(template, "functions/reconciler/handler.ts");
const [retentionId, retention] = functionFor(template, "functions/retention/handler.ts");
const [staffApiId, staffApi] = functionFor(template, "functions/staff-api/handler.ts");
const [caseTableId] = resourceWithMetadata(template, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
const [rawMailBucketId] = resourceWithMetadata(template, "AWS::S3::Bucket", {
  "heed:role": "raw-mail-bucket",
});
const [intakeQueueId] = resourceWithMetadata(template, "AWS::SQS::Queue", { "heed:role": "intake-queue" });
const [intakeDlqId] = resourceWithMetadata(template, "AWS::SQS::Queue", { "heed:role": "intake-queue-dlq" });
const referralQueueIds = Object.entries(resourcesOfType(template, "AWS::SQS::Queue"))
  .filter(([, queue]) => queue.Metadata?.["heed:role"] === "referral-queue")
  .map(([id]) => id);
const reconcilerStatements = statementsOf(template, reconcilerId);
const retentionStatements = statementsOf(template, retentionId);
const staffStatements = statementsOf(template, staffApiId);

function scheduleOf(functionId: string): CfnResource {
  const [rule] = Object.values(resourcesOfType(template, "AWS::Events::Rule")).filter((candidate) =>
    (candidate.Properties.Targets as { Arn: unknown }[]).some(
      (target) => logicalIdOf(target.Arn) === functionId,
    ),
  );
  if (!rule) throw new Error(`no rule targets ${functionId}`);
  return rule;
}

describe("DataLifecycle", () => {
  it("runs the reconciler and the retention purge one at a time, without retrying a failed asynchronous run", () => {
    const invokeConfigs = Object.values(resourcesOfType(template, "AWS::Lambda::EventInvokeConfig"));

    for (const [id, fn] of [
      [reconcilerId, reconciler],
      [retentionId, retention],
    ] as const) {
      expect(fn.Properties.ReservedConcurrentExecutions, id).toBe(1);
      const config = invokeConfigs.find((candidate) => logicalIdOf(candidate.Properties.FunctionName) === id);
      expect(config?.Properties, id).toMatchObject({ MaximumRetryAttempts: 0 });
      expect(config?.Properties.MaximumEventAgeInSeconds, id).toBeLessThanOrEqual(3600);
    }
  });

  it("runs the reconciler every 15 minutes and the retention purge once a day", () => {
    expect(scheduleOf(reconcilerId).Properties.ScheduleExpression).toBe("rate(15 minutes)");
    expect(scheduleOf(retentionId).Properties.ScheduleExpression).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
  });

  it("lets the reconciler read recent work through the index, list raw mail and send to the intake queue, but scan and delete nothing", () => {
    for (const action of [
      "dynamodb:Query",
      "dynamodb:BatchGetItem",
      "dynamodb:GetItem",
      "dynamodb:UpdateItem",
    ]) {
      expect(allows(reconcilerStatements, action, caseTableId), action).toBe(true);
    }
    expect(allows(reconcilerStatements, "dynamodb:Scan", caseTableId)).toBe(false);
    expect(allows(reconcilerStatements, "s3:ListBucket", rawMailBucketId)).toBe(true);
    expect(allows(reconcilerStatements, "sqs:SendMessage", intakeQueueId)).toBe(true);
    expect(allows(reconcilerStatements, "dynamodb:DeleteItem", caseTableId)).toBe(false);
    expect(allows(reconcilerStatements, "s3:DeleteObject", rawMailBucketId)).toBe(false);
    expect(allows(reconcilerStatements, "s3:GetObject", rawMailBucketId)).toBe(false);
    expect(variablesOf(reconciler)).toMatchObject({
      RAW_MAIL_PREFIX: "inbound/",
      RECONCILE_WINDOW_HOURS: "6",
    });
  });

  it("indexes recent work by hour, keys only, so a run reads its window and an update writes no index item", () => {
    const table = resourcesOfType(template, "AWS::DynamoDB::Table")[caseTableId];
    const indexes = table?.Properties.GlobalSecondaryIndexes as Record<string, unknown>[];

    expect(indexes).toEqual([
      {
        IndexName: "recent-work",
        KeySchema: [
          { AttributeName: "workHour", KeyType: "HASH" },
          { AttributeName: "pk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "KEYS_ONLY" },
      },
    ]);
  });

  it("lets the retention purge delete case items, raw mail and attachments, and send nothing", () => {
    expect(allows(retentionStatements, "dynamodb:DeleteItem", caseTableId)).toBe(true);
    expect(allows(retentionStatements, "dynamodb:Scan", caseTableId)).toBe(true);
    const deletes = retentionStatements.filter((statement) =>
      [statement.Action].flat().includes("s3:DeleteObject"),
    );
    expect(JSON.stringify(deletes)).toContain("/inbound/*");
    expect(JSON.stringify(deletes)).toContain("/attachments/*");
    expect(retentionStatements.flatMap((statement) => statement.Action).join()).not.toMatch(/sqs:|ses:/);
  });

  it("alarms through the operators' topic when reconciliation does not add up or an acknowledgement's outcome is unknown", () => {
    const [topicId] = Object.keys(resourcesOfType(template, "AWS::SNS::Topic")).filter((id) =>
      id.startsWith("MonitoringAlarmTopic"),
    );
    const alarms = Object.values(resourcesOfType(template, "AWS::CloudWatch::Alarm")).filter((alarm) =>
      ["ReconciliationMismatches", "AcknowledgementsOutcomeUnknown"].includes(
        String(alarm.Properties.MetricName),
      ),
    );

    expect(alarms).toHaveLength(2);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        Namespace: "Heed/dev",
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
        Dimensions: [{ Name: "service", Value: "reconciler" }],
      });
      expect((alarm.Properties.AlarmActions as unknown[]).map(logicalIdOf)).toEqual([topicId]);
    }
  });

  it("lets the staff API find and erase a person's data, parked messages included, but not touch the live queues", () => {
    expect(allows(staffStatements, "dynamodb:Scan", caseTableId)).toBe(true);
    expect(allows(staffStatements, "dynamodb:DeleteItem", caseTableId)).toBe(true);
    expect(allows(staffStatements, "s3:GetObject", rawMailBucketId)).toBe(true);
    expect(allows(staffStatements, "s3:DeleteObject", rawMailBucketId)).toBe(true);
    expect(allows(staffStatements, "sqs:ReceiveMessage", intakeDlqId)).toBe(true);
    expect(allows(staffStatements, "sqs:DeleteMessage", intakeDlqId)).toBe(true);
    for (const queueId of [intakeQueueId, ...referralQueueIds]) {
      expect(allows(staffStatements, "sqs:ReceiveMessage", queueId), queueId).toBe(false);
      expect(allows(staffStatements, "sqs:DeleteMessage", queueId), queueId).toBe(false);
    }
    expect(Object.keys(variablesOf(staffApi))).toEqual(
      expect.arrayContaining(["RAW_MAIL_BUCKET", "DEAD_LETTER_QUEUE_URLS"]),
    );
  });

  it("routes the subject-rights and legal-hold actions to the staff API behind its authorizer", () => {
    const routeKeys = Object.values(resourcesOfType(template, "AWS::ApiGatewayV2::Route"))
      .filter((route) => route.Properties.AuthorizationType === "JWT")
      .map((route) => route.Properties.RouteKey);

    expect(routeKeys).toEqual(
      expect.arrayContaining([
        "POST /api/data-protection/search",
        "POST /api/data-protection/export",
        "POST /api/data-protection/erase",
        "PUT /api/cases/{ref}/legal-hold",
        "DELETE /api/cases/{ref}/legal-hold",
      ]),
    );
  });
});
