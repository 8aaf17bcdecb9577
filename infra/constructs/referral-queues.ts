// One queue per referral level, so each level's notifier can be scaled, paused or redriven on its
// own. Intake sends to them; the referral notifier (a later function) consumes them.
import { Duration } from "aws-cdk-lib";
import type { IKey } from "aws-cdk-lib/aws-kms";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { DeadLetteredQueue } from "./dead-lettered-queue";
import { VISIBILITY_TIMEOUT_FACTOR } from "./heed-checks";
import type { HeedFunction } from "./heed-function";

export const REFERRAL_LEVELS = ["frontline", "supervisor", "management", "head-office"] as const;
export type ReferralLevel = (typeof REFERRAL_LEVELS)[number];

/** The referral notifier's timeout. */
export const NOTIFIER_TIMEOUT = Duration.seconds(30);

/**
 * How long each level's referrals gather before the notifier gets them (its event source's batching
 * window, at most five minutes): a team gets one digest per window instead of one email per referral.
 */
export const DIGEST_WINDOW = Duration.minutes(5);

/** Six times the referral notifier's timeout plus the digest window it gathers referrals for. */
const REFERRAL_VISIBILITY_TIMEOUT = Duration.seconds(
  VISIBILITY_TIMEOUT_FACTOR * NOTIFIER_TIMEOUT.toSeconds() + DIGEST_WINDOW.toSeconds(),
);

/** `head-office` -> `REFERRAL_QUEUE_URL_HEAD_OFFICE` */
export function referralQueueUrlVariable(level: ReferralLevel): string {
  return `REFERRAL_QUEUE_URL_${level.toUpperCase().replaceAll("-", "_")}`;
}

export interface ReferralQueuesProps {
  readonly encryptionKey: IKey;
}

export class ReferralQueues extends Construct {
  readonly byLevel: Readonly<Record<ReferralLevel, DeadLetteredQueue>>;

  constructor(scope: Construct, id: string, props: ReferralQueuesProps) {
    super(scope, id);

    const byLevel: Partial<Record<ReferralLevel, DeadLetteredQueue>> = {};
    for (const level of REFERRAL_LEVELS) {
      byLevel[level] = new DeadLetteredQueue(this, pascalCase(level), {
        role: "referral-queue",
        visibilityTimeout: REFERRAL_VISIBILITY_TIMEOUT,
        encryptionKey: props.encryptionKey,
        metadata: { "heed:referral-level": level },
      });
    }
    this.byLevel = byLevel as Record<ReferralLevel, DeadLetteredQueue>;
  }

  queue(level: ReferralLevel): Queue {
    return this.byLevel[level].queue;
  }

  /** Lets the function refer cases at every level, each queue's URL in its own variable. */
  bindSender(fn: HeedFunction): void {
    for (const level of REFERRAL_LEVELS) {
      fn.bindQueue(this.queue(level), referralQueueUrlVariable(level));
    }
  }
}

function pascalCase(kebab: string): string {
  return kebab
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}
