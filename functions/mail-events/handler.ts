// SES bounce and complaint notifications for the mail Heed sends (configuration set → SNS → queue →
// here): the case the message belonged to is flagged "customer not informed", and the address is
// suppressed after a permanent bounce or a complaint. Each record succeeds or fails on its own; a message
// that carries no feedback (SNS's and SES's set-up messages, other SES events) is logged and dropped.

import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { sesMessageId } from "../../shared/adapters/aws/ses-message-id";
import { mailEvents } from "../../shared/adapters/aws/wiring/communication";
import { log, logger } from "../../shared/adapters/logger";
import { recordMailFeedback } from "../../shared/application/mail-events";
import { mailEventsEnvironment } from "../../shared/config/communication-environment";
import { readEnvironment } from "../../shared/config/environment";
import { mailFeedbackIn } from "./ses-notification";

const deps = mailEvents(readEnvironment(mailEventsEnvironment));
const region = process.env.AWS_REGION ?? "";

const processor = new BatchProcessor(EventType.SQS);

async function processRecord(record: SQSRecord): Promise<void> {
  const feedback = mailFeedbackIn(record.body, region, sesMessageId);
  if ("ignored" in feedback) {
    log.info("notification dropped", { messageId: record.messageId, reason: feedback.ignored });
    return;
  }
  await recordMailFeedback(feedback, deps);
}

export async function handler(event: SQSEvent, context: Context) {
  logger.addContext(context);
  return processPartialResponse(event, processRecord, processor, { context });
}
