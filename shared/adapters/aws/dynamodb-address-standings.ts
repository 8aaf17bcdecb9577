// What stands against a new email's addresses, read in one strongly consistent BatchGetItem: the
// sender's erasure tombstone and the customer's suppression, the two reads email intake makes before it
// records a case (one request where two GetItems were).

import { type DynamoDBDocumentClient, paginatedBatchGet } from "@aws-sdk/lib-dynamodb";
import type { AddressStanding, AddressStandings } from "../../ports";
import { suppressionKey } from "./dynamodb-suppressions";
import { tombstoneKey } from "./dynamodb-tombstones";

type ItemKey = { pk: string; sk: string };

export class DynamoDbAddressStandings implements AddressStandings {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read({ sender, customer }: { sender?: string; customer: string }): Promise<AddressStanding> {
    const tombstone = sender === undefined ? undefined : tombstoneKey("email", sender);
    const suppression = suppressionKey(customer);
    const found = await this.existing([...(tombstone ? [tombstone] : []), suppression]);
    return {
      senderErased: tombstone !== undefined && found.has(keyOf(tombstone)),
      customerSuppressed: found.has(keyOf(suppression)),
    };
  }

  /** The keys among `wanted` whose items exist; keys left unprocessed are asked for again by the paginator. */
  private async existing(wanted: ItemKey[]): Promise<Set<string>> {
    const found = new Set<string>();
    const pages = paginatedBatchGet(
      { client: this.client },
      {
        RequestItems: {
          [this.tableName]: { Keys: wanted, ConsistentRead: true },
        },
      },
    );
    for await (const page of pages) {
      for (const item of page.Responses?.[this.tableName] ?? []) found.add(keyOf(item as ItemKey));
    }
    return found;
  }
}

function keyOf(key: ItemKey): string {
  return `${key.pk}\n${key.sk}`;
}
