// Reads the S3 event notification that an intake-queue message carries. Object keys arrive
// URL-encoded with `+` for spaces; S3's test event (sent when a notification is configured) has no records.

import * as z from "zod";
import type { RawMailObject } from "../../shared/application/intake-email";

const s3Notification = z.object({
  Records: z
    .array(
      z.object({
        eventName: z.string(),
        s3: z.object({
          bucket: z.object({ name: z.string().min(1) }),
          object: z.object({ key: z.string().min(1), size: z.number().int().nonnegative().default(0) }),
        }),
      }),
    )
    .default([]),
});

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
  const parsed = s3Notification.safeParse(json);
  if (!parsed.success)
    throw new IntakeEventError("intake message is not an S3 event", { cause: parsed.error });
  return parsed.data.Records.filter((record) => record.eventName.startsWith("ObjectCreated:")).map(
    (record) => ({
      bucket: record.s3.bucket.name,
      key: decodeURIComponent(record.s3.object.key.replace(/\+/g, " ")),
      size: record.s3.object.size,
    }),
  );
}
