// Heed's dead-letter queues, searched for a subject access request and cleared of a person's messages
// on erasure. SQS cannot be read without receiving: each message is received for a short while and
// becomes visible again unless it is deleted. Dead-letter queues have no consumer to take it meanwhile.

import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { DeadLetters, ParkedMessage } from "../../ports";

/** Long enough to read every queue and act on what was found, short enough not to hide messages for long. */
const HOLD_SECONDS = 60;

export class SqsDeadLetters implements DeadLetters {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrls: readonly string[],
  ) {}

  async list(): Promise<ParkedMessage[]> {
    const parked: ParkedMessage[] = [];
    for (const queue of this.queueUrls) {
      for (;;) {
        const { Messages = [] } = await this.client.send(
          new ReceiveMessageCommand({
            QueueUrl: queue,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 0,
            VisibilityTimeout: HOLD_SECONDS,
          }),
        );
        if (Messages.length === 0) break;
        parked.push(...Messages.map((message) => parkedMessage(queue, message)));
      }
    }
    return parked;
  }

  async delete(message: ParkedMessage): Promise<void> {
    await this.client.send(
      new DeleteMessageCommand({ QueueUrl: message.queue, ReceiptHandle: message.receiptHandle }),
    );
  }
}

function parkedMessage(queue: string, message: Message): ParkedMessage {
  return {
    queue,
    messageId: message.MessageId ?? "",
    body: message.Body ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
  };
}
