// Reads the S3 event notification that an intake-queue message carries, with the fields of Powertools
// Parser's S3 schema that Heed uses. Object keys arrive URL-encoded with `+` for spaces; S3's test event
// (sent once when a notification is configured) names no object.

import { JSONStringified } from "@aws-lambda-powertools/parser/helpers";
import { S3Schema } from "@aws-lambda-powertools/parser/schemas/s3";
import * as z from "zod";
import type { RawMailObject } from "../../shared/application/intake-email";

const s3Record = S3Schema.shape.Records.element;
const s3Entity = s3Record.shape.s3;

/**
 * Only what Heed reads is required. Heed puts released and reconciled mail back on the queue with these
 * fields alone (shared/adapters/aws/sqs-intake-queue.ts), and a field Heed never reads must not hold
 * back a customer's email: S3 names the writer by IP address, or by a service's name when AWS writes on
 * the account's behalf, which the full schema's IPv4-or-S3 rule refuses.
 */
const objectRecord = s3Record.pick({ eventName: true }).extend({
  s3: s3Entity.pick({ object: true }).extend({ bucket: s3Entity.shape.bucket.pick({ name: true }) }),
});

const s3Notification = S3Schema.extend({ Records: z.array(objectRecord).min(1) });

const s3TestEvent = z.object({ Event: z.literal("s3:TestEvent") });

const intakeMessage = JSONStringified(z.union([s3Notification, s3TestEvent]));

export class IntakeEventError extends Error {
  override name = "IntakeEventError";
}

export function rawMailObjectsIn(body: string): RawMailObject[] {
  const parsed = intakeMessage.safeParse(body);
  if (!parsed.success)
    throw new IntakeEventError("intake message is not an S3 event", { cause: parsed.error });
  if (!("Records" in parsed.data)) return [];
  return parsed.data.Records.filter((record) => record.eventName.startsWith("ObjectCreated:")).map(
    (record) => ({
      bucket: record.s3.bucket.name,
      key: decodeURIComponent(record.s3.object.key.replace(/\+/g, " ")),
      size: record.s3.object.size ?? 0,
    }),
  );
}
