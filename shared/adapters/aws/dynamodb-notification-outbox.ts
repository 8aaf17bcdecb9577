// The staff notification outbox on DynamoDB: one item per referral or theme alert notification, claimed
// conditionally before the email goes and marked sent after, so no retry sends a team the same email
// twice and the reconciler can see what was claimed and never marked.

import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { NotificationOutbox } from "../../ports";
import { conditionalPut, conditionalUpdate } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

export class DynamoDbNotificationOutbox implements NotificationOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  claim(notificationId: string, at: string): Promise<boolean> {
    return conditionalPut(this.client, {
      TableName: this.tableName,
      Item: {
        ...keys.notification(notificationId),
        itemType: "notification",
        notificationId,
        state: "sending",
        claimedAt: at,
      },
      // A claim given back (nothing was sent) may be taken again.
      ConditionExpression: "attribute_not_exists(pk) OR #state = :released",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: { ":released": "released" },
    });
  }

  async release(notificationId: string): Promise<void> {
    // An update, not a delete: the notifier may write the table but never delete from it. Marked sent
    // meanwhile, or never claimed: nothing to give back.
    await conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.notification(notificationId),
      UpdateExpression: "SET #state = :released",
      ConditionExpression: "#state = :sending",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: { ":sending": "sending", ":released": "released" },
    });
  }

  async markSent(notificationId: string, at: string, messageId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.notification(notificationId),
        UpdateExpression: "SET #state = :sent, sentAt = :at, messageId = :messageId",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":sent": "sent", ":at": at, ":messageId": messageId },
      }),
    );
  }
}
