// Each level's queue of cases on DynamoDB: one item per referral under `QUEUE#<level>`, sorted by when
// the case was received, so "my queue" is one query. Settling marks an entry rather than deleting it,
// so the staff API needs no delete permission; settled entries are skipped when the queue is read.

import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ReferralLevel } from "../../domain/case";
import type { QueueEntry, WorkQueues } from "../../ports";
import { isConditionFailure, keys } from "./table-keys";

export class DynamoDbWorkQueues implements WorkQueues {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async place(entry: QueueEntry): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.queueEntry(entry.level, entry.receivedAt, entry.caseReference),
            itemType: "queue-entry",
            ...entry,
          },
          // A redelivered referral leaves a settled entry settled; a new referral to the level replaces it.
          ConditionExpression: "attribute_not_exists(pk) OR referralId <> :referralId",
          ExpressionAttributeValues: { ":referralId": entry.referralId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async list(level: ReferralLevel): Promise<QueueEntry[]> {
    const entries: QueueEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          FilterExpression: "attribute_not_exists(settledAt)",
          ExpressionAttributeValues: { ":pk": keys.queuePartition(level) },
          ExclusiveStartKey: startKey,
        }),
      );
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
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }

  async settle(entry: QueueEntry, at: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.queueEntry(entry.level, entry.receivedAt, entry.caseReference),
          UpdateExpression: "SET settledAt = :at",
          ConditionExpression: "referralId = :referralId",
          ExpressionAttributeValues: { ":at": at, ":referralId": entry.referralId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
