// Addresses Heed must not write to again because mail to them bounced for good or was reported as spam.
// The address is kept only as a hash: the item says "do not send" and carries no readable personal data.

import { createHash } from "node:crypto";
import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { SuppressionCause, Suppressions } from "../../ports";
import { putIfAbsent } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

export function addressHash(address: string): string {
  return createHash("sha256").update(address.trim().toLowerCase()).digest("hex");
}

/** The key of the item that suppresses mail to this address. */
export function suppressionKey(address: string) {
  return keys.suppression(addressHash(address));
}

export class DynamoDbSuppressions implements Suppressions {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async suppress(address: string, cause: SuppressionCause, at: string): Promise<void> {
    // Already suppressed: the first cause and time stay.
    await putIfAbsent(this.client, this.tableName, {
      ...suppressionKey(address),
      itemType: "suppression",
      cause,
      at,
    });
  }

  async isSuppressed(address: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: suppressionKey(address),
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }
}
