// Operators hear about what needs them: a message in any dead-letter queue (each referral level's
// too), a message waiting too long, a failing or throttled function, an API answering 5xx, SES's bounce
// or complaint rate nearing review. Every alarm and its recovery reach one KMS-encrypted, TLS-only topic
// that only this account's alarms may publish to, and the dashboard shows each function, queue and API.
import { describe, expect, it } from "vitest";
import {
  QUEUE_AGE_ALARM,
  SES_BOUNCE_RATE_ALARM,
  SES_COMPLAINT_RATE_ALARM,
} from "../../infra/constructs/monitoring";
import { REFERRAL_LEVELS } from "../../infra/constructs/referral-queues";
import {
  type CfnResource,
  isCdkBucketNotificationsHandler,
  keyPolicyStatements,
  logicalIdOf,
  resourcePolicyStatements,
  resourcesOfType,
  resourceWithMetadata,
  synthesizeHeed,
} from "./heed-template";

const template = synthesizeHeed();
const alarms = Object.entries(resourcesOfType(template, "AWS::CloudWatch::Alarm"));
const queues = resourcesOfType(template, "AWS::SQS::Queue");
const deadLetterQueueIds = Object.values(queues).flatMap((queue) => {
  const redrive = queue.Properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined;
  const target = logicalIdOf(redrive?.deadLetterTargetArn);
  return target ? [target] : [];
});
const heedFunctionIds = Object.keys(resourcesOfType(template, "AWS::Lambda::Function")).filter(
  (id) => !isCdkBucketNotificationsHandler(id),
);
const apiIds = Object.keys(resourcesOfType(template, "AWS::ApiGatewayV2::Api"));
const [topicId, topic] =
  Object.entries(resourcesOfType(template, "AWS::SNS::Topic")).find(
    ([, resource]) =>
      (resource as { Metadata?: Record<string, unknown> }).Metadata?.["heed:role"] !== "mail-events-topic",
  ) ?? [];
const dashboardBody = JSON.stringify(
  Object.values(resourcesOfType(template, "AWS::CloudWatch::Dashboard"))[0]?.Properties.DashboardBody,
);

/** Alarms on `metricName` in `namespace` that fire as soon as the metric is above zero. */
function alarmsOnFirst(namespace: string, metricName: string): CfnResource[] {
  return alarms
    .map(([, alarm]) => alarm)
    .filter(
      (alarm) =>
        alarm.Properties.Namespace === namespace &&
        alarm.Properties.MetricName === metricName &&
        alarm.Properties.Threshold === 0 &&
        alarm.Properties.ComparisonOperator === "GreaterThanThreshold",
    );
}

function dimensionOf(alarm: CfnResource, name: string): unknown {
  const dimensions = alarm.Properties.Dimensions as { Name: string; Value: unknown }[];
  return dimensions.find((dimension) => dimension.Name === name)?.Value;
}

describe("Monitoring", () => {
  it("raises an alarm as soon as any dead-letter queue holds a message", () => {
    const watched = alarmsOnFirst("AWS/SQS", "ApproximateNumberOfMessagesVisible").map((alarm) =>
      logicalIdOf(dimensionOf(alarm, "QueueName")),
    );

    expect(deadLetterQueueIds).not.toHaveLength(0);
    expect(watched.sort()).toEqual([...deadLetterQueueIds].sort());
  });

  it("raises an alarm on the dead-letter queue of every referral level", () => {
    for (const level of REFERRAL_LEVELS) {
      const [dlqId] = resourceWithMetadata(template, "AWS::SQS::Queue", {
        "heed:role": "referral-queue-dlq",
        "heed:referral-level": level,
      });
      const watched = alarmsOnFirst("AWS/SQS", "ApproximateNumberOfMessagesVisible").map((alarm) =>
        logicalIdOf(dimensionOf(alarm, "QueueName")),
      );
      expect(watched, level).toContain(dlqId);
    }
  });

  it("raises an alarm when any queue's oldest message has waited over 30 minutes", () => {
    const mainQueueIds = Object.entries(queues)
      .filter(([, queue]) => queue.Properties.RedrivePolicy !== undefined)
      .map(([id]) => id);
    const watched = alarms
      .map(([, alarm]) => alarm)
      .filter((alarm) => alarm.Properties.MetricName === "ApproximateAgeOfOldestMessage")
      .map((alarm) => {
        expect(alarm.Properties.Threshold).toBe(QUEUE_AGE_ALARM.toSeconds());
        return logicalIdOf(dimensionOf(alarm, "QueueName"));
      });

    expect(mainQueueIds).toContain(
      resourceWithMetadata(template, "AWS::SQS::Queue", { "heed:role": "intake-queue" })[0],
    );
    expect(watched.sort()).toEqual(mainQueueIds.sort());
  });

  it("raises an alarm before SES's bounce or complaint rate reaches the level at which SES reviews the account", () => {
    const rateAlarm = (metricName: string) =>
      alarms
        .map(([, alarm]) => alarm)
        .find(
          (alarm) => alarm.Properties.Namespace === "AWS/SES" && alarm.Properties.MetricName === metricName,
        );

    expect(rateAlarm("Reputation.BounceRate")?.Properties).toMatchObject({
      Threshold: SES_BOUNCE_RATE_ALARM,
      ComparisonOperator: "GreaterThanThreshold",
    });
    expect(rateAlarm("Reputation.ComplaintRate")?.Properties).toMatchObject({
      Threshold: SES_COMPLAINT_RATE_ALARM,
      ComparisonOperator: "GreaterThanThreshold",
    });
    expect(SES_BOUNCE_RATE_ALARM).toBeLessThan(0.05);
    expect(SES_COMPLAINT_RATE_ALARM).toBeLessThan(0.001);
  });

  it("raises an alarm when any Heed function fails", () => {
    const watched = alarmsOnFirst("AWS/Lambda", "Errors").map((alarm) =>
      logicalIdOf(dimensionOf(alarm, "FunctionName")),
    );

    expect(watched.sort()).toEqual([...heedFunctionIds].sort());
  });

  it("raises an alarm when any Heed function is throttled", () => {
    const watched = alarmsOnFirst("AWS/Lambda", "Throttles").map((alarm) =>
      logicalIdOf(dimensionOf(alarm, "FunctionName")),
    );

    expect(watched.sort()).toEqual([...heedFunctionIds].sort());
  });

  it("raises an alarm when the HTTP API answers 5xx", () => {
    const watched = alarmsOnFirst("AWS/ApiGateway", "5xx").map((alarm) =>
      logicalIdOf(dimensionOf(alarm, "ApiId")),
    );

    expect(apiIds).not.toHaveLength(0);
    expect(watched.sort()).toEqual([...apiIds].sort());
  });

  it("sends every alarm, and its recovery, to the alarm topic", () => {
    for (const [id, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions, id).toEqual([{ Ref: topicId }]);
    }
  });

  it("encrypts the alarm topic with a rotated customer-managed key that CloudWatch may use", () => {
    const keyId = logicalIdOf(topic?.Properties.KmsMasterKeyId) ?? "";

    expect(resourcesOfType(template, "AWS::KMS::Key")[keyId]?.Properties.EnableKeyRotation).toBe(true);
    expect(keyPolicyStatements(template, keyId)).toContainEqual(
      expect.objectContaining({
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      }),
    );
  });

  it("refuses alarm topic requests without TLS", () => {
    const statements = resourcePolicyStatements(template, "AWS::SNS::TopicPolicy", "Topics", topicId ?? "");

    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
  });

  it("lets only this account's alarms publish to the alarm topic", () => {
    const statements = resourcePolicyStatements(template, "AWS::SNS::TopicPolicy", "Topics", topicId ?? "");
    const allows = statements.filter((statement) => statement.Effect === "Allow");

    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Condition: {
          ArnLike: {
            "aws:SourceArn": {
              "Fn::Join": [
                "",
                [
                  "arn:",
                  { Ref: "AWS::Partition" },
                  ":cloudwatch:",
                  { Ref: "AWS::Region" },
                  ":",
                  { Ref: "AWS::AccountId" },
                  ":alarm:*",
                ],
              ],
            },
          },
        },
      }),
    ]);
  });

  it("shows every Heed function, every queue and the API on the dashboard", () => {
    for (const id of heedFunctionIds) {
      expect(dashboardBody, id).toContain(JSON.stringify({ Ref: id }));
    }
    for (const id of Object.keys(queues)) {
      expect(dashboardBody, id).toContain(JSON.stringify({ "Fn::GetAtt": [id, "QueueName"] }));
    }
    for (const id of apiIds) {
      expect(dashboardBody, id).toContain(JSON.stringify({ Ref: id }));
    }
  });

  it("shows every alarm's state on the dashboard", () => {
    for (const [id] of alarms) {
      expect(dashboardBody, id).toContain(JSON.stringify({ "Fn::GetAtt": [id, "Arn"] }));
    }
  });
});
