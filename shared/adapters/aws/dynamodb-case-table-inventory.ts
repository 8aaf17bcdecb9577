// Reads every intake ledger entry and every case in one pass over the case table, for retention and
// subject-rights requests, with the staff notification outbox and the theme alerts not yet queued. A
// scan, because they must see all of it (the reconciler reads recent work only, through its index); the other item types (timeline events, lookups,
// counters) are filtered out on the server.

import { type DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { CaseRecord } from "../../domain/case";
import type { IntakeEntry } from "../../domain/intake";
import type { CaseTableContents, CaseTableInventory, NotificationRecord } from "../../ports";

export class DynamoDbCaseTableInventory implements CaseTableInventory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(): Promise<CaseTableContents> {
    const contents: Required<CaseTableContents> = {
      entries: [],
      cases: [],
      notifications: [],
      unqueuedThemeAlerts: [],
    };
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression:
            "itemType IN (:intake, :case, :notification) OR (itemType = :alert AND attribute_exists(alert))",
          ExpressionAttributeValues: {
            ":intake": "intake",
            ":case": "case",
            ":notification": "notification",
            ":alert": "theme-alert",
          },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      for (const { pk: _pk, sk: _sk, itemType, outcome: _outcome, workHour: _hour, ...item } of page.Items ??
        []) {
        if (itemType === "intake") contents.entries.push(item as IntakeEntry);
        else if (itemType === "case") contents.cases.push(item as CaseRecord);
        else if (itemType === "notification") contents.notifications.push(item as NotificationRecord);
        else contents.unqueuedThemeAlerts.push({ alert: item.alert, claimedAt: item.at });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return contents;
  }
}
