// Dollars per 1,000 intakes from what the sandbox measured: the AWS requests its emulators served,
// DynamoDB items sized by AWS's rules, Lambda durations as billed, log bytes, and the inbound mail
// itself; priced from aws-prices.ts. What the sandbox cannot see (KMS, data transfer, storage over
// time) is left out and said so.

import { PRICES } from "./aws-prices";
import type { DynamoDbCall, RequestCount } from "./aws-traffic";

export interface Invocations {
  function: string;
  memoryMb: number;
  durationsMs: number[];
}

export interface CostInputs {
  intakes: number;
  /** Total bytes of the raw messages received. */
  inboundBytes: number;
  requests: RequestCount[];
  dynamoDbCalls: DynamoDbCall[];
  /** Size of each item an UpdateItem changed, as it stands after the run, by `updatedItemId`. */
  updatedItemBytes: ReadonlyMap<string, number>;
  invocations: Invocations[];
  logBytes: number;
}

export interface CostLine {
  service: string;
  what: string;
  /** Billing units per intake (requests, units, GB-seconds…). */
  unitsPerIntake: number;
  dollarsPer1000: number;
  ses: boolean;
}

export interface DynamoDbUse {
  operation: string;
  itemType: string;
  callsPerIntake: number;
  /** Write units for writes, read units for reads. */
  unitsPerIntake: number;
  meanItemBytes: number;
}

export interface CostEstimate {
  lines: CostLine[];
  /** DynamoDB write and read units per intake, as billed on demand. */
  writeUnitsPerIntake: number;
  readUnitsPerIntake: number;
  total: number;
  outsideSes: number;
  /** Where the DynamoDB units go, by operation and item type, most units first. */
  dynamoDb: DynamoDbUse[];
}

export function updatedItemId(table: string, key: unknown): string {
  return `${table}|${JSON.stringify(key)}`;
}

const started = (bytes: number, unit: number) => Math.max(1, Math.ceil(bytes / unit));

export function estimateCost(inputs: CostInputs): CostEstimate {
  const perIntake = (units: number) => units / inputs.intakes;
  const line = (service: string, what: string, units: number, unitPrice: number, ses = false): CostLine => ({
    service,
    what,
    unitsPerIntake: perIntake(units),
    dollarsPer1000: perIntake(units) * unitPrice * 1000,
    ses,
  });
  /** Billed requests: SQS by 64 KB chunk, SES emails by recipient (aws-traffic.ts). */
  const requests = (service: string, operations?: string[]) =>
    inputs.requests
      .filter((r) => r.service === service && (!operations || operations.includes(r.operation)))
      .reduce((sum, r) => sum + r.billed, 0);

  const { ses, s3, sqs, dynamodb, lambda, cloudWatchLogs } = PRICES;
  const incomingChunks =
    started(inputs.inboundBytes / inputs.intakes, ses.incomingChunkBytes) * inputs.intakes;

  const s3Writes = requests("s3", ["PutObject", "CopyObject", "ListObjects", "CreateBucket"]);
  // DELETE is free in S3.
  const s3Reads = requests("s3") - s3Writes - requests("s3", ["DeleteObject"]);
  const sqsRequests = requests("sqs");

  let writeUnits = 0;
  let readUnits = 0;
  const uses = new Map<string, DynamoDbUse & { calls: number; units: number; bytes: number }>();
  for (const call of inputs.dynamoDbCalls) {
    let bytes = 0;
    let units = 0;
    if (call.readBytes !== undefined) {
      bytes = call.readBytes;
      // As the traffic sized it by DynamoDB's rules (a batch's items, and the keys it found nothing for,
      // each billed as a GetItem of its own), else the bytes read rounded up once.
      units = call.readUnits ?? started(bytes, dynamodb.readUnitBytes) * (call.consistent ? 1 : 0.5);
      readUnits += units;
    } else if (call.writtenItemBytes !== undefined) {
      bytes = call.writtenItemBytes.reduce((sum, itemBytes) => sum + itemBytes, 0);
      units = call.writtenItemBytes.reduce(
        (sum, itemBytes) => sum + started(itemBytes, dynamodb.writeUnitBytes),
        0,
      );
      writeUnits += units;
    } else if (call.writtenBytes !== undefined) {
      bytes = call.writtenBytes;
      units = started(bytes, dynamodb.writeUnitBytes);
      writeUnits += units;
    } else if (call.key) {
      // An update is billed on the larger of the item before and after: its size after the run.
      bytes = inputs.updatedItemBytes.get(updatedItemId(call.table, call.key)) ?? 0;
      units = started(bytes, dynamodb.writeUnitBytes);
      writeUnits += units;
    }
    const id = `${call.operation} ${call.itemType}`;
    const use = uses.get(id) ?? {
      operation: call.operation,
      itemType: call.itemType,
      callsPerIntake: 0,
      unitsPerIntake: 0,
      meanItemBytes: 0,
      calls: 0,
      units: 0,
      bytes: 0,
    };
    use.calls++;
    use.units += units;
    use.bytes += bytes;
    uses.set(id, use);
  }

  const invocations = inputs.invocations.reduce((sum, fn) => sum + fn.durationsMs.length, 0);
  const gbSeconds = inputs.invocations.reduce(
    (sum, fn) => sum + (fn.durationsMs.reduce((ms, d) => ms + Math.ceil(d), 0) * (fn.memoryMb / 1024)) / 1000,
    0,
  );

  const lines = [
    line("SES", "emails received", inputs.intakes, ses.perEmailReceived, true),
    line("SES", "incoming 256 KB chunks", incomingChunks, ses.perIncomingChunk, true),
    line("SES", "emails sent (per recipient)", requests("ses", ["SendEmail"]), ses.perEmailSent, true),
    line("S3", "PUT/COPY/LIST requests", s3Writes, s3.perWriteRequest),
    line("S3", "GET/HEAD requests", s3Reads, s3.perReadRequest),
    line("SQS", "requests (64 KB chunks)", sqsRequests, sqs.perRequest),
    line("DynamoDB", "write request units", writeUnits, dynamodb.perWriteUnit),
    line("DynamoDB", "read request units", readUnits, dynamodb.perReadUnit),
    line("Lambda", "invocations", invocations, lambda.perRequest),
    line("Lambda", "GB-seconds (measured durations)", gbSeconds, lambda.perGbSecond),
    line("CloudWatch Logs", "GB ingested", inputs.logBytes / 1024 ** 3, cloudWatchLogs.perGbIngested),
  ];
  const total = lines.reduce((sum, l) => sum + l.dollarsPer1000, 0);
  const outsideSes = lines.filter((l) => !l.ses).reduce((sum, l) => sum + l.dollarsPer1000, 0);
  const dynamoDb = [...uses.values()]
    .map((use) => ({
      operation: use.operation,
      itemType: use.itemType,
      callsPerIntake: perIntake(use.calls),
      unitsPerIntake: perIntake(use.units),
      meanItemBytes: use.bytes / use.calls,
    }))
    .sort((a, b) => b.unitsPerIntake - a.unitsPerIntake);
  return {
    lines,
    writeUnitsPerIntake: perIntake(writeUnits),
    readUnitsPerIntake: perIntake(readUnits),
    total,
    outsideSes,
    dynamoDb,
  };
}
