// CaseStore on DynamoDB. Every write that must happen once is a conditional single-item write on a
// natural key (DynamoDB Local emulators have no transactions, and none are needed for these guarantees).

import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Acknowledgement, CaseFlag, CaseFlagCode, CaseRecord, TimelineEvent } from "../../domain/case";
import type {
  CaseStore,
  CustomerGivenDetails,
  CustomerRecord,
  GivenDetails,
  LookupKind,
  RaisedSignals,
} from "../../ports";
import { queryCaseItems } from "./case-partition";
import { workHour } from "./recent-work-index";
import { isConditionFailure, keys, lookupPartition } from "./table-keys";

export class DynamoDbCaseStore implements CaseStore, CustomerGivenDetails {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createCase(record: CaseRecord, firstEvent: TimelineEvent): Promise<"created" | "exists"> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.case(record.reference),
            itemType: "case",
            ...record,
            ...workHour(record.createdAt),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      await this.appendEvent(firstEvent);
      return "exists";
    }
    await this.appendEvent(firstEvent);
    return "created";
  }

  async getCase(reference: string): Promise<CaseRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.case(reference), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, itemType: _type, workHour: _hour, ...record } = Item;
    return record as CaseRecord;
  }

  async appendEvent(event: TimelineEvent): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.event(event.caseReference, event.eventId), itemType: "event", ...event },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async timeline(reference: string): Promise<TimelineEvent[]> {
    const items = await queryCaseItems(this.client, this.tableName, reference, keys.eventPrefix);
    const events = items.map(
      ({ pk: _pk, sk: _sk, itemType: _type, ...event }) => event as unknown as TimelineEvent,
    );
    return events.sort((a, b) => a.at.localeCompare(b.at));
  }

  async findCaseReferences(kind: LookupKind, value: string): Promise<string[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": lookupPartition(kind, value) },
        ConsistentRead: true,
      }),
    );
    return (page.Items ?? []).map((item) => String(item.caseReference));
  }

  async addLookup(kind: LookupKind, value: string, caseReference: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.lookup(kind, value, caseReference), itemType: "lookup", caseReference },
      }),
    );
  }

  async markReferred(reference: string, sentAt: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        UpdateExpression: "SET referral.#state = :sent, referral.sentAt = :at, updatedAt = :at",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":sent": "sent", ":at": sentAt },
      }),
    );
  }

  async claimAcknowledgement(reference: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.case(reference),
          UpdateExpression: "SET acknowledgement = :claimed, updatedAt = :at",
          ConditionExpression: "acknowledgement.#state = :pending",
          ExpressionAttributeNames: { "#state": "state" },
          ExpressionAttributeValues: {
            ":pending": "pending",
            ":claimed": { state: "sending", claimedAt: at },
            ":at": at,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async settleAcknowledgement(reference: string, result: Acknowledgement, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        UpdateExpression: "SET acknowledgement = :result, updatedAt = :at",
        ConditionExpression: "acknowledgement.#state = :sending",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":sending": "sending", ":result": result, ":at": at },
      }),
    );
  }

  async setFlag(reference: string, code: CaseFlagCode, flag: CaseFlag): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        UpdateExpression: "SET flags.#code = :flag, updatedAt = :at",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#code": code },
        ExpressionAttributeValues: { ":flag": flag, ":at": flag.at },
      }),
    );
  }

  async reopen(reference: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.case(reference),
          UpdateExpression: "SET #status = :open, updatedAt = :at",
          ConditionExpression: "attribute_exists(pk) AND #status <> :open",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":open": "open", ":at": at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async recordGivenDetails(reference: string, given: GivenDetails, at: string): Promise<void> {
    const sets = [
      "extracted = :extracted",
      "transactionReferences = :transactionReferences",
      "updatedAt = :at",
    ];
    const values: Record<string, unknown> = {
      ":extracted": given.extracted,
      ":transactionReferences": given.transactionReferences,
      ":at": at,
    };
    if (given.phone) {
      sets.push("customer.phone = :phone");
      values[":phone"] = given.phone;
    }
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        UpdateExpression: `SET ${sets.join(", ")}`,
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: values,
      }),
    );
  }

  async raiseSignals(reference: string, change: RaisedSignals, at: string): Promise<boolean> {
    const { referral } = change;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.case(reference),
          UpdateExpression: [
            "SET classification.signals = :signals",
            "classification.evidence = list_append(classification.evidence, :evidence)",
            "updatedAt = :at",
            ...(referral ? ["referral = :referral"] : []),
          ].join(", "),
          ConditionExpression: referral ? "referral.#level = :from" : "attribute_exists(pk)",
          ...(referral ? { ExpressionAttributeNames: { "#level": "level" } } : {}),
          ExpressionAttributeValues: {
            ":signals": change.signals,
            ":evidence": change.evidence,
            ":at": at,
            ...(referral ? { ":referral": referral.to, ":from": referral.from } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async findOrCreateCustomer(email: string, offeredReference: string, at: string): Promise<CustomerRecord> {
    const offered: CustomerRecord = { customerReference: offeredReference, email, createdAt: at };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.customer(email), itemType: "customer", ...offered },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return offered;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.customer(email), ConsistentRead: true }),
    );
    if (!Item) throw new Error("customer vanished between a failed conditional write and its read");
    return { customerReference: String(Item.customerReference), email, createdAt: String(Item.createdAt) };
  }
}
