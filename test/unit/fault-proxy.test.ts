import { createServer, type Server } from "node:http";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServer, listenLocally } from "../../infra/local/emulators";
import { FaultInjector, operationOf, startFaultProxy } from "../../infra/local/fault-proxy";

describe("operationOf", () => {
  const url = (path: string) => new URL(path, "http://127.0.0.1");

  it("reads JSON-protocol operations from X-Amz-Target", () => {
    expect(operationOf("dynamodb", "POST", url("/"), "DynamoDB_20120810.PutItem")).toBe("PutItem");
    expect(operationOf("sqs", "POST", url("/"), "AmazonSQS.SendMessage")).toBe("SendMessage");
  });

  it("names SES v2 and S3 REST operations from the method and path", () => {
    expect(operationOf("ses", "POST", url("/v2/email/outbound-emails"), undefined)).toBe("SendEmail");
    expect(operationOf("s3", "GET", url("/bucket/inbound/key"), undefined)).toBe("GetObject");
    expect(operationOf("s3", "GET", url("/bucket?list-type=2"), undefined)).toBe("ListObjectsV2");
    expect(operationOf("s3", "DELETE", url("/bucket/attachments/x"), undefined)).toBe("DeleteObject");
  });
});

describe("FaultInjector", () => {
  it("answers matching calls with the fault the given number of times, then lets them through", () => {
    const injector = new FaultInjector();
    const fault = injector.inject({
      service: "ses",
      operations: ["SendEmail"],
      matching: "jo@",
      fault: "throttling",
      times: 2,
    });

    const answers = [1, 2, 3].map(() => injector.take("ses", "SendEmail", "to jo@example.org"));

    expect(answers).toEqual(["throttling", "throttling", undefined]);
    expect(injector.take("ses", "SendEmail", "to sam@example.org")).toBeUndefined();
    expect(injector.take("sqs", "SendEmail", "to jo@example.org")).toBeUndefined();
    expect(fault.hits).toBe(2);
  });

  it("fails until cleared when no count is given", () => {
    const injector = new FaultInjector();
    const fault = injector.inject({ service: "dynamodb", fault: "unavailable" });

    expect(injector.take("dynamodb", "Query", "")).toBe("unavailable");
    fault.clear();
    expect(injector.take("dynamodb", "Query", "")).toBeUndefined();
  });
});

describe("the fault proxy", () => {
  let upstream: Server;
  let upstreamUrl: string;
  const injector = new FaultInjector();
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      response.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
      response.end(JSON.stringify({ Item: { pk: { S: request.headers["x-amz-target"] ?? "" } } }));
    });
    upstreamUrl = `http://127.0.0.1:${await listenLocally(upstream, { port: 0, service: "upstream" })}`;
    proxy = await startFaultProxy("dynamodb", upstreamUrl, injector);
  });

  afterAll(async () => {
    await proxy.stop();
    await closeServer(upstream);
  });

  const client = () =>
    new DynamoDBClient({
      endpoint: proxy.endpoint,
      region: "eu-west-2",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 1,
    });

  it("forwards calls no fault matches, unchanged", async () => {
    const { Item } = await client().send(new GetItemCommand({ TableName: "t", Key: { pk: { S: "a" } } }));

    expect(Item?.pk?.S).toBe("DynamoDB_20120810.GetItem");
  });

  it("answers a matching call as DynamoDB does when throttling", async () => {
    injector.inject({ service: "dynamodb", operations: ["GetItem"], fault: "throughput-exceeded", times: 1 });

    const error = await client()
      .send(new GetItemCommand({ TableName: "t", Key: { pk: { S: "a" } } }))
      .catch((caught: Error) => caught);

    expect(error).toMatchObject({ name: "ProvisionedThroughputExceededException" });
  });
});
