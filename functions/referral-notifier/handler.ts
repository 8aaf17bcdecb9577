// Consumes every referral queue: each batch comes from one level's queue, so the batch is planned as a
// whole (a digest when several referrals reach one team together) and each record's own outcome is
// reported through Powertools' BatchProcessor, so only the records that failed are retried.

import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { dynamoDocumentClient, sesClient } from "../../shared/adapters/aws/clients";
import { DynamoDbCaseReports } from "../../shared/adapters/aws/dynamodb-case-reports";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbNotificationOutbox } from "../../shared/adapters/aws/dynamodb-notification-outbox";
import { DynamoDbWorkQueues } from "../../shared/adapters/aws/dynamodb-work-queues";
import { EmfMetrics } from "../../shared/adapters/aws/emf-metrics";
import { SesMailer } from "../../shared/adapters/aws/ses-mailer";
import { log, logger } from "../../shared/adapters/logger";
import { systemClock } from "../../shared/adapters/system-clock";
import {
  type DeliveryOutcomes,
  type NotifierDependencies,
  notifyStaff,
  type QueueDelivery,
  readStaffQueueMessage,
} from "../../shared/application/notifications";
import { noteRecordFailure, StepError } from "../../shared/application/record-failure";
import { metricsEnvironment, readEnvironment } from "../../shared/config/environment";
import { defaultPolicy } from "../../shared/config/policy";
import { staffNotificationEnvironment, staffTeamsFor } from "../../shared/config/staff-teams";

const env = readEnvironment(staffNotificationEnvironment.extend(metricsEnvironment.shape));
const table = env.CASE_TABLE_NAME;

const deps: NotifierDependencies = {
  cases: new DynamoDbCaseStore(dynamoDocumentClient(), table),
  queues: new DynamoDbWorkQueues(dynamoDocumentClient(), table),
  outbox: new DynamoDbNotificationOutbox(dynamoDocumentClient(), table),
  reports: new DynamoDbCaseReports(dynamoDocumentClient(), table),
  mailer: new SesMailer(sesClient(), env.SES_CONFIGURATION_SET || undefined),
  teams: staffTeamsFor({ consoleBaseUrl: env.CONSOLE_BASE_URL, sender: env.NOTIFICATION_SENDER }),
  organisationName: env.ORGANISATION_NAME ?? defaultPolicy.organisation.name,
  teamNames: defaultPolicy.organisation.teams,
  clock: systemClock,
  log,
};

const metrics = new EmfMetrics(env.POWERTOOLS_METRICS_NAMESPACE, env.POWERTOOLS_SERVICE_NAME);
const processor = new BatchProcessor(EventType.SQS);

export async function handler(event: SQSEvent, context: Context) {
  logger.addContext(context);
  const unreadable: DeliveryOutcomes = new Map();
  const deliveries: QueueDelivery[] = [];
  for (const record of event.Records) {
    try {
      deliveries.push({ id: record.messageId, message: readStaffQueueMessage(record.body) });
    } catch (error) {
      unreadable.set(record.messageId, new StepError("read-message", { cause: error }));
    }
  }
  const outcomes = new Map([...unreadable, ...(await notifyStaff(deliveries, deps))]);
  const reportOutcome = async (record: SQSRecord) => {
    const failure = outcomes.get(record.messageId);
    if (failure === undefined) return;
    noteRecordFailure(failure, { messageId: record.messageId }, { log, metrics });
    throw failure;
  };
  return processPartialResponse(event, reportOutcome, processor, { context });
}
