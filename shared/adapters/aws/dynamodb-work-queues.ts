// Each level's queue of cases on DynamoDB: one item per referral under `QUEUE#<level>`, sorted by when
// the case was received, so "my queue" is one query. Settling marks an entry rather than deleting it,
// so the staff API needs no delete permission; settled entries are skipped when the queue is read.

import { type DynamoDBDocumentClient, paginateQuery } from "@aws-sdk/lib-dynamodb";
import type { ReferralLevel } from "../../domain/case";
import type { QueueEntry, WorkQueues } from "../../ports";
import { conditionalPut, conditionalUpdate } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

export class DynamoDbWorkQueues implements WorkQueues {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async place(entry: QueueEntry): Promise<void> {
    await conditionalPut(this.client, {
      TableName: this.tableName,
      Item: queueEntryItem(entry),
      // A redelivered referral leaves a settled entry settled; a new referral to the level replaces it.
      ConditionExpression: "attribute_not_exists(pk) OR referralId <> :referralId",
      ExpressionAttributeValues: { ":referralId": entry.referralId },
    });
  }

  async list(level: ReferralLevel): Promise<QueueEntry[]> {
    const entries: QueueEntry[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        FilterExpression: "attribute_not_exists(settledAt)",
        ExpressionAttributeValues: { ":pk": keys.queuePartition(level) },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        entries.push({
          level: item.level,
          caseReference: item.caseReference,
          receivedAt: item.receivedAt,
          referralId: item.referralId,
          referredAt: item.referredAt,
          urgent: item.urgent === true,
        });
      }
    }
    return entries;
  }

  async settle(entry: QueueEntry, at: string): Promise<void> {
    // A newer referral to the level has replaced the entry since it was read: that one stays queued.
    await conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.queueEntry(entry.level, entry.receivedAt, entry.caseReference),
      UpdateExpression: "SET settledAt = :at",
      ConditionExpression: "referralId = :referralId",
      ExpressionAttributeValues: { ":at": at, ":referralId": entry.referralId },
    });
  }
}

/** The table item of a case's entry in its level's queue. */
export function queueEntryItem(entry: QueueEntry) {
  return {
    ...keys.queueEntry(entry.level, entry.receivedAt, entry.caseReference),
    itemType: "queue-entry",
    ...entry,
  };
}
