// Theme counts on DynamoDB: one small counter item per theme, updated once per case with an `ADD` to
// its period's count, returning the counts in the same request, and one conditional item per alert, so
// each theme alerts management once per window. The alert item keeps the alert until it is queued (an
// outbox), so a failure between the claim and the queue loses nothing.

import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ThemeAlertMessage, ThemeLedger, ThemeTally } from "../../ports";
import { putIfAbsent, unlessConditionFails } from "./dynamodb-conditional-writes";
import { workHour } from "./recent-work-index";
import { keys } from "./table-keys";

/**
 * The counter keeps one of the latest cases per slot, chosen by the second it was counted in: a sample
 * that stays small however busy the theme is (cases of the same second share a slot).
 */
const RECENT_SLOTS = 16;
/** A theme nobody raised for this long (two periods at the longest window policy allows) is forgotten. */
const KEEP_SECONDS = 2 * 366 * 86_400;

type CounterItem = Record<string, unknown>;

export class DynamoDbThemeLedger implements ThemeLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async count(
    theme: string,
    caseReference: string,
    at: string,
    periods: { current: string; previous: string },
  ): Promise<ThemeTally> {
    const seconds = Math.floor(Date.parse(at) / 1000);
    const counted = await unlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.themeCount(theme),
          // The period before the previous one is out of every window: its count goes.
          UpdateExpression:
            "ADD #current :one SET itemType = :type, lastCase = :case, #slot = :recent, expiresAt = :expires REMOVE #stale",
          // A retry of the same case finds itself as the last case counted and counts nothing again.
          ConditionExpression: "attribute_not_exists(lastCase) OR lastCase <> :case",
          ExpressionAttributeNames: {
            "#current": periodCount(periods.current),
            "#slot": `recent${seconds % RECENT_SLOTS}`,
            "#stale": periodCount(periodBefore(periods.previous, periods.current)),
          },
          ExpressionAttributeValues: {
            ":one": 1,
            ":type": "theme-count",
            ":case": caseReference,
            ":recent": `${at} ${caseReference}`,
            ":expires": seconds + KEEP_SECONDS,
          },
          ReturnValues: "ALL_NEW",
        }),
      ),
    );
    if (counted) return tallyOf(counted.Attributes ?? {}, periods);
    const { Item = {} } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.themeCount(theme), ConsistentRead: true }),
    );
    return tallyOf(Item, periods);
  }

  async noteAlerted(theme: string, period: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.themeCount(theme),
        UpdateExpression: "SET alertedPeriod = :period",
        ExpressionAttributeValues: { ":period": period },
      }),
    );
  }

  claimAlert(alert: ThemeAlertMessage): Promise<boolean> {
    return putIfAbsent(this.client, this.tableName, {
      ...keys.themeAlert(alert.alertId),
      itemType: "theme-alert",
      alertId: alert.alertId,
      at: alert.raisedAt,
      alert,
      ...workHour(alert.raisedAt),
    });
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

function periodCount(period: string): string {
  return `count-${period}`;
}

/** The period as long as the step from `previous` to `current`, just before `previous`. */
function periodBefore(previous: string, current: string): string {
  const step = Date.parse(current) - Date.parse(previous);
  return new Date(Date.parse(previous) - step).toISOString().slice(0, 10);
}

function tallyOf(item: CounterItem, periods: { current: string; previous: string }): ThemeTally {
  const recentCases = Object.entries(item)
    .filter(([name, value]) => name.startsWith("recent") && typeof value === "string")
    .map(([, value]) => {
      const [at = "", caseReference = ""] = String(value).split(" ");
      return { caseReference, at };
    })
    .sort((a, b) => b.at.localeCompare(a.at));
  return {
    current: Number(item[periodCount(periods.current)] ?? 0),
    previous: Number(item[periodCount(periods.previous)] ?? 0),
    recentCases,
    ...(typeof item.alertedPeriod === "string" ? { alertedPeriod: item.alertedPeriod } : {}),
  };
}
