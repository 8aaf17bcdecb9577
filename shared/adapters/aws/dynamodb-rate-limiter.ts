// Fixed-window rate limits held in the case table: one counter item per rule, subject and window,
// raised by a conditional update so concurrent requests can never count past the limit. Items expire
// through the table's TTL a window after their own has closed.

import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { RateLimiter, RateLimitRule } from "../../ports";
import { conditionalUpdate } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

export class DynamoDbRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  take(rule: RateLimitRule, subject: string, at: Date): Promise<boolean> {
    const now = Math.floor(at.getTime() / 1000);
    const windowStart = now - (now % rule.windowSeconds);
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.rateLimit(rule, subject, windowStart),
      UpdateExpression: "ADD #count :one SET expiresAt = :expires, itemType = :type",
      ConditionExpression: "attribute_not_exists(#count) OR #count < :limit",
      ExpressionAttributeNames: { "#count": "count" },
      ExpressionAttributeValues: {
        ":one": 1,
        ":limit": rule.limit,
        ":expires": windowStart + 2 * rule.windowSeconds,
        ":type": "rate-limit",
      },
    });
  }
}
