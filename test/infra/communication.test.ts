// Keeping customers informed, as deployed: the staff API may write to the case table and send mail for
// its communication routes; an hourly rule runs the follow-up timer, which may refer but not send mail;
// the feedback page is public on the same HTTP API and signs with a generated secret; SES bounces and
// complaints reach the mail-events function through an encrypted topic and a dead-lettered queue.
import { describe, expect, it } from "vitest";
import { REFERRAL_LEVELS } from "../../infra/constructs/referral-queues";
import {
  feedbackEnvironment,
  followUpTimersEnvironment,
  mailEventsEnvironment,
} from "../../shared/config/communication-environment";
import { staffApiEnvironment } from "../../shared/config/staff-environment";
import {
  actionsOf,
  allows,
  type CfnResource,
  functionFor,
  keyPolicyStatements,
  logicalIdOf,
  referencesTo,
  referralQueueFor,
  resourcePolicyStatements,
  resourcesOfType,
  resourceWithMetadata,
  statementsOf,
  synthesizeHeed,
  variablesOf,
} from "./heed-template";

const template = synthesizeHeed();
const [caseTableId] = resourceWithMetadata(template, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
const [staffId, staffFunction] = functionFor(template, "functions/staff-api/handler.ts");
const [timersId, timersFunction] = functionFor(template, "functions/follow-up-timers/handler.ts");
const [feedbackId, feedbackFunction] = functionFor(template, "functions/feedback/handler.ts");
const [mailEventsId, mailEventsFunction] = functionFor(template, "functions/mail-events/handler.ts");
const routes = Object.values(resourcesOfType(template, "AWS::ApiGatewayV2::Route"));
const integrations = resourcesOfType(template, "AWS::ApiGatewayV2::Integration");

function requiredVariables(shape: Record<string, { safeParse(value: unknown): { success: boolean } }>) {
  return Object.entries(shape)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([name]) => name);
}

function targetOf(route: CfnResource): string | undefined {
  const target = JSON.stringify(route.Properties.Target);
  const [integrationId] = Object.keys(integrations).filter((id) => target.includes(id));
  return logicalIdOf(integrations[integrationId ?? ""]?.Properties.IntegrationUri);
}

describe("Communication", () => {
  it("routes every communication action to the staff API function behind the staff authorizer", () => {
    const wanted = [
      "POST /api/cases/{ref}/updates",
      "GET /api/cases/{ref}/commitments",
      "POST /api/cases/{ref}/commitments",
      "POST /api/cases/{ref}/commitments/{id}/kept",
      "POST /api/cases/{ref}/options",
      "POST /api/cases/{ref}/options/choice",
      "POST /api/cases/{ref}/resolve",
      "POST /api/cases/{ref}/close-unresolved",
      "GET /api/feedback",
    ];

    for (const key of wanted) {
      const route = routes.find((candidate) => candidate.Properties.RouteKey === key);
      expect(route?.Properties.AuthorizationType, key).toBe("JWT");
      expect(route && targetOf(route), key).toBe(staffId);
    }
  });

  it("lets the staff API write timeline events and send through the SES identity, with what its routes read", () => {
    const statements = statementsOf(template, staffId);
    const [identityId] = Object.keys(resourcesOfType(template, "AWS::SES::EmailIdentity"));

    expect(allows(statements, "dynamodb:PutItem", caseTableId)).toBe(true);
    expect(allows(statements, "ses:SendEmail", identityId ?? "")).toBe(true);
    expect(Object.keys(variablesOf(staffFunction))).toEqual(
      expect.arrayContaining(requiredVariables(staffApiEnvironment.shape)),
    );
  });

  it("runs the follow-up timer every hour", () => {
    const rules = Object.values(resourcesOfType(template, "AWS::Events::Rule")).filter((rule) =>
      referencesTo(rule.Properties.Targets).includes(timersId),
    );

    expect(rules.map((rule) => [rule.Properties.ScheduleExpression, rule.Properties.State])).toEqual([
      ["rate(1 hour)", "ENABLED"],
    ]);
  });

  it("lets the follow-up timer refer to every level's queue and read and write the case table, but not send mail", () => {
    const statements = statementsOf(template, timersId);

    for (const level of REFERRAL_LEVELS) {
      const [queueId] = referralQueueFor(template, level);
      expect(allows(statements, "sqs:SendMessage", queueId), level).toBe(true);
    }
    expect(allows(statements, "dynamodb:Query", caseTableId)).toBe(true);
    expect(allows(statements, "dynamodb:Scan", caseTableId)).toBe(false);
    expect(statements.flatMap(actionsOf).join()).not.toMatch(/ses:/);
    expect(Object.keys(variablesOf(timersFunction))).toEqual(
      expect.arrayContaining(requiredVariables(followUpTimersEnvironment.shape)),
    );
  });

  it("serves the feedback page publicly on the staff API's HTTP API, from its own function", () => {
    const feedbackRoutes = routes.filter((route) => String(route.Properties.RouteKey).includes("/feedback/"));

    expect(feedbackRoutes.map((route) => route.Properties.RouteKey).sort()).toEqual([
      "GET /feedback/{token}",
      "POST /feedback/{token}",
    ]);
    for (const route of feedbackRoutes) {
      expect(route.Properties.AuthorizationType).toBe("NONE");
      expect(targetOf(route)).toBe(feedbackId);
    }
    expect(Object.keys(variablesOf(feedbackFunction))).toEqual(
      expect.arrayContaining(requiredVariables(feedbackEnvironment.shape)),
    );
  });

  it("signs feedback links with a generated secret read at run time, the same for signer and checker", () => {
    const secrets = Object.entries(resourcesOfType(template, "AWS::SecretsManager::Secret")).filter(
      ([, secret]) => String(secret.Properties.Description).includes("feedback"),
    );
    const [secretId, secret] = secrets[0] ?? [];

    expect(secrets).toHaveLength(1);
    expect(secret?.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    for (const [id, fn] of [
      [feedbackId, feedbackFunction],
      [staffId, staffFunction],
    ] as const) {
      expect(variablesOf(fn).FEEDBACK_SIGNING_KEY_SECRET, id).toEqual({ Ref: secretId });
      expect(JSON.stringify(variablesOf(fn)), id).not.toContain("{{resolve:secretsmanager");
      expect(allows(statementsOf(template, id), "secretsmanager:GetSecretValue", secretId ?? ""), id).toBe(
        true,
      );
    }
  });
});

describe("MailEvents", () => {
  const [topicId, topic] = resourceWithMetadata(template, "AWS::SNS::Topic", {
    "heed:role": "mail-events-topic",
  });

  it("publishes bounces and complaints from the configuration set every message is sent through", () => {
    const destinations = Object.values(
      resourcesOfType(template, "AWS::SES::ConfigurationSetEventDestination"),
    );
    const [configurationSetId] = Object.keys(resourcesOfType(template, "AWS::SES::ConfigurationSet"));

    expect(destinations).toHaveLength(1);
    expect(destinations[0]?.Properties).toMatchObject({
      ConfigurationSetName: { Ref: configurationSetId },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ["bounce", "complaint"],
        SnsDestination: { TopicARN: { Ref: topicId } },
      },
    });
  });

  it("encrypts the topic under a key SES may use, and refuses publishing without TLS", () => {
    const keyId = logicalIdOf(topic.Properties.KmsMasterKeyId);
    const sesStatements = keyPolicyStatements(template, keyId ?? "").filter((statement) =>
      JSON.stringify(statement.Principal).includes("ses.amazonaws.com"),
    );
    const topicStatements = resourcePolicyStatements(template, "AWS::SNS::TopicPolicy", "Topics", topicId);

    expect(sesStatements.flatMap(actionsOf).sort()).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
    expect(topicStatements).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
    expect(topicStatements).toContainEqual(
      expect.objectContaining({
        Effect: "Allow",
        Action: "sns:Publish",
        Principal: { Service: "ses.amazonaws.com" },
      }),
    );
  });

  it("delivers the topic through a queue with a dead-letter queue to the mail-events function", () => {
    const [queueId, queue] = resourceWithMetadata(template, "AWS::SQS::Queue", {
      "heed:role": "mail-events-queue",
    });
    const [deadLetterQueueId] = resourceWithMetadata(template, "AWS::SQS::Queue", {
      "heed:role": "mail-events-queue-dlq",
    });
    const subscriptions = Object.values(resourcesOfType(template, "AWS::SNS::Subscription")).filter(
      (subscription) => logicalIdOf(subscription.Properties.TopicArn) === topicId,
    );
    const mappings = Object.values(resourcesOfType(template, "AWS::Lambda::EventSourceMapping")).filter(
      (mapping) => logicalIdOf(mapping.Properties.FunctionName) === mailEventsId,
    );

    expect(subscriptions.map((subscription) => subscription.Properties)).toEqual([
      expect.objectContaining({ Protocol: "sqs", Endpoint: { "Fn::GetAtt": [queueId, "Arn"] } }),
    ]);
    expect(mappings.map((mapping) => mapping.Properties)).toEqual([
      expect.objectContaining({
        EventSourceArn: { "Fn::GetAtt": [queueId, "Arn"] },
        FunctionResponseTypes: ["ReportBatchItemFailures"],
      }),
    ]);
    expect(queue.Properties.RedrivePolicy).toMatchObject({
      deadLetterTargetArn: { "Fn::GetAtt": [deadLetterQueueId, "Arn"] },
    });
  });

  it("lets SNS use the customer data key only to deliver this topic's notifications", () => {
    const keys = resourcesOfType(template, "AWS::KMS::Key");
    const [dataKeyId] = Object.keys(keys).filter((id) =>
      String(keys[id]?.Properties.Description).includes("customer data"),
    );
    const snsStatements = keyPolicyStatements(template, dataKeyId ?? "").filter((statement) =>
      JSON.stringify(statement.Principal).includes("sns.amazonaws.com"),
    );

    expect(snsStatements).toEqual([
      expect.objectContaining({
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Condition: { ArnEquals: { "aws:SourceArn": { Ref: topicId } } },
      }),
    ]);
  });

  it("lets the mail-events function flag cases and record suppressions, and nothing else", () => {
    const statements = statementsOf(template, mailEventsId);

    expect(allows(statements, "dynamodb:PutItem", caseTableId)).toBe(true);
    expect(allows(statements, "dynamodb:DeleteItem", caseTableId)).toBe(false);
    expect(statements.flatMap(actionsOf).join()).not.toMatch(/ses:|s3:/);
    expect(Object.keys(variablesOf(mailEventsFunction))).toEqual(
      expect.arrayContaining(requiredVariables(mailEventsEnvironment.shape)),
    );
  });
});
