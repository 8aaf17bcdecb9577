// The referral notifier: it consumes all four referral queues with partial batch responses, gathering
// each level's referrals for a digest window (each queue keeps its dead-letter queue), emails teams through the stack's mail identity, and may read
// cases and add items to the case table but never update or delete one — so it cannot change a case.
import { describe, expect, it } from "vitest";
import { REFERRAL_LEVELS } from "../../infra/constructs/referral-queues";
import { defaultStaffTeams } from "../../shared/config/staff-teams";
import {
  actionsOf,
  allows,
  functionFor,
  logicalIdOf,
  referralQueueFor,
  resourcesOfType,
  resourceWithMetadata,
  statementsOf,
  synthesizeHeed,
} from "./heed-template";

const template = synthesizeHeed();
const [notifierId, notifier] = functionFor(template, "functions/referral-notifier/handler.ts");
const [caseTableId] = resourceWithMetadata(template, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
const [rawMailBucketId] = resourceWithMetadata(template, "AWS::S3::Bucket", {
  "heed:role": "raw-mail-bucket",
});
const statements = statementsOf(template, notifierId);
const mappings = Object.values(resourcesOfType(template, "AWS::Lambda::EventSourceMapping")).filter(
  (mapping) => logicalIdOf(mapping.Properties.FunctionName) === notifierId,
);

describe("ReferralNotifier", () => {
  it("consumes every level's referral queue, reporting failures item by item, a digest window at a time", () => {
    const queues = mappings.map((mapping) =>
      logicalIdOf((mapping.Properties.EventSourceArn as { "Fn::GetAtt": unknown }) ?? undefined),
    );

    expect(queues.sort()).toEqual(
      REFERRAL_LEVELS.map((level) => referralQueueFor(template, level)[0]).sort(),
    );
    for (const mapping of mappings) {
      expect(mapping.Properties.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
      // Each level's referrals gather for five minutes, up to as many as one digest lists.
      expect(mapping.Properties.MaximumBatchingWindowInSeconds).toBe(300);
      expect(mapping.Properties.BatchSize).toBe(defaultStaffTeams.digest.maximumCases);
    }
  });

  it("gives every referral queue a dead-letter queue and a visibility timeout of six attempts after the window", () => {
    const timeout = Number(notifier.Properties.Timeout);
    for (const level of REFERRAL_LEVELS) {
      const [, queue] = referralQueueFor(template, level);
      expect(queue.Properties.RedrivePolicy, level).toMatchObject({ maxReceiveCount: 5 });
      expect(Number(queue.Properties.VisibilityTimeout), level).toBeGreaterThanOrEqual(6 * timeout + 300);
    }
  });

  it("lets the notifier read cases and add timeline events, queue entries and report rows", () => {
    for (const action of ["dynamodb:BatchGetItem", "dynamodb:PutItem"]) {
      expect(allows(statements, action, caseTableId), action).toBe(true);
    }
  });

  it("does not let the notifier change, delete or scan case table items", () => {
    for (const action of [
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:Scan",
      "dynamodb:PartiQLUpdate",
      "dynamodb:PartiQLDelete",
    ]) {
      expect(allows(statements, action, caseTableId), action).toBe(false);
    }
  });

  it("lets the notifier send email through the mail identity, and send to no queue", () => {
    const sends = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith("ses:")),
    );
    expect(sends).toHaveLength(1);
    expect(actionsOf(sends[0] ?? { Effect: "", Action: [], Resource: [] }).sort()).toEqual([
      "ses:SendEmail",
      "ses:SendRawEmail",
    ]);
    expect(statements.flatMap(actionsOf).filter((action) => /^sqs:SendMessage/i.test(action))).toEqual([]);
  });

  it("does not let the notifier read raw mail", () => {
    expect(allows(statements, "s3:GetObject", rawMailBucketId)).toBe(false);
  });

  it("hands the notifier the console's address and the sender it emails from", () => {
    const variables = (notifier.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

    expect(JSON.stringify(variables.CONSOLE_BASE_URL)).toContain("console");
    expect(variables.NOTIFICATION_SENDER).toMatch(/^heed-notifications@/);
    expect(variables.CASE_TABLE_NAME).toEqual({ Ref: caseTableId });
    expect(variables.SES_CONFIGURATION_SET).toBeDefined();
  });
});
