// The rule for raw mail that still needs intake: an object under the intake prefix whose intake-
// ledger entry is missing or has no outcome yet. The sandbox re-drives these at start-up, because
// its queues live in memory; a reconciler can apply the same rule to the deployed stack.
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../shared/adapters/aws/table-keys";
import { mailIntakeId } from "../../shared/domain/intake";
import type { StoredObject } from "./s3-notifications";

export interface RawMailLedgerSource {
  s3: S3Client;
  documents: DynamoDBDocumentClient;
  bucket: string;
  prefix: string;
  tableName: string;
}

/** DynamoDB's BatchGetItem limit. */
const BATCH_GET_LIMIT = 100;

export async function findUnfinishedRawMail(source: RawMailLedgerSource): Promise<StoredObject[]> {
  const unfinished: StoredObject[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await source.s3.send(
      new ListObjectsV2Command({
        Bucket: source.bucket,
        Prefix: source.prefix,
        ContinuationToken: continuationToken,
        MaxKeys: BATCH_GET_LIMIT,
      }),
    );
    const objects = (page.Contents ?? []).flatMap((object) =>
      object.Key
        ? [
            {
              bucket: source.bucket,
              key: object.Key,
              size: object.Size ?? 0,
              eTag: (object.ETag ?? "").replaceAll('"', ""),
            },
          ]
        : [],
    );
    const finished = await ledgerKeysWithOutcome(source, objects);
    unfinished.push(...objects.filter((object) => !finished.has(ledgerKey(object).pk)));
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
  return unfinished;
}

function ledgerKey(object: StoredObject): { pk: string; sk: string } {
  return keys.intake(mailIntakeId(object.key));
}

/** The partition keys of the objects' ledger entries that already have an outcome. */
async function ledgerKeysWithOutcome(
  source: RawMailLedgerSource,
  objects: StoredObject[],
): Promise<Set<string>> {
  const finished = new Set<string>();
  let requested: Record<string, unknown>[] = objects.map(ledgerKey);
  while (requested.length > 0) {
    const result = await source.documents.send(
      new BatchGetCommand({
        RequestItems: {
          [source.tableName]: {
            Keys: requested,
            ConsistentRead: true,
            ProjectionExpression: "pk, #outcome",
            ExpressionAttributeNames: { "#outcome": "outcome" },
          },
        },
      }),
    );
    for (const item of result.Responses?.[source.tableName] ?? []) {
      if (item.outcome !== undefined) finished.add(String(item.pk));
    }
    requested = result.UnprocessedKeys?.[source.tableName]?.Keys ?? [];
  }
  return finished;
}
