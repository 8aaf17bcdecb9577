// The staff notification outbox against the DynamoDB emulator: a claim is taken once, given back only
// while it is being sent, and one write marks a digest's email sent, after which every notification
// it carried reads as sent to the reconciler; a notification claimed for an email never marked still
// reads as being sent. Only puts: the notifier may not update or delete an item.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningService, startDynamoDb } from "../../infra/local/emulators";
import { DynamoDbNotificationOutbox } from "../../shared/adapters/aws/dynamodb-notification-outbox";
import { DynamoDbRecentWorkIndex } from "../../shared/adapters/aws/dynamodb-recent-work-index";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const TABLE = "outbox";

describe("the notification outbox on DynamoDB", () => {
  let dataDir: string;
  let emulator: RunningService;
  let client: DynamoDBDocumentClient;
  let outbox: DynamoDbNotificationOutbox;
  let recent: DynamoDbRecentWorkIndex;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "heed-outbox-"));
    emulator = await startDynamoDb({ dataDir, port: 0 });
    const dynamodb = new DynamoDBClient({
      endpoint: emulator.endpoint,
      region: "eu-west-2",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await dynamodb.send(
      new CreateTableCommand({
        TableName: TABLE,
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "S" },
        ],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    client = DynamoDBDocumentClient.from(dynamodb);
    outbox = new DynamoDbNotificationOutbox(client, TABLE);
    recent = new DynamoDbRecentWorkIndex(client, TABLE);
  });

  afterAll(async () => {
    client?.destroy();
    await emulator?.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
