// Nothing accepted is ever lost: every queue parks repeated failures in a dead-letter queue, and no
// message becomes visible again while its consumer may still be working on it. Every queue is
// encrypted with the customer data key and refuses requests without TLS.
import { describe, expect, it } from "vitest";
import { REFERRAL_LEVELS } from "../../infra/constructs/referral-queues";
import {
  type CfnResource,
  logicalIdOf,
  referralQueueFor,
  resourcesOfType,
  synthesizeHeed,
} from "./heed-template";

const template = synthesizeHeed();
const queues = resourcesOfType(template, "AWS::SQS::Queue");

interface RedrivePolicy {
  readonly deadLetterTargetArn: unknown;
  readonly maxReceiveCount: number;
}

function redrivePolicyOf(queue: CfnResource): RedrivePolicy | undefined {
  return queue.Properties.RedrivePolicy as RedrivePolicy | undefined;
}

const deadLetterQueueIds = new Set(
  Object.values(queues).flatMap((queue) => {
    const target = logicalIdOf(redrivePolicyOf(queue)?.deadLetterTargetArn);
    return target ? [target] : [];
  }),
);

describe("queues", () => {
  it("gives every queue that is not itself a dead-letter queue a dead-letter queue after at least five receives", () => {
    const workQueues = Object.entries(queues).filter(([id]) => !deadLetterQueueIds.has(id));

    expect(workQueues.length).toBeGreaterThanOrEqual(1 + REFERRAL_LEVELS.length);
    for (const [id, queue] of workQueues) {
      const redrive = redrivePolicyOf(queue);
      expect(redrive, `${id} has a redrive policy`).toBeDefined();
      expect(redrive?.maxReceiveCount, `${id} maxReceiveCount`).toBeGreaterThanOrEqual(5);
      expect(
        queues[logicalIdOf(redrive?.deadLetterTargetArn) ?? ""],
        `${id} dead-letter queue`,
      ).toBeDefined();
    }
  });

  it("gives each queue a dead-letter queue of its own", () => {
    const targets = Object.values(queues).flatMap((queue) => {
      const target = logicalIdOf(redrivePolicyOf(queue)?.deadLetterTargetArn);
      return target ? [target] : [];
    });

    expect(new Set(targets).size).toBe(targets.length);
  });

  it("keeps every consumed message invisible for six times its consumer's timeout plus any batching window", () => {
    const mappings = Object.values(resourcesOfType(template, "AWS::Lambda::EventSourceMapping"));
    const functions = resourcesOfType(template, "AWS::Lambda::Function");

    expect(mappings).not.toHaveLength(0);
    for (const mapping of mappings) {
      const queueId = logicalIdOf(mapping.Properties.EventSourceArn) ?? "";
      const functionId = logicalIdOf(mapping.Properties.FunctionName) ?? "";
      const visibility = queues[queueId]?.Properties.VisibilityTimeout as number;
      const timeout = functions[functionId]?.Properties.Timeout as number;
      const window = Number(mapping.Properties.MaximumBatchingWindowInSeconds ?? 0);
      expect(visibility, `${queueId} consumed by ${functionId}`).toBeGreaterThanOrEqual(6 * timeout + window);
    }
  });

  it("encrypts every queue, dead-letter queues included, with the customer data key", () => {
    const keys = resourcesOfType(template, "AWS::KMS::Key");
    const [dataKeyId] = Object.keys(keys).filter((id) =>
      String(keys[id]?.Properties.Description).includes("customer data"),
    );

    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.KmsMasterKeyId, id).toEqual({ "Fn::GetAtt": [dataKeyId, "Arn"] });
    }
  });

  it("refuses queue requests that do not use TLS", () => {
    const policies = Object.values(resourcesOfType(template, "AWS::SQS::QueuePolicy"));

    for (const id of Object.keys(queues)) {
      const policy = policies.find((candidate) =>
        (candidate.Properties.Queues as unknown[]).some((queue) => logicalIdOf(queue) === id),
      );
      expect(JSON.stringify(policy?.Properties.PolicyDocument), id).toContain(
        '"aws:SecureTransport":"false"',
      );
    }
  });
});

describe("ReferralQueues", () => {
  it("has one queue per referral level, each marked with its level", () => {
    for (const level of REFERRAL_LEVELS) {
      const [, queue] = referralQueueFor(template, level);
      expect(queue.Metadata?.["heed:referral-level"]).toBe(level);
    }
  });
});
