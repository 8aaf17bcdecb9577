// Operators hear about what needs them: a message in any dead-letter queue, a failing or throttled
// function, an API answering 5xx. Every alarm and its recovery reach one KMS-encrypted, TLS-only topic
// that only this account's alarms may publish to, and the dashboard shows each function, queue and API.
import { describe, expect, it } from "vitest";
import {
  type CfnResource,
  isCdkBucketNotificationsHandler,
  keyPolicyStatements,
  logicalIdOf,
  resourcePolicyStatements,
  resourcesOfType,
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
