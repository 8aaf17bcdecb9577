// Consumes every referral queue: each batch comes from one level's queue, so the batch is planned as a
// whole (a digest when several referrals reach one team together) and each record's own outcome is
// reported through Powertools' BatchProcessor, so only the records that failed are retried.

import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { dynamoDocumentClient, sesClient } from "../../shared/adapters/aws/clients";
import { DynamoDbCaseReports } from "../../shared/adapters/aws/dynamodb-case-reports";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbWorkQueues } from "../../shared/adapters/aws/dynamodb-work-queues";
import { SesMailer } from "../../shared/adapters/aws/ses-mailer";
import { log, logger } from "../../shared/adapters/logger";
import {
  type DeliveryOutcomes,
  type NotifierDependencies,
  notifyStaff,
  type QueueDelivery,
  readStaffQueueMessage,
} from "../../shared/application/notifications";
import { readEnvironment } from "../../shared/config/environment";
import { defaultPolicy } from "../../shared/config/policy";
import { staffNotificationEnvironment, staffTeamsFor } from "../../shared/config/staff-teams";

const env = readEnvironment(staffNotificationEnvironment);
const table = env.CASE_TABLE_NAME;

const deps: NotifierDependencies = {
  cases: new DynamoDbCaseStore(dynamoDocumentClient(), table),
  queues: new DynamoDbWorkQueues(dynamoDocumentClient(), table),
  reports: new DynamoDbCaseReports(dynamoDocumentClient(), table),
  mailer: new SesMailer(sesClient(), env.SES_CONFIGURATION_SET || undefined),
  teams: staffTeamsFor({ consoleBaseUrl: env.CONSOLE_BASE_URL, sender: env.NOTIFICATION_SENDER }),
  organisationName: env.ORGANISATION_NAME ?? defaultPolicy.organisation.name,
  teamNames: defaultPolicy.organisation.teams,
  clock: { now: () => new Date() },
  log,
};

const processor = new BatchProcessor(EventType.SQS);

export async function handler(event: SQSEvent, context: Context) {
  logger.addContext(context);
  const unreadable: DeliveryOutcomes = new Map();
  const deliveries: QueueDelivery[] = [];
  for (const record of event.Records) {
    try {
      deliveries.push({ id: record.messageId, message: readStaffQueueMessage(record.body) });
    } catch (error) {
      logger.error("unreadable referral queue message", { messageId: record.messageId });
      unreadable.set(record.messageId, error);
    }
  }
  const outcomes = new Map([...unreadable, ...(await notifyStaff(deliveries, deps))]);
  const reportOutcome = async (record: SQSRecord) => {
    const failure = outcomes.get(record.messageId);
    if (failure !== undefined) throw failure;
  };
  return processPartialResponse(event, reportOutcome, processor, { context });
}
