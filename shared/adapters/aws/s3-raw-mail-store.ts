// Raw MIME as SES stored it, read back from the raw-mail bucket. The object is never modified: it is
// the evidence of what the customer sent. Its size is known before the body is read, so an oversize
// object is never loaded, and the body is handed on as a stream, so a large one is never held whole.

import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { RawMailLocation, RawMailObjectHandle, RawMailStore } from "../../ports";

export class S3RawMailStore implements RawMailStore {
  constructor(private readonly client: S3Client) {}

  async open(location: RawMailLocation): Promise<RawMailObjectHandle> {
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    );
    // In Node.js the SDK answers with the HTTP response stream itself.
    const body = object.Body as Readable | undefined;
    if (!body) throw new Error("raw mail object has no body");
    return { size: object.ContentLength ?? 0, body, discard: () => body.destroy() };
  }
}
