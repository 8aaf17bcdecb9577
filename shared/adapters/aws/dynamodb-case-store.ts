// CaseStore on DynamoDB. Every write that must happen once is a conditional single-item write on a
// natural key (DynamoDB Local emulators have no transactions, and none are needed for these guarantees).
// The unconditional items of one step (timeline events, lookups, and a new case's first due items, queue
// entry, complaints return entry and report rows) are put one request each, or, by the store of a function allowed to
// write in batches (intake), together in one BatchWriteItem.

import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type {
  Acknowledgement,
  CaseFlag,
  CaseFlagCode,
  CaseRecord,
  Referral,
  TimelineEvent,
} from "../../domain/case";
import type {
  CaseItems,
  CaseStore,
  CustomerGivenDetails,
  CustomerRecord,
  GivenDetails,
  LookupKind,
  RaisedSignals,
} from "../../ports";
import { queryCaseItems } from "./case-partition";
import { CASE_ITEMS_PREFIX, CASE_STATE_ITEM_TYPE, isCaseStateKey, withState } from "./case-state";
import { putTogether } from "./dynamodb-batch-writes";
import { caseReportItem, referralReportItem } from "./dynamodb-case-reports";
import { complaintsReturnEntry } from "./dynamodb-complaint-records";
import { conditionalUpdate, putIfAbsent } from "./dynamodb-conditional-writes";
import { pendingDueItem } from "./dynamodb-due-items";
import { intakeMessageLookupItem } from "./dynamodb-intake-ledger";
import { queueEntryItem } from "./dynamodb-work-queues";
import { workHour } from "./recent-work-index";
import { storedCaseAttributes, storedEvidence } from "./stored-evidence";
import { keys, lookupPartition } from "./table-keys";

type Item = Record<string, unknown> & { pk: string; sk: string };

export class DynamoDbCaseStore implements CaseStore, CustomerGivenDetails {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async createCase(record: CaseRecord): Promise<"created" | "exists"> {
    const created = await putIfAbsent(this.client, this.tableName, {
      ...keys.case(record.reference),
      itemType: "case",
      ...storedCaseAttributes(record),
      ...workHour(record.createdAt),
    });
    return created ? "created" : "exists";
  }

  /** The case item and its state item in one strongly consistent query (one read unit for both). */
  async getCase(reference: string): Promise<CaseRecord | undefined> {
    const items = await queryCaseItems(this.client, this.tableName, reference, CASE_ITEMS_PREFIX);
    const item = items.find((candidate) => candidate.sk === keys.case(reference).sk);
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, itemType: _type, workHour: _hour, ...record } = item;
    return withState(
      record as unknown as CaseRecord,
      items.find((candidate) => isCaseStateKey(candidate as Item)),
    );
  }

  async appendEvent(event: TimelineEvent): Promise<void> {
    await putIfAbsent(this.client, this.tableName, eventItem(event));
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
    await this.putItems([lookupItem(kind, value, caseReference)]);
  }

  addLookups(caseReference: string, lookups: readonly { kind: LookupKind; value: string }[]): Promise<void> {
    return this.addToCase(caseReference, { lookups });
  }

  addToCase(caseReference: string, items: CaseItems): Promise<void> {
    const { events = [], lookups = [], dueItems = [], queueEntries = [], complaintReturn = [] } = items;
    const { intakeMessage, caseReports = [], referralReports = [] } = items;
    return this.putItems([
      ...events.map(eventItem),
      ...lookups.map(({ kind, value }) => lookupItem(kind, value, caseReference)),
      ...(intakeMessage ? [intakeMessageLookupItem(intakeMessage.messageId, intakeMessage.intakeId)] : []),
      ...dueItems.map(pendingDueItem),
      ...queueEntries.map(queueEntryItem),
      ...complaintReturn.map(({ cell, measure }) => complaintsReturnEntry(cell, measure, caseReference)),
      ...caseReports.map(caseReportItem),
      ...referralReports.map(referralReportItem),
    ]);
  }

  /** Puts each item in a request of its own, all at once; every put is settled before a failure is thrown. */
  protected async putItems(items: readonly Item[]): Promise<void> {
    const results = await Promise.allSettled(
      items.map((Item) => this.client.send(new PutCommand({ TableName: this.tableName, Item }))),
    );
    const failure = results.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
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

  /**
   * On the state item: the case item's acknowledgement is the one it was created with and never changes,
   * so a state item without one means the caller's "pending" still holds.
   */
  claimAcknowledgement(reference: string, at: string, referred?: Referral): Promise<boolean> {
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.caseState(reference),
      UpdateExpression: [
        "SET acknowledgement = :claimed, updatedAt = :at, itemType = :type",
        ...(referred ? ["referral = :referred"] : []),
      ].join(", "),
      ConditionExpression: "attribute_not_exists(acknowledgement) OR acknowledgement.#state = :pending",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: {
        ":pending": "pending",
        ":claimed": { state: "sending", claimedAt: at },
        ":at": at,
        ":type": CASE_STATE_ITEM_TYPE,
        ...(referred ? { ":referred": referred } : {}),
      },
    });
  }

  async settleAcknowledgement(
    reference: string,
    result: Acknowledgement,
    at: string,
    contactAt?: string,
  ): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.caseState(reference),
        UpdateExpression: `SET acknowledgement = :result, updatedAt = :at${contactAt ? ", lastContactAt = :contact" : ""}`,
        ConditionExpression: "acknowledgement.#state = :sending",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: {
          ":sending": "sending",
          ":result": result,
          ":at": at,
          ...(contactAt ? { ":contact": contactAt } : {}),
        },
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

  reopen(reference: string, at: string): Promise<boolean> {
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.case(reference),
      UpdateExpression: "SET #status = :open, updatedAt = :at",
      ConditionExpression: "attribute_exists(pk) AND #status <> :open",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":open": "open", ":at": at },
    });
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

  raiseSignals(reference: string, change: RaisedSignals, at: string): Promise<boolean> {
    const { referral } = change;
    return conditionalUpdate(this.client, {
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
        ":evidence": storedEvidence(change.evidence),
        ":at": at,
        ...(referral ? { ":referral": referral.to, ":from": referral.from } : {}),
      },
    });
  }

  async findOrCreateCustomer(email: string, offeredReference: string, at: string): Promise<CustomerRecord> {
    const offered: CustomerRecord = { customerReference: offeredReference, email, createdAt: at };
    const item = { ...keys.customer(email), itemType: "customer", ...offered };
    if (await putIfAbsent(this.client, this.tableName, item)) return offered;
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.customer(email), ConsistentRead: true }),
    );
    if (!Item) throw new Error("customer vanished between a failed conditional write and its read");
    return { customerReference: String(Item.customerReference), email, createdAt: String(Item.createdAt) };
  }
}

/**
 * The case store of a function that may write in batches (intake): the items of one step go in one
 * BatchWriteItem instead of a PutItem each.
 */
export class BatchWritingCaseStore extends DynamoDbCaseStore {
  protected override async putItems(items: readonly Item[]): Promise<void> {
    if (items.length === 1) return super.putItems(items);
    await putTogether(this.client, this.tableName, items);
  }
}

function eventItem(event: TimelineEvent): Item {
  return { ...keys.event(event.caseReference, event.eventId), itemType: "event", ...event };
}

function lookupItem(kind: LookupKind, value: string, caseReference: string): Item {
  return { ...keys.lookup(kind, value, caseReference), itemType: "lookup", caseReference };
}
