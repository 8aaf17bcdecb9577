// Regulated complaint handling on DynamoDB: the payment-services attribute, the regulated letters sent
// and the clocks' pauses, kept on the case item (so every read of the case computes its clocks), and
// the complaints return's counters, one partition per month (`COMPLAINTS-RETURN#<yyyy-mm>`) sorted by
// London day.
// Each case counted under a measure is an item of its own, keyed by the reference, so a retried write
// counts nothing twice and a write costs the same however many complaints a day brings (a set of
// references in one item per cell grew with the day's complaints, and every write paid for all of it).
// Cells written as sets before are still read.

import { type DynamoDBDocumentClient, PutCommand, paginateQuery, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ClockPause } from "../../domain/complaint-clocks";
import {
  COMPLAINT_RETURN_MEASURES,
  type ComplaintRecords,
  type ComplaintReturnCell,
  type ComplaintReturnCount,
  type ComplaintReturnCounters,
  type ComplaintReturnMeasure,
} from "../../ports";
import { conditionalUpdate } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

export class DynamoDbComplaintRecords implements ComplaintRecords {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The nested map must exist before a path inside it can be set; creating it is harmless when it does. */
  private async ensureHandling(reference: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        UpdateExpression: "SET complaintHandling = if_not_exists(complaintHandling, :empty)",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":empty": {} },
      }),
    );
  }

  async setPaymentServices(reference: string, paymentServices: boolean, at: string): Promise<void> {
    await this.ensureHandling(reference);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        UpdateExpression: "SET complaintHandling.paymentServices = :value, updatedAt = :at",
        ExpressionAttributeValues: { ":value": paymentServices, ":at": at },
      }),
    );
  }

  async noteRegulatedLetter(reference: string, letterId: string, at: string): Promise<void> {
    await this.ensureHandling(reference);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.case(reference),
        UpdateExpression:
          "SET complaintHandling.letters = list_append(if_not_exists(complaintHandling.letters, :none), :letter), updatedAt = :at",
        ExpressionAttributeValues: { ":none": [], ":letter": [{ letterId, at }], ":at": at },
      }),
    );
  }

  /** Writes only if another colleague's change has not made the pauses anything but what was read. */
  private conditionally(
    update: Omit<UpdateCommand["input"], "TableName" | "Key"> & { ConditionExpression: string },
    reference: string,
  ) {
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.case(reference),
      ...update,
    });
  }

  async startPause(reference: string, pause: ClockPause, pausesBefore: number): Promise<boolean> {
    await this.ensureHandling(reference);
    return this.conditionally(
      {
        UpdateExpression:
          "SET complaintHandling.pauses = list_append(if_not_exists(complaintHandling.pauses, :none), :pause), updatedAt = :at",
        ConditionExpression:
          pausesBefore === 0
            ? "attribute_not_exists(complaintHandling.pauses) OR size(complaintHandling.pauses) = :count"
            : "size(complaintHandling.pauses) = :count",
        ExpressionAttributeValues: {
          ":none": [],
          ":pause": [pause],
          ":at": pause.from,
          ":count": pausesBefore,
        },
      },
      reference,
    );
  }

  async endPause(reference: string, index: number, until: string): Promise<boolean> {
    return this.conditionally(
      {
        UpdateExpression: `SET complaintHandling.pauses[${index}].#until = :until, updatedAt = :until`,
        ConditionExpression: `attribute_exists(complaintHandling.pauses[${index}]) AND attribute_not_exists(complaintHandling.pauses[${index}].#until)`,
        ExpressionAttributeNames: { "#until": "until" },
        ExpressionAttributeValues: { ":until": until },
      },
      reference,
    );
  }
}

const MEASURES = COMPLAINT_RETURN_MEASURES;

function monthsBetween(fromDay: string, toDay: string): string[] {
  const months: string[] = [];
  const cursor = new Date(`${fromDay.slice(0, 7)}-01T00:00:00Z`);
  while (cursor.toISOString().slice(0, 7) <= toDay.slice(0, 7)) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

export class DynamoDbComplaintReturnCounters implements ComplaintReturnCounters {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async add(cell: ComplaintReturnCell, measure: string, value: string): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: complaintsReturnEntry(cell, measure, value) }),
    );
  }

  count(cell: ComplaintReturnCell, measure: ComplaintReturnMeasure, reference: string): Promise<void> {
    return this.add(cell, measure, reference);
  }

  addRedress(cell: ComplaintReturnCell, reference: string, amount: number): Promise<void> {
    return this.add(cell, "redress", `${reference}=${amount.toFixed(2)}`);
  }

  async between(fromDay: string, toDay: string): Promise<ComplaintReturnCount[]> {
    const cells = new Map<string, ComplaintReturnCount>();
    const cellOf = (item: Record<string, unknown>) => {
      const cell = { day: String(item.day), category: String(item.category), cause: String(item.cause) };
      const id = JSON.stringify(cell);
      const count = cells.get(id) ?? { ...cell, measures: {}, redress: [] };
      cells.set(id, count);
      return count;
    };
    for (const month of monthsBetween(fromDay, toDay)) {
      const pages = paginateQuery(
        { client: this.client },
        {
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
          ExpressionAttributeValues: {
            ":pk": keys.complaintsReturnMonth(month),
            ":from": fromDay,
            ":to": `${toDay}~`,
          },
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const count = cellOf(item);
          if (item.itemType === "complaints-return-entry") {
            const value = String(item.value);
            if (item.measure === "redress") count.redress.push(value);
            else {
              const measure = item.measure as ComplaintReturnMeasure;
              count.measures[measure] = [...(count.measures[measure] ?? []), value];
            }
            continue;
          }
          // A cell written as sets of references.
          for (const measure of MEASURES)
            if (item[measure] instanceof Set)
              count.measures[measure] = [
                ...(count.measures[measure] ?? []),
                ...(item[measure] as Set<string>),
              ];
          if (item.redress instanceof Set) count.redress.push(...(item.redress as Set<string>));
        }
      }
    }
    return [...cells.values()].map((count) => ({
      ...count,
      measures: Object.fromEntries(
        Object.entries(count.measures).map(([measure, references]) => [
          measure,
          [...new Set(references)].sort(),
        ]),
      ),
      redress: [...new Set(count.redress)].sort(),
    }));
  }
}

/** The table item of one case (or redress payment) counted under one measure of a cell. */
export function complaintsReturnEntry(cell: ComplaintReturnCell, measure: string, value: string) {
  return {
    ...keys.complaintsReturnEntry(cell, measure, value),
    itemType: "complaints-return-entry",
    ...cell,
    measure,
    value,
  };
}
