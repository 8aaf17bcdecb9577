// Raw MIME as SES stored it, read back from the raw-mail bucket. The object is never modified:
// it is the evidence of what the customer sent.

import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { RawMailLocation, RawMailStore } from "../../ports";

export class S3RawMailStore implements RawMailStore {
  constructor(private readonly client: S3Client) {}

  async get(location: RawMailLocation): Promise<Buffer> {
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    );
    if (!object.Body) throw new Error("raw mail object has no body");
    return Buffer.from(await object.Body.transformToByteArray());
  }
}
