// Unconditional puts that belong to one step, sent together: one BatchWriteItem per 25 items, and what
// DynamoDB leaves unprocessed (throttling) sent again after a short wait. Only for items that are each
// idempotent by key, since a batch carries no condition: a write that must happen once stays a
// conditional PutItem or UpdateItem.

import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** DynamoDB's limit of requests in one BatchWriteItem. */
const BATCH_LIMIT = 25;
/** Sends of what is left unprocessed before giving up (the invocation fails and is retried). */
const ATTEMPTS = 5;
const FIRST_WAIT_MS = 50;

type Item = Record<string, unknown> & { pk: string; sk: string };

export async function putTogether(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_LIMIT) {
    let requests = items.slice(start, start + BATCH_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > ATTEMPTS)
        throw new Error(`${requests.length} of a batch's puts were left unprocessed ${ATTEMPTS} times`);
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, FIRST_WAIT_MS * 2 ** attempt));
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}
