// The raw mail SES stored under the intake prefix: whether named objects are still there (for the
// reconciler, one listing of a single key each, so only ListBucket is needed, never a read), and the whole
// listing the local sandbox takes at start-up to pick up what was in flight.

import { ListObjectsV2Command, paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import type { RawMailInventory, RawMailObjectSummary } from "../../ports";

/** Key listings in flight at once: enough to be quick, few enough to stay clear of S3's request rates. */
const PARALLEL_LISTINGS = 10;

export class S3RawMailInventory implements RawMailInventory {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  async present(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let start = 0; start < keys.length; start += PARALLEL_LISTINGS) {
      await Promise.all(
        keys.slice(start, start + PARALLEL_LISTINGS).map(async (key) => {
          const page = await this.client.send(
            new ListObjectsV2Command({ Bucket: this.bucket, Prefix: key, MaxKeys: 1 }),
          );
          if (page.Contents?.some((object) => object.Key === key)) found.add(key);
        }),
      );
    }
    return found;
  }

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
