// Moves messages parked in a dead-letter queue back to the queue they came from, once the cause is
// fixed, as `aws sqs start-message-move-task` does in AWS. A dry run lists them without moving them,
// by ids, receive counts and the ids inside them (raw-mail keys, case references): never their content.
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { LocalQueue, LocalResourcePlan } from "./resource-plan";

export class UnknownQueueError extends Error {
  override name = "UnknownQueueError";
}

/** The dead-letter queue and its source for `intake`, a referral level, or a queue's `heed:role`. */
export function deadLetterRoute(plan: LocalResourcePlan, name: string): { from: LocalQueue; to: LocalQueue } {
  const role = name === "intake" ? "intake-queue" : name.replace(/-dlq$/, "");
  const sources = plan.queues.filter(
    (queue) => queue.deadLetter && (queue.role === role || queue.referralLevel === name),
  );
  const [to, ...others] = sources;
  const from = plan.queues.find((queue) => queue.logicalId === to?.deadLetter?.queueLogicalId);
  if (!to || !from || others.length > 0) {
    const names = plan.queues.filter((queue) => queue.deadLetter).map((q) => q.referralLevel ?? q.role);
    throw new UnknownQueueError(`no single queue ${name}; choose one of: ${[...new Set(names)].join(", ")}`);
  }
  return { from, to };
}

export interface ParkedSummary {
  messageId: string;
  receiveCount: number;
  /** What the message is about: the raw-mail keys of an S3 event, or a referral's case reference. */
  about: string[];
}

export interface RedriveReport {
  from: string;
  to: string;
  dryRun: boolean;
  messages: ParkedSummary[];
  moved: number;
}

function about(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as {
      Records?: { s3?: { object?: { key?: string } } }[];
      caseReference?: string;
      referralId?: string;
    };
    if (parsed.Records) return parsed.Records.flatMap((record) => record.s3?.object?.key ?? []);
    return [parsed.referralId ?? parsed.caseReference ?? "unrecognised message"];
  } catch {
    return ["not JSON"];
  }
}

/** Receives everything parked, hiding each message for `holdSeconds` while it is looked at. */
async function receiveAll(sqs: SQSClient, queueUrl: string, holdSeconds: number): Promise<Message[]> {
  const received: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: holdSeconds,
        MessageSystemAttributeNames: ["ApproximateReceiveCount"],
        MessageAttributeNames: ["All"],
      }),
    );
    if (Messages.length === 0) return received;
    received.push(...Messages);
  }
}

export async function redriveDeadLetters(
  sqs: SQSClient,
  route: { from: LocalQueue; to: LocalQueue },
  options: { dryRun: boolean },
): Promise<RedriveReport> {
  const messages = await receiveAll(sqs, route.from.url, 60);
  const report: RedriveReport = {
    from: route.from.name,
    to: route.to.name,
    dryRun: options.dryRun,
    messages: messages.map((message) => ({
      messageId: message.MessageId ?? "",
      receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
      about: about(message.Body ?? ""),
    })),
    moved: 0,
  };
  for (const message of messages) {
    if (options.dryRun) {
      // Back in view at once: a dry run leaves the queue as it found it.
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: route.from.url,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
      continue;
    }
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: route.to.url,
        MessageBody: message.Body ?? "",
        ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes } : {}),
      }),
    );
    // Deleted only once it is safely on its way again: a failure here redelivers, never loses it.
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: route.from.url, ReceiptHandle: message.ReceiptHandle }),
    );
    report.moved += 1;
  }
  return report;
}
