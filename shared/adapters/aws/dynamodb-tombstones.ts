// What is left of a person after an erasure: one item per identifier, keyed by a hash of it, so intake
// can recognise them when they write again without the table holding their address or number.

import { createHash } from "node:crypto";
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { PersonIdentifierKind, Tombstones } from "../../ports";
import { keys } from "./table-keys";

/** The key of the tombstone an erasure leaves for this identifier. */
export function tombstoneKey(kind: PersonIdentifierKind, value: string) {
  const hash = createHash("sha256").update(`heed-tombstone\n${kind}\n${value.toLowerCase()}`).digest("hex");
  return keys.tombstone(kind, hash);
}

export class DynamoDbTombstones implements Tombstones {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async bury(kind: PersonIdentifierKind, value: string, at: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...tombstoneKey(kind, value), itemType: "tombstone", kind, erasedAt: at },
      }),
    );
  }

  async covers(kind: PersonIdentifierKind, value: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: tombstoneKey(kind, value), ConsistentRead: true }),
    );
    return Item !== undefined;
  }
}
