// The reconciler's reads on DynamoDB, none of which grows with the table's history: one Query of the
// recent-work index per hour of the window (keys only), then the items themselves in strongly consistent
// batches of a hundred, and the checkpoint item that says when the last run finished.

import { type DynamoDBDocumentClient, GetCommand, paginateQuery } from "@aws-sdk/lib-dynamodb";
import type { CaseRecord } from "../../domain/case";
import type { IntakeEntry } from "../../domain/intake";
import type { NotificationRecord, RawMailArrival, RecentWork, RecentWorkIndex } from "../../ports";
import { CASE_STATE_ITEM_TYPE, type CaseState, referenceOf, withState } from "./case-state";
import { type ItemKey, readTogether } from "./dynamodb-batch-reads";
import { conditionalUpdate } from "./dynamodb-conditional-writes";
import { RECENT_WORK_INDEX, WORK_HOUR_ATTRIBUTE, workHoursBetween } from "./recent-work-index";
import { keys } from "./table-keys";

type Item = Record<string, unknown>;

export class DynamoDbRecentWorkIndex implements RecentWorkIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(from: Date, to: Date): Promise<RecentWork> {
    const work: RecentWork = { entries: [], arrivals: [], cases: [], unqueuedThemeAlerts: [] };
    const indexed: ItemKey[] = [];
    for (const hour of workHoursBetween(from, to)) indexed.push(...(await this.keysIn(hour)));
    // A case's state item is read with it: the index holds case items only.
    const stateKeys = indexed.filter((key) => key.sk === CASE_SK).map((key) => ({ ...key, sk: STATE_SK }));
    const items = await this.items([...indexed, ...stateKeys]);
    const states = statesIn(items);
    for (const stored of items) {
      const { pk: _pk, sk: _sk, itemType, outcome: _outcome, workHour: _hour, ...item } = stored;
      if (itemType === "intake") work.entries.push(item as unknown as IntakeEntry);
      else if (itemType === "arrival") work.arrivals.push(arrivalOf(item));
      else if (itemType === "case") work.cases.push(caseOf(stored, states));
      else if (itemType === "theme-alert" && item.alert) {
        work.unqueuedThemeAlerts.push({ alert: item.alert as never, claimedAt: String(item.at) });
      }
    }
    return work;
  }

  async entries(intakeIds: readonly string[]): Promise<IntakeEntry[]> {
    return (await this.items(intakeIds.map((id) => keys.intake(id)))).map(
      ({ pk: _pk, sk: _sk, itemType: _type, outcome: _outcome, workHour: _hour, ...entry }) =>
        entry as unknown as IntakeEntry,
    );
  }

  async cases(references: readonly string[]): Promise<CaseRecord[]> {
    const items = await this.items(
      references.flatMap((reference) => [keys.case(reference), keys.caseState(reference)]),
    );
    const states = statesIn(items);
    return items.filter((item) => item.itemType === "case").map((item) => caseOf(item, states));
  }

  async notifications(notificationIds: readonly string[]): Promise<NotificationRecord[]> {
    const claims = await this.items(notificationIds.map((id) => keys.notification(id)));
    // A notification claimed for a digest is sent when the digest's email is marked sent.
    const inDigests = claims.filter(
      (claim) =>
        claim.state === "sending" && claim.emailId !== undefined && claim.emailId !== claim.notificationId,
    );
    const sentEmails = new Map(
      (await this.items(inDigests.map((claim) => keys.notification(String(claim.emailId)))))
        .filter((email) => email.state === "sent")
        .map((email) => [String(email.notificationId), String(email.sentAt)]),
    );
    return claims.map(({ pk: _pk, sk: _sk, itemType: _type, emailId, ...record }) => {
      const sentAt = sentEmails.get(String(emailId));
      return {
        ...record,
        ...(sentAt && record.state === "sending" ? { state: "sent", sentAt } : {}),
      } as unknown as NotificationRecord;
    });
  }

  async lastRun(): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.reconcilerCheckpoint, ConsistentRead: true }),
    );
    return typeof Item?.finishedRunAt === "string" ? Item.finishedRunAt : undefined;
  }

  async recordRun(at: string): Promise<void> {
    // A run replayed for an earlier moment leaves the later checkpoint in place.
    await conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.reconcilerCheckpoint,
      UpdateExpression: "SET finishedRunAt = :at, itemType = :type",
      ConditionExpression: "attribute_not_exists(finishedRunAt) OR finishedRunAt < :at",
      ExpressionAttributeValues: { ":at": at, ":type": "reconciler-checkpoint" },
    });
  }

  private async keysIn(hour: string): Promise<ItemKey[]> {
    const found: ItemKey[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: RECENT_WORK_INDEX,
        KeyConditionExpression: "#hour = :hour",
        ExpressionAttributeNames: { "#hour": WORK_HOUR_ATTRIBUTE },
        ExpressionAttributeValues: { ":hour": hour },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) found.push({ pk: String(item.pk), sk: String(item.sk) });
    }
    return found;
  }

  /** The items under these keys that exist, read strongly consistent (an index read is eventual). */
  private async items(wanted: readonly ItemKey[]): Promise<Item[]> {
    return [...(await readTogether(this.client, this.tableName, wanted)).values()];
  }
}

const CASE_SK = keys.case("").sk;
const STATE_SK = keys.caseState("").sk;

/** The state items among `items`, by case reference. */
function statesIn(items: readonly Item[]): Map<string, CaseState> {
  return new Map(
    items
      .filter((item) => item.itemType === CASE_STATE_ITEM_TYPE)
      .map((item) => [referenceOf(item as ItemKey), item as CaseState]),
  );
}

function caseOf(item: Item, states: ReadonlyMap<string, CaseState>): CaseRecord {
  const { pk, sk: _sk, itemType: _type, workHour: _hour, ...record } = item;
  return withState(record as unknown as CaseRecord, states.get(referenceOf({ pk })));
}

function arrivalOf(item: Item): RawMailArrival {
  return { bucket: String(item.bucket), key: String(item.key), receivedAt: String(item.receivedAt) };
}
