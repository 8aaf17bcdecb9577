// Theme counts on DynamoDB: one small item per case under its theme (expiring after two windows) and
// one conditional item per alert, so each theme alerts management once per window. The alert item keeps
// the alert until it is queued (an outbox), so a failure between the claim and the queue loses nothing.

import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ThemeAlertMessage, ThemeLedger } from "../../ports";
import { workHour } from "./recent-work-index";
import { isConditionFailure, keys } from "./table-keys";

const DAY_SECONDS = 86_400;

export class DynamoDbThemeLedger implements ThemeLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(theme: string, caseReference: string, at: string, windowDays: number): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.theme(theme, caseReference),
          itemType: "theme",
          caseReference,
          at,
          expiresAt: Math.floor(Date.parse(at) / 1000) + 2 * windowDays * DAY_SECONDS,
        },
      }),
    );
  }

  async casesSince(theme: string, since: string): Promise<string[]> {
    const references: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          FilterExpression: "#at >= :since",
          ExpressionAttributeNames: { "#at": "at" },
          ExpressionAttributeValues: { ":pk": keys.theme(theme, "").pk, ":since": since },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) references.push(String(item.caseReference));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return references;
  }

  async claimAlert(alert: ThemeAlertMessage): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.themeAlert(alert.alertId),
            itemType: "theme-alert",
            alertId: alert.alertId,
            at: alert.raisedAt,
            alert,
            ...workHour(alert.raisedAt),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markQueued(alertId: string, at: string): Promise<void> {
    // The alert leaves the outbox item once it is on the queue: case references stay with the queue.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.themeAlert(alertId),
        UpdateExpression: "SET queuedAt = :at REMOVE alert",
        ExpressionAttributeValues: { ":at": at },
      }),
    );
  }
}
