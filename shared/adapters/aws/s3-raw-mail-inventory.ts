// Lists the raw mail SES stored under the intake prefix: the reconciler's record of every email that
// arrived, whatever happened to its S3 event afterwards.

import { paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import type { RawMailInventory, RawMailObjectSummary } from "../../ports";

export class S3RawMailInventory implements RawMailInventory {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  async list(): Promise<RawMailObjectSummary[]> {
    const objects: RawMailObjectSummary[] = [];
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: this.prefix },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        objects.push({
          bucket: this.bucket,
          key: object.Key,
          size: object.Size ?? 0,
          eTag: (object.ETag ?? "").replaceAll('"', ""),
          lastModified: (object.LastModified ?? new Date(0)).toISOString(),
        });
      }
    }
    return objects;
  }
}
