// Referrals go to one SQS queue per level. The referral id (`case#level`) travels with the message so
// the consumer can act on each referral once, however often the queue delivers it.

import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { ReferralLevel } from "../../domain/case";
import type { ReferralMessage, ReferralQueue, ThemeAlertMessage } from "../../ports";
import { sqsJsonBody } from "./sqs-message-body";

export class SqsReferralQueue implements ReferralQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrls: Record<ReferralLevel, string>,
  ) {}

  async send(message: ReferralMessage): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrls[message.level],
        MessageBody: sqsJsonBody(message),
        MessageAttributes: {
          referralId: { DataType: "String", StringValue: message.referralId },
          reasonCode: { DataType: "String", StringValue: message.reasonCode },
        },
      }),
    );
  }

  async sendThemeAlert(message: ThemeAlertMessage): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrls.management,
        MessageBody: sqsJsonBody({ type: "repeated-theme", ...message }),
        MessageAttributes: { alertId: { DataType: "String", StringValue: message.alertId } },
      }),
    );
  }
}
