// What staff change on a case item, as conditional updates: a claim is taken only when the case is
// free (or on purpose, when taken over), a re-referral only from the level the colleague saw, and every
// change also records the first staff action, which the reports measure. The case is never replaced.

import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Correction, Referral, ReferralLevel } from "../../domain/case";
import type { CaseCorrectionChanges, ClaimResult, StaffCaseChanges } from "../../ports";
import { conditionalUpdate, unlessConditionFails } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

const NOTE_ACTION = "updatedAt = :at, firstStaffActionAt = if_not_exists(firstStaffActionAt, :at)";

export class DynamoDbStaffCaseChanges implements StaffCaseChanges {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(reference: string, by: string, at: string, takeOver: boolean): Promise<ClaimResult> {
    const taken = await unlessConditionFails(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.case(reference),
          UpdateExpression: `SET claim = :claim, ${NOTE_ACTION}`,
          ConditionExpression: takeOver
            ? "attribute_exists(pk)"
            : "attribute_exists(pk) AND (attribute_not_exists(claim) OR claim.#by = :by)",
          ExpressionAttributeValues: {
            ":claim": { by, at },
            ":at": at,
            ...(takeOver ? {} : { ":by": by }),
          },
          ...(takeOver ? {} : { ExpressionAttributeNames: { "#by": "by" } }),
          ReturnValues: "UPDATED_OLD",
        }),
      ),
    );
    if (taken) {
      const previous = (taken.Attributes?.claim as { by?: string } | undefined)?.by;
      return previous && previous !== by ? { claimed: true, previous } : { claimed: true };
    }
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.case(reference), ConsistentRead: true }),
    );
    return { claimed: false, heldBy: String((Item?.claim as { by?: string } | undefined)?.by ?? "") };
  }

  changeReferral(reference: string, from: ReferralLevel, referral: Referral, at: string): Promise<boolean> {
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.case(reference),
      // The case arrives unclaimed at its new level.
      UpdateExpression: `SET referral = :referral, ${NOTE_ACTION} REMOVE claim`,
      ConditionExpression: "referral.#level = :from AND #status = :open",
      ExpressionAttributeNames: { "#level": "level", "#status": "status" },
      ExpressionAttributeValues: { ":referral": referral, ":from": from, ":open": "open", ":at": at },
    });
  }

  async correct(
    reference: string,
    changes: CaseCorrectionChanges,
    corrections: Correction[],
    at: string,
  ): Promise<void> {
    const sets = [`corrections = list_append(if_not_exists(corrections, :none), :corrections)`, NOTE_ACTION];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ":none": [], ":corrections": corrections, ":at": at };
    const assign = (path: string, field: string, value: unknown) => {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`${path}.#${field} = :${field}`);
    };
    for (const [field, value] of Object.entries(changes.customer ?? {})) assign("customer", field, value);
    for (const [field, value] of Object.entries(changes.classification ?? {}))
      assign("classification", field, value);
    if (changes.transactionReferences) {
      values[":transactionReferences"] = changes.transactionReferences;
      sets.push("transactionReferences = :transactionReferences");
    }
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        UpdateExpression: `SET ${sets.join(", ")}`,
        ConditionExpression: "attribute_exists(pk)",
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      }),
    );
  }

  async noteStaffAction(reference: string, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        UpdateExpression: `SET ${NOTE_ACTION}`,
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":at": at },
      }),
    );
  }
}
