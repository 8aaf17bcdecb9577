// A per-sender, per-day counter of acknowledgements, so that a sender (or a loop) can never draw more
// replies than the policy allows. The sender is hashed: counters carry no personal data.

import { createHash } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AcknowledgementQuota } from "../../ports";
import { conditionalUpdate } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

const TWO_DAYS_SECONDS = 2 * 24 * 60 * 60;

export class DynamoDbAcknowledgementQuota implements AcknowledgementQuota {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  take(sender: string, day: string, cap: number, messageId: string): Promise<boolean> {
    const senderHash = createHash("sha256").update(sender.toLowerCase()).digest("hex").slice(0, 32);
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.acknowledgementQuota(senderHash, day),
      UpdateExpression: "ADD #messages :message SET expiresAt = :expires",
      ConditionExpression:
        "attribute_not_exists(#messages) OR contains(#messages, :id) OR size(#messages) < :cap",
      ExpressionAttributeNames: { "#messages": "messages" },
      ExpressionAttributeValues: {
        ":message": new Set([messageId]),
        ":id": messageId,
        ":cap": cap,
        ":expires": Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + TWO_DAYS_SECONDS,
      },
    });
  }
}
