// The staff notification outbox against the DynamoDB emulator: a claim is taken once, given back only
// while it is being sent, and one write marks a digest's email sent, after which every notification
// it carried reads as sent to the reconciler; a notification claimed for an email never marked still
// reads as being sent. Only puts: the notifier may not update or delete an item.

import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDbNotificationOutbox } from "../../shared/adapters/aws/dynamodb-notification-outbox";
import { DynamoDbRecentWorkIndex } from "../../shared/adapters/aws/dynamodb-recent-work-index";
import { type EmulatedTable, startEmulatedTable } from "./support/emulated-table";

const TABLE = "outbox";

describe("the notification outbox on DynamoDB", () => {
  let table: EmulatedTable;
  let client: DynamoDBDocumentClient;
  let outbox: DynamoDbNotificationOutbox;
  let recent: DynamoDbRecentWorkIndex;

  beforeAll(async () => {
    table = await startEmulatedTable(TABLE);
    client = table.client;
    outbox = new DynamoDbNotificationOutbox(client, TABLE);
    recent = new DynamoDbRecentWorkIndex(client, TABLE);
  });

  afterAll(async () => {
    await table?.stop();
  });

  it("claims once, and gives a claim back only while it is being sent", async () => {
    const at = "2026-12-02T10:00:00.000Z";
    const outcomes = [
      await outbox.claim("CS-1#frontline", at, "CS-1#frontline"),
      await outbox.claim("CS-1#frontline", at, "CS-1#frontline"),
    ];
    await outbox.release("CS-1#frontline");
    outcomes.push(await outbox.claim("CS-1#frontline", at, "CS-1#frontline"));
    await outbox.markSent("CS-1#frontline", { claimedAt: at, at, messageId: "m1@example" });
    await outbox.release("CS-1#frontline");

    expect(outcomes).toEqual([true, false, true]);
    expect(await outbox.claim("CS-1#frontline", at, "CS-1#frontline")).toBe(false);
    expect(await recent.notifications(["CS-1#frontline"])).toEqual([
      expect.objectContaining({ notificationId: "CS-1#frontline", state: "sent", sentAt: at }),
    ]);
  });

  it("marks a digest sent in one write: each notification it carried reads as sent and cannot be claimed again", async () => {
    const at = "2026-12-02T11:00:00.000Z";
    const digest = "digest:supervisor:2026-12-02T11:00:00.000Z:CS-2#supervisor";
    const ids = ["CS-2#supervisor", "CS-3#supervisor"];
    for (const id of ids) expect(await outbox.claim(id, at, digest)).toBe(true);
    expect(await outbox.claim("CS-4#supervisor", at, "digest:never-marked")).toBe(true);

    await outbox.markSent(digest, { claimedAt: at, at: "2026-12-02T11:00:05.000Z", messageId: "m2@example" });

    const records = await recent.notifications([...ids, "CS-4#supervisor"]);
    const states = Object.fromEntries(records.map((record) => [record.notificationId, record.state]));
    expect(states).toEqual({
      "CS-2#supervisor": "sent",
      "CS-3#supervisor": "sent",
      "CS-4#supervisor": "sending",
    });
    for (const id of ids) expect(await outbox.claim(id, at, "digest:retry")).toBe(false);
  });
});
