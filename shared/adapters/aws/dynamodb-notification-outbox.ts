// The staff notification outbox on DynamoDB: one item per referral or theme alert notification, claimed
// conditionally before the email goes, naming the email that carries it. The email is marked sent after,
// in one item: the notification's own when it went alone, or the digest's, which stands for every
// notification claimed for it. So no retry sends a team the same email twice, one write settles a whole
// digest, and the reconciler can see what was claimed and never marked. Only puts: the notifier may add
// items to the table but never update or delete one.

import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { NotificationOutbox } from "../../ports";
import { conditionalPut } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

export class DynamoDbNotificationOutbox implements NotificationOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  claim(notificationId: string, at: string, emailId: string): Promise<boolean> {
    return conditionalPut(this.client, {
      TableName: this.tableName,
      Item: {
        ...keys.notification(notificationId),
        itemType: "notification",
        notificationId,
        state: "sending",
        claimedAt: at,
        emailId,
      },
      // A claim given back (nothing was sent) may be taken again.
      ConditionExpression: "attribute_not_exists(pk) OR #state = :released",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: { ":released": "released" },
    });
  }

  async release(notificationId: string): Promise<void> {
    // Marked sent meanwhile, or never claimed: nothing to give back.
    await conditionalPut(this.client, {
      TableName: this.tableName,
      Item: {
        ...keys.notification(notificationId),
        itemType: "notification",
        notificationId,
        state: "released",
      },
      ConditionExpression: "#state = :sending",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: { ":sending": "sending" },
    });
  }

  async markSent(emailId: string, sent: { claimedAt: string; at: string; messageId: string }): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.notification(emailId),
          itemType: "notification",
          notificationId: emailId,
          state: "sent",
          claimedAt: sent.claimedAt,
          sentAt: sent.at,
          messageId: sent.messageId,
        },
      }),
    );
  }
}
