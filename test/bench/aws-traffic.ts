// Counts the AWS requests the sandbox's emulators serve, for the cost model: every request reaching
// DynamoDB, SQS, S3 or SES from anyone in this process or its function threads, seen through Node's
// `http.server.request.start` diagnostics channel in the bench alone (handlers and the sandbox are
// untouched). DynamoDB request and response bodies are read too, to size write and read units; dynalite
// attaches its own body listeners in the same tick, so both see every chunk.

import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { PRICES } from "./aws-prices";

export type AwsService = "dynamodb" | "sqs" | "s3" | "ses";

interface AttributeValue {
  S?: string;
  N?: string;
  B?: string;
  BOOL?: boolean;
  NULL?: boolean;
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  SS?: string[];
  NS?: string[];
  BS?: string[];
}

type Item = Record<string, AttributeValue>;

/** DynamoDB's item size rules: names and values in bytes, numbers by significant digits, containers +3. */
function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return Buffer.from(value.B, "base64").length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M) return 3 + itemSize(value.M) + Object.keys(value.M).length;
  if (value.L) return 3 + value.L.reduce((sum, element) => sum + valueSize(element) + 1, 0);
  if (value.SS) return value.SS.reduce((sum, element) => sum + Buffer.byteLength(element), 0);
  if (value.NS) return value.NS.reduce((sum, element) => sum + numberSize(element), 0);
  if (value.BS) return value.BS.reduce((sum, element) => sum + Buffer.from(element, "base64").length, 0);
  return 0;
}

function numberSize(number: string): number {
  const digits = number
    .replace(/^-/, "")
    .replace(/e.*$/i, "")
    .replace(".", "")
    .replace(/^0+|0+$/g, "");
  return Math.ceil(digits.length / 2) + 1;
}

export function itemSize(item: Item): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value),
    0,
  );
}

export interface DynamoDbCall {
  operation: string;
  table: string;
  /** Which of Heed's item types it touched, from its key prefixes (e.g. `CASE CASE`, `LOOKUP#email CASE`). */
  itemType: string;
  /** The key of a single-item write, to size an update by the item it changed. */
  key?: Item;
  /** Bytes of the item written (PutItem). */
  writtenBytes?: number;
  /** Bytes of each item a BatchWriteItem put, each billed on its own. */
  writtenItemBytes?: number[];
  /** Bytes of every item read, and whether the read was strongly consistent. */
  readBytes?: number;
  consistent?: boolean;
  /**
   * Read units by DynamoDB's rules: a GetItem or a BatchGetItem's items each rounded up to 4 KB (a key
   * that found nothing at the minimum of one), a Query or Scan's items summed and then rounded up; halved
   * for eventually consistent reads.
   */
  readUnits?: number;
}

const READ_UNIT_BYTES = 4096;
const SMALL_ITEM_BYTES = 100;

/** The operation name under which receives that returned no message are counted. */
export const IDLE_RECEIVE = "ReceiveMessage (empty)";

export interface RequestCount {
  service: AwsService;
  operation: string;
  requests: number;
  requestBytes: number;
  responseBytes: number;
  /**
   * What AWS bills for these requests: for SQS every started 64 KB of each request's payload (what a
   * receive returns, what a send carries), for SES every recipient of each email sent; else one each.
   */
  billed: number;
}

/** Recipients of one SES v2 SendEmail, each billed as an email sent. */
function sesRecipients(body: string): number {
  const { Destination } = safeJson(body) as {
    Destination?: { ToAddresses?: unknown[]; CcAddresses?: unknown[]; BccAddresses?: unknown[] };
  };
  const count = ["ToAddresses", "CcAddresses", "BccAddresses"].reduce(
    (sum, field) => sum + ((Destination?.[field as "ToAddresses"] ?? []) as unknown[]).length,
    0,
  );
  return Math.max(1, count);
}

function operationOf(service: AwsService, request: IncomingMessage): string {
  const target = request.headers["x-amz-target"];
  if (typeof target === "string") return target.slice(target.lastIndexOf(".") + 1);
  const url = new URL(request.url ?? "/", "http://emulator");
  if (service === "ses")
    return request.method === "POST" && url.pathname.endsWith("/outbound-emails")
      ? "SendEmail"
      : `${request.method} ${url.pathname}`;
  if (service === "sqs") return url.searchParams.get("Action") ?? `${request.method} ${url.pathname}`;
  const [, bucket, ...key] = url.pathname.split("/");
  const onObject = bucket !== undefined && key.join("/") !== "";
  if (request.method === "PUT")
    return onObject ? (request.headers["x-amz-copy-source"] ? "CopyObject" : "PutObject") : "CreateBucket";
  if (request.method === "GET") return onObject ? "GetObject" : "ListObjects";
  if (request.method === "HEAD") return onObject ? "HeadObject" : "HeadBucket";
  if (request.method === "DELETE") return "DeleteObject";
  return `${request.method} S3`;
}

function bodyOf(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", () => resolve(""));
  });
}

/** Calls `onBody` with the response body as the server writes it, without changing what it sends. */
function tapResponse(response: ServerResponse, onBody: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown) => {
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return write(chunk, ...rest);
  }) as ServerResponse["write"];
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== "function") keep(chunk);
    onBody(Buffer.concat(chunks));
    return end(chunk, ...rest);
  }) as ServerResponse["end"];
}

export class AwsTraffic {
  private readonly counts = new Map<string, RequestCount>();
  readonly dynamoDbCalls: DynamoDbCall[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private readonly listener = (message: unknown) =>
    this.observe(message as { request: IncomingMessage; response: ServerResponse; server: Server });

  /** `ports` says which local port is which service's emulator. */
  constructor(private readonly ports: Record<AwsService, number>) {}

  start(): void {
    subscribe("http.server.request.start", this.listener);
  }

  /** Stops counting and waits for the bodies of requests already seen. */
  async stop(): Promise<void> {
    unsubscribe("http.server.request.start", this.listener);
    await Promise.all(this.pending);
  }

  requests(): RequestCount[] {
    return [...this.counts.values()];
  }

  private count(service: AwsService, operation: string): RequestCount {
    const key = `${service} ${operation}`;
    const count = this.counts.get(key) ?? {
      service,
      operation,
      requests: 0,
      requestBytes: 0,
      responseBytes: 0,
      billed: 0,
    };
    this.counts.set(key, count);
    return count;
  }

  private observe({
    request,
    response,
    server,
  }: {
    request: IncomingMessage;
    response: ServerResponse;
    server: Server;
  }): void {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : -1;
    const service = (Object.keys(this.ports) as AwsService[]).find((name) => this.ports[name] === port);
    if (!service) return;
    const operation = operationOf(service, request);
    const requestBytes = Number(request.headers["content-length"] ?? 0);
    const responseDone = new Promise<Buffer>((resolve) => tapResponse(response, resolve));
    const track = (work: Promise<unknown>) => {
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    };
    const emailSent = service === "ses" && operation === "SendEmail" ? bodyOf(request) : undefined;
    track(
      Promise.all([responseDone, emailSent]).then(([body, email]) => {
        // A long poll that found nothing is the queue's idle cost, not any intake's: counted apart.
        const empty = operation === "ReceiveMessage" && !/"Messages"|<Message>/.test(body.toString("utf8"));
        const count = this.count(service, empty ? IDLE_RECEIVE : operation);
        count.requests++;
        count.requestBytes += requestBytes;
        count.responseBytes += body.length;
        if (service === "sqs") {
          const payload = operation === "ReceiveMessage" ? body.length : requestBytes;
          count.billed += Math.max(1, Math.ceil(payload / PRICES.sqs.chunkBytes));
        } else {
          count.billed += email === undefined ? 1 : sesRecipients(email);
        }
      }),
    );
    if (service === "dynamodb") {
      track(
        Promise.all([bodyOf(request), responseDone]).then(([body, answer]) =>
          this.noteDynamoDb(operation, body, answer),
        ),
      );
    }
  }

  private noteDynamoDb(operation: string, requestBody: string, responseBody: Buffer): void {
    const input = safeJson(requestBody) as {
      TableName?: string;
      Item?: Item;
      Key?: Item;
      ConsistentRead?: boolean;
      ExpressionAttributeValues?: Item;
      RequestItems?: Record<string, { ConsistentRead?: boolean } | unknown[]>;
    };
    const output = safeJson(responseBody.toString("utf8")) as {
      Item?: Item;
      Items?: Item[];
      Responses?: Record<string, Item[]>;
      UnprocessedKeys?: Record<string, { Keys?: unknown[] }>;
      Count?: number;
      ScannedCount?: number;
    };
    const keyed = input.Item ?? input.Key;
    const itemType = keyed
      ? itemTypeOf(keyed.pk?.S, keyed.sk?.S)
      : itemTypeOf(input.ExpressionAttributeValues?.[":pk"]?.S, undefined);
    const call: DynamoDbCall = { operation, table: input.TableName ?? "", itemType };
    if (input.Item) call.writtenBytes = itemSize(input.Item);
    if (input.Key) call.key = input.Key;
    const read = output.Items ?? (output.Item ? [output.Item] : undefined);
    if (operation === "GetItem" || operation === "Query" || operation === "Scan") {
      call.readBytes = (read ?? []).reduce((sum, item) => sum + itemSize(item), 0);
      call.consistent = input.ConsistentRead === true;
      // A filter drops items after they were read, and they are billed: those it dropped are sized
      // like those it kept (or, with none kept, at a small item's 100 bytes).
      const kept = output.Count ?? read?.length ?? 0;
      const dropped = Math.max(0, (output.ScannedCount ?? kept) - kept);
      const billedBytes = call.readBytes + dropped * (kept > 0 ? call.readBytes / kept : SMALL_ITEM_BYTES);
      // One item, or a page summed: either way the bytes read are rounded up once.
      call.readUnits = Math.max(1, Math.ceil(billedBytes / READ_UNIT_BYTES)) * (call.consistent ? 1 : 0.5);
    }
    if (operation === "BatchWriteItem") {
      const [table, requests] = Object.entries(input.RequestItems ?? {})[0] ?? ["", []];
      const puts = (requests as { PutRequest?: { Item: Item } }[]).flatMap((request) =>
        request.PutRequest ? [request.PutRequest.Item] : [],
      );
      call.table = table;
      call.itemType = puts.map((item) => itemTypeOf(item.pk?.S, item.sk?.S)).join(" + ");
      call.writtenItemBytes = puts.map(itemSize);
    }
    if (operation === "BatchGetItem") {
      const [table, wanted] = Object.entries(input.RequestItems ?? {})[0] ?? ["", {}];
      const keys = (wanted as { Keys?: Item[] }).Keys ?? [];
      const items = output.Responses?.[table] ?? [];
      call.table = table;
      call.itemType = [...new Set(keys.map((key) => itemTypeOf(key.pk?.S, key.sk?.S)))].join(" + ");
      call.readBytes = items.reduce((sum, item) => sum + itemSize(item), 0);
      call.consistent =
        (input.RequestItems?.[table] as { ConsistentRead?: boolean })?.ConsistentRead === true;
      // Each key is billed as a GetItem of its own: one that found no item still costs the minimum unit.
      const unprocessed = output.UnprocessedKeys?.[table]?.Keys?.length ?? 0;
      const notFound = Math.max(0, keys.length - unprocessed - items.length);
      const units = items.reduce((sum, item) => sum + Math.ceil(itemSize(item) / READ_UNIT_BYTES), notFound);
      call.readUnits = Math.max(1, units) * (call.consistent ? 1 : 0.5);
    }
    this.dynamoDbCalls.push(call);
  }
}

/** Heed's case table keys are `TYPE#…`; lookups also name their kind, events their purpose; times vary. */
function itemTypeOf(pk: string | undefined, sk: string | undefined): string {
  const generic = (segment: string | undefined) =>
    segment && /^\d{4}-\d\d-\d\d/.test(segment) ? "<time>" : segment;
  const partition = pk?.startsWith("LOOKUP#") ? pk.split("#").slice(0, 2).join("#") : pk?.split("#")[0];
  const sort = sk?.startsWith("EVENT#") ? sk.split(/[#:]/).slice(0, 2).join("#") : sk?.split("#")[0];
  return [generic(partition), generic(sort)].filter(Boolean).join(" ") || "?";
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
