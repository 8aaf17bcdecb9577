// Due items in the case table, one partition per day: the hourly timer queries the days in its lookback
// window for items due by now that are still pending, so it never scans. Writes are conditional, so
// scheduling the same item twice stores it once; done items expire by TTL.

import { type DynamoDBDocumentClient, paginateQuery, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DueItem } from "../../domain/follow-ups";
import type { DueItems } from "../../ports";
import { putIfAbsent } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Kept this long after falling due, so what the timer did can still be read, then removed by TTL. */
const KEEP_AFTER_DUE_SECONDS = 90 * 24 * 60 * 60;

export class DynamoDbDueItems implements DueItems {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async schedule(item: DueItem): Promise<void> {
    await putIfAbsent(this.client, this.tableName, pendingDueItem(item));
  }

  async due(now: Date, lookbackDays: number): Promise<DueItem[]> {
    const days = Array.from({ length: lookbackDays + 1 }, (_, back) =>
      new Date(now.getTime() - back * DAY_MS).toISOString().slice(0, 10),
    );
    // `$` sorts just after `#`, so every item due at or before now is below the bound.
    const bound = `${now.toISOString()}$`;
    const perDay = await Promise.all(days.map((day) => this.pendingOn(day, bound)));
    return perDay.flat().sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  private async pendingOn(day: string, bound: string): Promise<DueItem[]> {
    const items: DueItem[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk AND sk < :bound",
        FilterExpression: "#state = :pending",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: {
          ":pk": keys.dueDay(day),
          ":bound": bound,
          ":pending": "pending",
        },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        items.push({
          caseReference: String(item.caseReference),
          kind: item.kind as DueItem["kind"],
          subjectId: String(item.subjectId),
          dueAt: String(item.dueAt),
        });
      }
    }
    return items;
  }

  async markDone(item: DueItem, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.due(item),
        UpdateExpression: "SET #state = :done, doneAt = :at",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":done": "done", ":at": at },
      }),
    );
  }
}

/** The table item of a due item not yet done. */
export function pendingDueItem(item: DueItem) {
  return {
    ...keys.due(item),
    itemType: "due",
    ...item,
    state: "pending",
    expiresAt: Math.floor(Date.parse(item.dueAt) / 1000) + KEEP_AFTER_DUE_SECONDS,
  };
}
