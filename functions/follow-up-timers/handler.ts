// The follow-up timer (EventBridge, every hour): reminds owners of commitments about to fall due, flags
// missed commitments to supervisors, and nudges a case's team when its customer has heard nothing for
// the quiet period. "Now" is the scheduled event's time, so a run can be replayed for any moment.

import type { Context, ScheduledEvent } from "aws-lambda";
import { z } from "zod";
import { dynamoDocumentClient, sqsClient } from "../../shared/adapters/aws/clients";
import { followUpAdapters } from "../../shared/adapters/aws/communication-adapters";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { SqsReferralQueue } from "../../shared/adapters/aws/sqs-referral-queue";
import { log, logger } from "../../shared/adapters/logger";
import { type FollowUpReport, runFollowUps } from "../../shared/application/follow-up-timers";
import { followUpTimersEnvironment } from "../../shared/config/communication-environment";
import { readEnvironment } from "../../shared/config/environment";

const env = readEnvironment(followUpTimersEnvironment);
const documents = dynamoDocumentClient();
const adapters = {
  ...followUpAdapters(documents, env.CASE_TABLE_NAME),
  cases: new DynamoDbCaseStore(documents, env.CASE_TABLE_NAME),
  referrals: new SqsReferralQueue(sqsClient(), {
    frontline: env.REFERRAL_QUEUE_URL_FRONTLINE,
    supervisor: env.REFERRAL_QUEUE_URL_SUPERVISOR,
    management: env.REFERRAL_QUEUE_URL_MANAGEMENT,
    "head-office": env.REFERRAL_QUEUE_URL_HEAD_OFFICE,
  }),
  log,
};

const scheduledEvent = z.object({ time: z.iso.datetime() });

export async function handler(
  event: Pick<ScheduledEvent, "time">,
  context: Context,
): Promise<FollowUpReport> {
  logger.addContext(context);
  const now = new Date(scheduledEvent.parse(event).time);
  return runFollowUps({ ...adapters, clock: { now: () => now } });
}
