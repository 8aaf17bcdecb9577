// Theme counts on DynamoDB: one small item per case under its theme (expiring after two windows) and
// one conditional item per alert, so each theme alerts management once per window.

import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ThemeLedger } from "../../ports";
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

  async claimAlert(alertId: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.themeAlert(alertId), itemType: "theme-alert", alertId, at },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
