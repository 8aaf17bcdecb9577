// Consumes every referral queue: each batch comes from one level's queue, so the batch is planned as a
// whole (a digest when several referrals reach one team together) and each record's own outcome is
// reported through Powertools' BatchProcessor, so only the records that failed are retried.

import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { referralNotifier } from "../../shared/adapters/aws/wiring/staff";
import { log, logger } from "../../shared/adapters/logger";
import {
  type DeliveryOutcomes,
  notifyStaff,
  type QueueDelivery,
  readStaffQueueMessage,
} from "../../shared/application/notifications";
import { noteRecordFailure, StepError } from "../../shared/application/record-failure";
import { readEnvironment } from "../../shared/config/environment";
import { staffNotificationEnvironment } from "../../shared/config/staff-environment";

const { deps, metrics } = referralNotifier(readEnvironment(staffNotificationEnvironment));
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
