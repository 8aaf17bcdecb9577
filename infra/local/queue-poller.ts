// The SQS event source mapping, as Lambda runs it: long-polls the queue, hands the function a full
// SQSEvent (gathered for up to the mapping's batching window, when it has one, or until the batch is
// full: ten messages a receive, as SQS allows), and deletes only the messages that succeeded. Failed messages are left alone, so they
// reappear after the visibility timeout and the queue's redrive policy dead-letters them in the end.
import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from "aws-lambda";
import type { InvocationOutcome } from "./lambda-runtime";
import type { LocalEventSourceMapping, LocalQueue } from "./resource-plan";

export interface QueuePollerOptions {
  mapping: LocalEventSourceMapping;
  queue: LocalQueue;
  region: string;
  sqs: SQSClient;
  invoke: (event: SQSEvent) => Promise<InvocationOutcome>;
  /** Batches handed to the function at once. */
  concurrency: number;
  onBatch?: (report: BatchReport) => void;
  onError: (error: unknown) => void;
}

export interface BatchReport {
  mapping: string;
  received: number;
  deleted: number;
  failed: number;
  /** The invocation's duration, as Lambda bills it (before rounding up to the millisecond). */
  durationMs: number;
  /** CPU time of the invocation's thread, where the system reports it. */
  cpuMs?: number;
  /** Why the whole batch failed, when it did. */
  error?: string;
}

/** Long enough to be cheap, short enough that a stop does not wait long for a receive to return. */
const WAIT_TIME_SECONDS = 5;
const RETRY_DELAY_MS = 1000;
/** The most messages one ReceiveMessage returns. */
const MAX_RECEIVE = 10;

export class QueuePoller {
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: QueuePollerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      if (this.inFlight.size >= this.options.concurrency) {
        await Promise.race(this.inFlight);
        continue;
      }
      let messages: Message[];
      try {
        messages = await this.gather(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.options.onError(error);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
        continue;
      }
      // Stopped mid-window: what was gathered reappears after its visibility timeout, as after a crash.
      if (signal.aborted) break;
      if (messages.length === 0) continue;
      const batch = this.process(messages).catch(this.options.onError);
      this.inFlight.add(batch);
      void batch.finally(() => this.inFlight.delete(batch));
    }
  }

  /** One receive, then, within the batching window, more until the batch is full or the window ends. */
  private async gather(signal: AbortSignal): Promise<Message[]> {
    const { batchSize, batchingWindowSeconds } = this.options.mapping;
    const messages = await this.receive(signal, Math.min(batchSize, MAX_RECEIVE), WAIT_TIME_SECONDS);
    if (messages.length === 0 || !batchingWindowSeconds) return messages;
    const closes = performance.now() + batchingWindowSeconds * 1000;
    while (messages.length < batchSize && !signal.aborted) {
      const leftMs = closes - performance.now();
      if (leftMs <= 0) break;
      const wanted = Math.min(batchSize - messages.length, MAX_RECEIVE);
      try {
        messages.push(...(await this.receive(signal, wanted, Math.min(Math.ceil(leftMs / 1000), 20))));
      } catch (error) {
        // Stopping, or the queue failing mid-window: what was gathered is handed over as it is.
        if (!signal.aborted) this.options.onError(error);
        break;
      }
    }
    return messages;
  }

  private async receive(signal: AbortSignal, count: number, waitSeconds: number): Promise<Message[]> {
    const { Messages } = await this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.options.queue.url,
        MaxNumberOfMessages: count,
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
      { abortSignal: signal },
    );
    return Messages ?? [];
  }

  private async process(messages: Message[]): Promise<void> {
    const records = messages.map((message) =>
      sqsRecord(message, this.options.queue.arn, this.options.region),
    );
    const outcome = await this.options.invoke({ Records: records });
    const { succeeded, error } = settle(records, outcome, this.options.mapping.reportBatchItemFailures);
    await this.delete(succeeded);
    this.options.onBatch?.({
      mapping: this.options.mapping.logicalId,
      received: records.length,
      deleted: succeeded.length,
      failed: records.length - succeeded.length,
      durationMs: outcome.durationMs,
      ...(outcome.cpuMs === undefined ? {} : { cpuMs: outcome.cpuMs }),
      ...(error ? { error } : {}),
    });
  }

  private async delete(records: SQSRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += 10) {
      const entries = records.slice(start, start + 10).map((record, index) => ({
        Id: String(index),
        ReceiptHandle: record.receiptHandle,
      }));
      const result = await this.options.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: this.options.queue.url, Entries: entries }),
      );
      if (result.Failed?.length) {
        this.options.onError(new Error(`could not delete ${result.Failed.length} processed message(s)`));
      }
    }
  }
}

/**
 * Which records Lambda deletes after an invocation. A function error fails the whole batch. With
 * ReportBatchItemFailures, the listed records fail, and a malformed response or an identifier that
 * is empty or not in the batch fails the whole batch; an empty or missing list means all succeeded.
 */
export function settle(
  records: SQSRecord[],
  outcome: InvocationOutcome,
  reportBatchItemFailures: boolean,
): { succeeded: SQSRecord[]; error?: string } {
  if (!outcome.ok)
    return { succeeded: [], error: `${outcome.error.errorType}: ${outcome.error.errorMessage}` };
  if (!reportBatchItemFailures) return { succeeded: records };
  const payload = outcome.payload as { batchItemFailures?: unknown } | null;
  const failures = payload?.batchItemFailures;
  if (failures === undefined || failures === null) return { succeeded: records };
  if (!Array.isArray(failures)) return { succeeded: [], error: "batchItemFailures is not a list" };
  const ids = new Set(records.map((record) => record.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== "string" || !ids.has(id)) {
      return { succeeded: [], error: `batchItemFailures names an unknown item ${JSON.stringify(id)}` };
    }
    failed.add(id);
  }
  return { succeeded: records.filter((record) => !failed.has(record.messageId)) };
}

export function sqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const system = message.Attributes ?? {};
  const attributes = { ...system } as unknown as SQSRecordAttributes;
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes,
    messageAttributes: messageAttributes(message.MessageAttributes ?? {}),
    md5OfBody: message.MD5OfBody ?? "",
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** Lambda lower-cases the attribute fields and base64-encodes binary values. */
function messageAttributes(values: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  const base64 = (bytes: Uint8Array | undefined) =>
    bytes ? Buffer.from(bytes).toString("base64") : undefined;
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? "String",
        stringListValues: value.StringListValues ?? [],
        binaryListValues: (value.BinaryListValues ?? []).map((bytes) => base64(bytes) ?? ""),
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined ? { binaryValue: base64(value.BinaryValue) } : {}),
      },
    ]),
  );
}
