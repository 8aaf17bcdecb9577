// Reads the S3 event notification that an intake-queue message carries: only the fields Heed uses, in
// the shape of AWS's documented S3 event. Object keys arrive URL-encoded with `+` for spaces; S3's test
// event (sent once when a notification is configured) names no object. The schema is Heed's own rather
// than Powertools Parser's full S3 schema, whose `z` namespace import keeps every zod locale in the bundle.

import * as z from "zod";
import type { RawMailObject } from "../../shared/application/intake-email";

/**
 * Only what Heed reads is required. Heed puts released and reconciled mail back on the queue with these
 * fields alone (shared/adapters/aws/sqs-intake-queue.ts), and a field Heed never reads must not hold
 * back a customer's email: S3 names the writer by IP address, or by a service's name when AWS writes on
 * the account's behalf.
 */
const objectRecord = z.object({
  eventName: z.string(),
  s3: z.object({
    object: z.object({ key: z.string(), size: z.number().optional() }),
    bucket: z.object({ name: z.string() }),
  }),
});

const s3Notification = z.object({ Records: z.array(objectRecord).min(1) });

const s3TestEvent = z.object({ Event: z.literal("s3:TestEvent") });

const intakeMessage = z.union([s3Notification, s3TestEvent]);

export class IntakeEventError extends Error {
  override name = "IntakeEventError";
}

export function rawMailObjectsIn(body: string): RawMailObject[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new IntakeEventError("intake message is not JSON", { cause: error });
  }
  const parsed = intakeMessage.safeParse(json);
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
