// Puts a raw mail object back on the intake queue in the same S3 event shape S3 itself sends, so a
// released or reconciled message takes exactly the path a new one does.

import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { IntakeQueue, RawMailLocation } from "../../ports";
import { sqsJsonBody } from "./sqs-message-body";

export class SqsIntakeQueue implements IntakeQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async redrive(location: RawMailLocation): Promise<void> {
    const event = {
      Records: [
        {
          eventVersion: "2.1",
          eventSource: "aws:s3",
          eventName: "ObjectCreated:Put",
          eventTime: new Date().toISOString(),
          s3: {
            bucket: { name: location.bucket, arn: `arn:aws:s3:::${location.bucket}` },
            object: { key: encodeURIComponent(location.key).replace(/%2F/g, "/"), size: 0 },
          },
        },
      ],
    };
    await this.client.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: sqsJsonBody(event) }),
    );
  }
}
