// Removes personal data from the case table for retention and erasure: a case's timeline and whatever
// else is kept beside it, its lookups, the personal part of ledger entries, feedback comments, customer
// records; and sets the TTL backstop and legal holds. Single-item deletes and updates only, each safe to
// repeat, so a purge that stopped can run again.

import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { CaseRecord } from "../../domain/case";
import type { LegalHold } from "../../domain/retention";
import type { LookupKind, PersonalDataStore } from "../../ports";
import { queryCaseItems } from "./case-partition";
import { CASE_STATE_ITEM_TYPE, isCaseStateKey } from "./case-state";
import { conditionalUpdate } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

export class DynamoDbPersonalDataStore implements PersonalDataStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async purgeCase(
    reference: string,
    remains: CaseRecord | undefined,
    lookups: { kind: LookupKind; value: string }[],
  ): Promise<void> {
    for (const { kind, value } of lookups) await this.delete(keys.lookup(kind, value, reference));
    await this.sweepBeside(reference);
    if (!remains) {
      await this.delete(keys.case(reference));
      await this.delete(keys.caseState(reference));
      // A worker that read the case before it went may have written an event meanwhile.
      await this.sweepBeside(reference);
      return;
    }
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.caseState(reference),
          itemType: CASE_STATE_ITEM_TYPE,
          acknowledgement: remains.acknowledgement,
        },
      }),
    );
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.case(reference), itemType: "case", ...remains },
      }),
    );
    // A worker that read the case before the remains were written (a notification on its way) may have
    // written an event meanwhile; from here on it reads the case as erased and writes nothing.
    await this.sweepBeside(reference);
  }

  /**
   * Deletes everything kept beside the case (timeline, commitments), except the once-only claims, which
   * hold no personal data and stop anything being sent a second time, and the state item, which the
   * remains cut to the acknowledgement: it still refuses a second claim.
   */
  private async sweepBeside(reference: string): Promise<void> {
    const claimPrefix = keys.claim(reference, "").sk;
    for (const key of await this.partitionKeys(reference, "")) {
      if (key.sk !== keys.case(reference).sk && !isCaseStateKey(key) && !key.sk.startsWith(claimPrefix))
        await this.delete(key);
    }
  }

  async purgeIntakeEntry(intakeId: string, at: string): Promise<void> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.intake(intakeId), ConsistentRead: true }),
    );
    if (!Item) return;
    if (typeof Item.messageId === "string") {
      await this.delete(keys.intakeMessageLookup(Item.messageId, intakeId));
    }
    await this.delete(keys.quarantine(intakeId));
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.intake(intakeId),
        UpdateExpression: "SET purgedAt = if_not_exists(purgedAt, :at) REMOVE submission, messageId",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":at": at },
      }),
    );
  }

  async eraseFeedbackComment(reference: string, feedbackAt: string): Promise<void> {
    await conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.feedback(feedbackAt, reference),
      UpdateExpression: "REMOVE #comment",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: { "#comment": "comment" },
    });
  }

  async deleteCustomer(email: string): Promise<void> {
    await this.delete(keys.customer(email));
  }

  async setExpiry(reference: string, expiresAt: number | undefined): Promise<void> {
    for (const key of await this.partitionKeys(reference, "")) {
      // Deleted since it was listed: nothing left to expire.
      await conditionalUpdate(this.client, {
        TableName: this.tableName,
        Key: key,
        ConditionExpression: "attribute_exists(pk)",
        ...(expiresAt === undefined
          ? { UpdateExpression: "REMOVE expiresAt" }
          : {
              UpdateExpression: "SET expiresAt = :expiresAt",
              ExpressionAttributeValues: { ":expiresAt": expiresAt },
            }),
      });
    }
  }

  setLegalHold(reference: string, hold: LegalHold | undefined, at: string): Promise<boolean> {
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.case(reference),
      ConditionExpression: "attribute_exists(pk)",
      ...(hold === undefined
        ? {
            UpdateExpression: "SET updatedAt = :at REMOVE legalHold",
            ExpressionAttributeValues: { ":at": at },
          }
        : {
            UpdateExpression: "SET legalHold = :hold, updatedAt = :at",
            ExpressionAttributeValues: { ":hold": hold, ":at": at },
          }),
    });
  }

  /** The keys of the case's items whose sort key starts with `prefix` ("" for all of them). */
  private async partitionKeys(reference: string, prefix: string): Promise<{ pk: string; sk: string }[]> {
    const items = await queryCaseItems(this.client, this.tableName, reference, prefix, "pk, sk");
    return items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
  }

  private async delete(key: { pk: string; sk: string }): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }
}
