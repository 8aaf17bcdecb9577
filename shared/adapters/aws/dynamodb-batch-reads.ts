// Items read by key in strongly consistent BatchGetItem requests of up to a hundred keys. DynamoDB may
// leave keys unprocessed; the SDK's paginator asks for them again. A batch may not name a key twice, so a
// key wanted twice is read once.

import { type DynamoDBDocumentClient, paginatedBatchGet } from "@aws-sdk/lib-dynamodb";

export type ItemKey = { pk: string; sk: string };
export type StoredItem = Record<string, unknown> & ItemKey;

/** BatchGetItem's limit on keys per request. */
const BATCH_GET_KEYS = 100;

/** One string per key, to find an item read by its key. */
export const itemKeyId = ({ pk, sk }: ItemKey): string => `${pk}\n${sk}`;

/** The items under the wanted keys that exist, by `itemKeyId`. */
export async function readTogether(
  client: DynamoDBDocumentClient,
  tableName: string,
  wanted: readonly ItemKey[],
): Promise<Map<string, StoredItem>> {
  const itemKeys = [...new Map(wanted.map((key) => [itemKeyId(key), key])).values()];
  const found = new Map<string, StoredItem>();
  for (let start = 0; start < itemKeys.length; start += BATCH_GET_KEYS) {
    const pages = paginatedBatchGet(
      { client },
      {
        RequestItems: {
          [tableName]: { Keys: itemKeys.slice(start, start + BATCH_GET_KEYS), ConsistentRead: true },
        },
      },
    );
    for await (const page of pages) {
      for (const item of page.Responses?.[tableName] ?? []) {
        const stored = item as StoredItem;
        found.set(itemKeyId(stored), stored);
      }
    }
  }
  return found;
}
