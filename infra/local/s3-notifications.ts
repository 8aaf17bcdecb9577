// Bucket notifications as S3 delivers them: every object written to a bucket that the stack wires
// to a queue (with its prefix/suffix filter) becomes an S3 event notification message on that
// queue, whoever wrote the object. The event builder is shared with the start-up re-drive.
import { randomBytes } from "node:crypto";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { S3Event } from "aws-lambda";
import type { S3rverEvent } from "s3rver";
import type { LocalResourcePlan } from "./resource-plan";

export interface StoredObject {
  bucket: string;
  key: string;
  size: number;
  /** MD5 hex, without quotes, as S3 puts it in events. */
  eTag: string;
}

export interface ObjectCreatedOptions {
  region: string;
  configurationId: string;
  eventName?: `ObjectCreated:${string}`;
  eventTime?: Date;
}

/**
 * S3 URL-encodes object keys in events the way HTML forms do: a space becomes `+`, and anything but
 * letters, digits, `-_.*` and the `/` separator is percent-encoded.
 */
export function encodeS3EventKey(key: string): string {
  return Array.from(new TextEncoder().encode(key), (byte) => {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.*/]/.test(char)) return char;
    if (char === " ") return "+";
    return `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
}

let sequence = 0;

/** S3's sequencer: an uppercase hex string that orders events for the same key. */
function nextSequencer(): string {
  sequence = (sequence + 1) % 0x1000;
  return (BigInt(Date.now()) * 0x1000n + BigInt(sequence)).toString(16).toUpperCase().padStart(18, "0");
}

const requestId = () => randomBytes(8).toString("hex").toUpperCase();

export function objectCreatedEvent(object: StoredObject, options: ObjectCreatedOptions): S3Event {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: options.region,
        eventTime: (options.eventTime ?? new Date()).toISOString(),
        eventName: options.eventName ?? "ObjectCreated:Put",
        userIdentity: { principalId: "AWS:AIDALOCALSANDBOX" },
        requestParameters: { sourceIPAddress: "127.0.0.1" },
        responseElements: {
          "x-amz-request-id": requestId(),
          "x-amz-id-2": randomBytes(48).toString("base64"),
        },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: options.configurationId,
          bucket: {
            name: object.bucket,
            ownerIdentity: { principalId: "A3LOCALSANDBOX" },
            arn: `arn:aws:s3:::${object.bucket}`,
          },
          object: {
            key: encodeS3EventKey(object.key),
            size: object.size,
            eTag: object.eTag,
            sequencer: nextSequencer(),
          },
        },
      },
    ],
  };
}

export interface NotificationTarget {
  queueUrl: string;
  configurationId: string;
}

/** The queues that S3 would notify about an object created in this bucket, per the stack. */
export function notificationTargets(
  plan: LocalResourcePlan,
  bucketName: string,
  key: string,
  eventName: string,
): NotificationTarget[] {
  const bucket = plan.buckets.find((candidate) => candidate.name === bucketName);
  if (!bucket) return [];
  return plan.bucketNotifications
    .filter(
      (notification) =>
        notification.bucketLogicalId === bucket.logicalId &&
        notification.events.some((event) => event === "s3:ObjectCreated:*" || event === `s3:${eventName}`) &&
        key.startsWith(notification.prefix) &&
        key.endsWith(notification.suffix),
    )
    .flatMap((notification) => {
      const queue = plan.queues.find((candidate) => candidate.logicalId === notification.queueLogicalId);
      return queue ? [{ queueUrl: queue.url, configurationId: notification.configurationId }] : [];
    });
}

export async function sendObjectCreated(
  sqs: SQSClient,
  plan: LocalResourcePlan,
  object: StoredObject,
  eventName: `ObjectCreated:${string}` = "ObjectCreated:Put",
): Promise<number> {
  const targets = notificationTargets(plan, object.bucket, object.key, eventName);
  await Promise.all(
    targets.map((target) =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl: target.queueUrl,
          MessageBody: JSON.stringify(
            objectCreatedEvent(object, {
              region: plan.region,
              configurationId: target.configurationId,
              eventName,
            }),
          ),
        }),
      ),
    ),
  );
  return targets.length;
}

export interface BucketNotifications {
  /** Resolves once every notification raised so far has reached its queue. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

interface NotifyingEmulator {
  on(event: "event", listener: (event: S3rverEvent) => void): unknown;
  off(event: "event", listener: (event: S3rverEvent) => void): unknown;
}

export function startBucketNotifications(options: {
  emulator: NotifyingEmulator;
  plan: LocalResourcePlan;
  sqs: SQSClient;
  onError: (error: unknown) => void;
}): BucketNotifications {
  const pending = new Set<Promise<unknown>>();
  const listener = (event: S3rverEvent) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith("ObjectCreated:")) continue;
      const object: StoredObject = {
        bucket: record.s3.bucket.name,
        key: record.s3.object.key,
        size: record.s3.object.size ?? 0,
        eTag: record.s3.object.eTag ?? "",
      };
      const delivery = sendObjectCreated(
        options.sqs,
        options.plan,
        object,
        record.eventName as `ObjectCreated:${string}`,
      ).catch(options.onError);
      pending.add(delivery);
      void delivery.finally(() => pending.delete(delivery));
    }
  };
  options.emulator.on("event", listener);
  const settled = async () => {
    await Promise.all(pending);
  };
  return {
    settled,
    stop: async () => {
      options.emulator.off("event", listener);
      await settled();
    },
  };
}
