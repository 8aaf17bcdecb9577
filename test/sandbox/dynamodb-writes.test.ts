// The DynamoDB building blocks every adapter shares, against the DynamoDB emulator: a conditional write
// whose condition does not hold answers false and changes nothing, any other failure is thrown, and a
// partition larger than one page (1 MB) is read whole through the SDK's paginator, and the puts of one
// step sent in batches are all written, however many there are; the complaints return's entries, one item
// a case, read back as cells beside a cell written as sets.

import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryCaseItems } from "../../shared/adapters/aws/case-partition";
import { putTogether } from "../../shared/adapters/aws/dynamodb-batch-writes";
import { DynamoDbComplaintReturnCounters } from "../../shared/adapters/aws/dynamodb-complaint-records";
import {
  conditionalPut,
  conditionalUpdate,
  putIfAbsent,
  unlessConditionFails,
} from "../../shared/adapters/aws/dynamodb-conditional-writes";
import { keys } from "../../shared/adapters/aws/table-keys";
import { type EmulatedTable, startEmulatedTable } from "./support/emulated-table";

const TABLE = "writes";

describe("DynamoDB conditional writes and paginated reads", () => {
  let table: EmulatedTable;
  let client: DynamoDBDocumentClient;

  beforeAll(async () => {
    table = await startEmulatedTable(TABLE);
    client = table.client;
  });

  afterAll(async () => {
    await table?.stop();
  });

  const read = async (key: { pk: string; sk: string }) =>
    (await client.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;

  it("puts an absent item once: the second writer is told no and the first item stays", async () => {
    // Prepare
    const key = { pk: "CUSTOMER#first", sk: "CUSTOMER" };

    // Act
    const first = await putIfAbsent(client, TABLE, { ...key, writer: "first" });
    const second = await putIfAbsent(client, TABLE, { ...key, writer: "second" });

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(await read(key)).toMatchObject({ writer: "first" });
  });

  it("applies a conditional put or update only while its condition holds", async () => {
    // Prepare
    const key = { pk: "NOTIFICATION#n1", sk: "NOTIFICATION" };
    const claim = () =>
      conditionalPut(client, {
        TableName: TABLE,
        Item: { ...key, state: "sending" },
        ConditionExpression: "attribute_not_exists(pk) OR #state = :released",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":released": "released" },
      });
    const release = () =>
      conditionalUpdate(client, {
        TableName: TABLE,
        Key: key,
        UpdateExpression: "SET #state = :released",
        ConditionExpression: "#state = :sending",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":sending": "sending", ":released": "released" },
      });

    // Act
    const outcomes = [await claim(), await claim(), await release(), await release(), await claim()];

    // Assess
    expect(outcomes).toEqual([true, false, true, false, true]);
    expect(await read(key)).toMatchObject({ state: "sending" });
  });

  it("gives back the write's output when its condition holds, and nothing when it does not", async () => {
    // Prepare
    const key = { pk: "CASE#CS-1", sk: "CASE" };
    await putIfAbsent(client, TABLE, { ...key, claim: "alex" });
    const takeFrom = (holder: string) =>
      unlessConditionFails(
        client.send(
          new UpdateCommand({
            TableName: TABLE,
            Key: key,
            UpdateExpression: "SET claim = :sam",
            ConditionExpression: "claim = :holder",
            ExpressionAttributeValues: { ":sam": "sam", ":holder": holder },
            ReturnValues: "UPDATED_OLD",
          }),
        ),
      );

    // Act
    const taken = await takeFrom("alex");
    const refused = await takeFrom("alex");

    // Assess
    expect(taken?.Attributes).toEqual({ claim: "alex" });
    expect(refused).toBeUndefined();
  });

  it("throws every failure that is not a failed condition", async () => {
    await expect(putIfAbsent(client, "no-such-table", { pk: "A", sk: "B" })).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(
      conditionalUpdate(client, {
        TableName: TABLE,
        Key: { pk: "A", sk: "B" },
        UpdateExpression: "SET",
        ConditionExpression: "attribute_exists(pk)",
      }),
    ).rejects.toMatchObject({ name: "ValidationException" });
  });

  it("reads every item of a partition that spans several pages", async () => {
    // Prepare: 40 items of 40 KB, 1.6 MB in all, past the 1 MB a query page holds
    const reference = "CS-PAGES";
    const padding = "x".repeat(40 * 1024);
    for (let index = 0; index < 40; index++) {
      await putIfAbsent(client, TABLE, {
        ...keys.event(reference, String(index).padStart(2, "0")),
        padding,
      });
    }

    const firstPage = await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.case(reference).pk },
      }),
    );

    // Act
    const items = await queryCaseItems(client, TABLE, reference, keys.eventPrefix, "pk, sk");

    // Assess
    expect(firstPage.LastEvaluatedKey).toBeDefined();
    expect(items.map((item) => item.sk)).toEqual(
      Array.from({ length: 40 }, (_, index) => `${keys.eventPrefix}${String(index).padStart(2, "0")}`),
    );
  });

  it("puts every item of a step sent together, over more than one batch's worth", async () => {
    // Prepare: 30 events of one case, more than one BatchWriteItem takes, and one already there
    const reference = "CS-BATCHES";
    const items = Array.from({ length: 30 }, (_, index) => ({
      ...keys.event(reference, `event-${String(index).padStart(2, "0")}`),
      n: index,
    }));
    await putIfAbsent(client, TABLE, { ...keys.event(reference, "event-00"), n: -1 });

    // Act
    await putTogether(client, TABLE, items);

    // Assess: all 30 are there, the earlier copy replaced, since a batch's puts carry no condition
    const stored = await queryCaseItems(client, TABLE, reference, keys.eventPrefix);
    expect(stored.map((item) => item.n)).toEqual(items.map((item) => item.n));
  });

  it("reads the complaints return's entries as cells, counting a case written twice once, beside a cell of sets", async () => {
    // Prepare: a cell written as sets, and entries of one case each, one of them written again
    const counters = new DynamoDbComplaintReturnCounters(client, TABLE);
    const delivery = { category: "delivery", cause: "carrier" };
    await client.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          pk: "COMPLAINTS-RETURN#2026-10",
          sk: "2026-10-30#delivery#carrier",
          itemType: "complaints-return",
          day: "2026-10-30",
          ...delivery,
          opened: new Set(["CS-OLD00001"]),
          redress: new Set(["CS-OLD00001=5.00"]),
        },
      }),
    );
    const day = { day: "2026-11-02", ...delivery };
    await counters.count(day, "opened", "CS-0000000B");
    await counters.count(day, "opened", "CS-0000000A");
    await counters.count(day, "opened", "CS-0000000A");
    await counters.count(day, "upheld", "CS-0000000A");
    await counters.addRedress(day, "CS-0000000A", 25);
    await counters.count({ day: "2026-11-02", category: "billing", cause: "error" }, "opened", "CS-0000000C");
    await counters.count({ day: "2026-11-20", ...delivery }, "opened", "CS-0000000D");

    // Act
    const cells = await counters.between("2026-10-01", "2026-11-02");

    // Assess
    expect(cells).toEqual([
      {
        day: "2026-10-30",
        ...delivery,
        measures: { opened: ["CS-OLD00001"] },
        redress: ["CS-OLD00001=5.00"],
      },
      {
        day: "2026-11-02",
        category: "billing",
        cause: "error",
        measures: { opened: ["CS-0000000C"] },
        redress: [],
      },
      {
        ...day,
        measures: { opened: ["CS-0000000A", "CS-0000000B"], upheld: ["CS-0000000A"] },
        redress: ["CS-0000000A=25.00"],
      },
    ]);
  });
});
