// Reading the items of one case's partition whose sort key starts with a prefix, every page of them: the
// timeline, the commitments, the access events and the keys an erasure deletes all live there.

import { type DynamoDBDocumentClient, paginateQuery } from "@aws-sdk/lib-dynamodb";
import { keys } from "./table-keys";

export async function queryCaseItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  reference: string,
  prefix: string,
  projection?: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client },
    {
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.case(reference).pk, ":prefix": prefix },
      ...(projection ? { ProjectionExpression: projection } : {}),
      ConsistentRead: true,
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}
