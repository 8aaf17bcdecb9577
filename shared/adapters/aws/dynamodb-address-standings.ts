// What stands against a new email's addresses, read in one strongly consistent BatchGetItem: the
// sender's erasure tombstone and the customer's suppression, the two reads email intake makes before it
// records a case (one request where two GetItems were).

import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AddressStanding, AddressStandings } from "../../ports";
import { itemKeyId, readTogether } from "./dynamodb-batch-reads";
import { suppressionKey } from "./dynamodb-suppressions";
import { tombstoneKey } from "./dynamodb-tombstones";

export class DynamoDbAddressStandings implements AddressStandings {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read({ sender, customer }: { sender?: string; customer: string }): Promise<AddressStanding> {
    const tombstone = sender === undefined ? undefined : tombstoneKey("email", sender);
    const suppression = suppressionKey(customer);
    const found = await readTogether(this.client, this.tableName, [
      ...(tombstone ? [tombstone] : []),
      suppression,
    ]);
    return {
      senderErased: tombstone !== undefined && found.has(itemKeyId(tombstone)),
      customerSuppressed: found.has(itemKeyId(suppression)),
    };
  }
}
