// The intake ledger on DynamoDB: an entry per input, created once (first writer wins) and given
// exactly one outcome, which is never overwritten — except by a staff release from quarantine, which
// keeps the quarantine in the entry's history.

import { createHash } from "node:crypto";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { IntakeEntry, IntakeOutcome } from "../../domain/intake";
import type { IntakeLedger } from "../../ports";
import { conditionalPut, conditionalUpdate, putIfAbsent } from "./dynamodb-conditional-writes";
import { workHour } from "./recent-work-index";
import { keys, lookupPartition } from "./table-keys";

export class DynamoDbIntakeLedger implements IntakeLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async open(entry: IntakeEntry): Promise<IntakeEntry> {
    const item = {
      ...keys.intake(entry.intakeId),
      itemType: "intake",
      ...entry,
      ...workHour(entry.receivedAt),
    };
    if (await putIfAbsent(this.client, this.tableName, item)) return entry;
    const stored = await this.get(entry.intakeId);
    if (!stored) throw new Error("intake entry vanished between a failed conditional write and its read");
    return stored;
  }

  async get(intakeId: string): Promise<IntakeEntry | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.intake(intakeId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, itemType: _type, outcome: _outcome, workHour: _hour, ...entry } = Item;
    return entry as IntakeEntry;
  }

  async recordRefusal(entry: IntakeEntry, expiresAt: number): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.intake(entry.intakeId),
          itemType: "intake",
          ...entry,
          outcome: entry.result?.outcome,
          expiresAt,
        },
      }),
    );
  }

  async recordOutcome(
    intakeId: string,
    outcome: IntakeOutcome,
    at: string,
    message?: { messageId: string; lookupWritten?: boolean },
  ): Promise<void> {
    const messageId = message?.messageId;
    if (messageId && !message.lookupWritten) {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: intakeMessageLookupItem(messageId, intakeId) }),
      );
    }
    if (outcome.outcome === "quarantined") {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.quarantine(intakeId),
            itemType: "quarantine",
            intakeId,
            reason: outcome.reason,
            at,
          },
        }),
      );
    }
    // A concurrent delivery of the same input may have decided first; its outcome stands.
    await conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.intake(intakeId),
      UpdateExpression: "SET #result = :result, outcome = :outcome, messageId = :messageId",
      ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#result)",
      ExpressionAttributeNames: { "#result": "result" },
      ExpressionAttributeValues: {
        ":result": { ...outcome, decidedAt: at },
        ":outcome": outcome.outcome,
        ":messageId": messageId ?? null,
      },
    });
  }

  async findByMessageId(messageId: string): Promise<IntakeEntry[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": lookupPartition("intake-message-id", messageId) },
        ConsistentRead: true,
      }),
    );
    return this.entries((page.Items ?? []).map((item) => String(item.intakeId)));
  }

  async claimDelivery(identity: string, intakeId: string, at: Date, windowHours: number): Promise<string> {
    const key = keys.delivery(createHash("sha256").update(identity).digest("hex"));
    const windowMs = windowHours * 3_600_000;
    const claimed = await conditionalPut(this.client, {
      TableName: this.tableName,
      Item: {
        ...key,
        itemType: "delivery",
        intakeId,
        takenAt: at.toISOString(),
        expiresAt: Math.ceil((at.getTime() + windowMs) / 1000),
      },
      // The first claim holds for the window; the same intake claiming again (a retry) holds too.
      ConditionExpression: "attribute_not_exists(pk) OR intakeId = :self OR takenAt < :windowStart",
      ExpressionAttributeValues: {
        ":self": intakeId,
        ":windowStart": new Date(at.getTime() - windowMs).toISOString(),
      },
    });
    if (claimed) return intakeId;
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    if (typeof Item?.intakeId !== "string")
      throw new Error("delivery claim vanished between a failed conditional write and its read");
    return Item.intakeId;
  }

  async listQuarantined(limit: number): Promise<IntakeEntry[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.quarantine("").pk },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const entries = await this.entries((page.Items ?? []).map((item) => String(item.intakeId)));
    // Released entries keep their index item; what they became is on the entry itself.
    return entries.filter((entry) => entry.result?.outcome === "quarantined");
  }

  async release(intakeId: string, releasedBy: string, at: string): Promise<boolean> {
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.intake(intakeId),
      UpdateExpression:
        "SET #history = list_append(if_not_exists(#history, :empty), :previous), #release = :release, workHour = :hour REMOVE #result, outcome",
      ConditionExpression: "#result.outcome = :quarantined",
      ExpressionAttributeNames: { "#history": "history", "#release": "release", "#result": "result" },
      ExpressionAttributeValues: {
        ":empty": [],
        ":previous": [await this.currentResult(intakeId)],
        ":release": { by: releasedBy, at },
        // A released input starts its intake afresh: the reconciler looks for it in the release's hour.
        ":hour": workHour(at).workHour,
        ":quarantined": "quarantined",
      },
    });
  }

  private async currentResult(intakeId: string): Promise<IntakeEntry["result"] | null> {
    return (await this.get(intakeId))?.result ?? null;
  }

  private async entries(intakeIds: string[]): Promise<IntakeEntry[]> {
    const entries = await Promise.all(intakeIds.map((id) => this.get(id)));
    return entries.filter((entry): entry is IntakeEntry => entry !== undefined);
  }
}

/** The item by which an intake entry is found from its input's Message-ID. */
export function intakeMessageLookupItem(messageId: string, intakeId: string) {
  return { ...keys.intakeMessageLookup(messageId, intakeId), itemType: "lookup", intakeId };
}
