// Creates in the emulators what the resource plan lists: tables (checked against those a previous
// run left in the data folder), queues with their redrive policies, and buckets.
import { resolve } from "node:path";
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { LocalResourcePlan, LocalTable } from "./resource-plan";

export class LocalTableMismatchError extends Error {
  constructor(table: LocalTable, dataDir: string) {
    super(
      `table ${table.name} in ${dataDir} has different keys or indexes than the stack defines; ` +
        `remove ${resolve(dataDir, "dynamodb")} to recreate it (this deletes the local data)`,
    );
    this.name = "LocalTableMismatchError";
  }
}

export async function createTables(
  dynamodb: DynamoDBClient,
  plan: LocalResourcePlan,
  dataDir: string,
): Promise<void> {
  for (const table of plan.tables) {
    const input: CreateTableCommandInput = {
      TableName: table.name,
      KeySchema: table.keySchema,
      AttributeDefinitions: table.attributeDefinitions,
      BillingMode: "PAY_PER_REQUEST",
      ...(table.globalSecondaryIndexes.length > 0
        ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes }
        : {}),
      ...(table.localSecondaryIndexes.length > 0
        ? { LocalSecondaryIndexes: table.localSecondaryIndexes }
        : {}),
    };
    try {
      await dynamodb.send(new CreateTableCommand(input));
    } catch (error) {
      if ((error as Error).name !== "ResourceInUseException") throw error;
      const { Table: existing } = await dynamodb.send(new DescribeTableCommand({ TableName: table.name }));
      const indexNames = (indexes: Array<{ IndexName?: string }> | undefined) =>
        JSON.stringify((indexes ?? []).map((index) => index.IndexName).sort());
      if (
        JSON.stringify(existing?.KeySchema) !== JSON.stringify(table.keySchema) ||
        indexNames(existing?.GlobalSecondaryIndexes) !== indexNames(table.globalSecondaryIndexes) ||
        indexNames(existing?.LocalSecondaryIndexes) !== indexNames(table.localSecondaryIndexes)
      ) {
        throw new LocalTableMismatchError(table, dataDir);
      }
    }
    await untilTableActive(dynamodb, table.name);
  }
}

/**
 * Waits until a table just created is ACTIVE. dynalite answers CreateTable while the table is still
 * CREATING and refuses reads and writes to it until then, however short its creation time.
 */
export async function untilTableActive(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  await waitUntilTableExists(
    { client: dynamodb, maxWaitTime: 30, minDelay: 0.02, maxDelay: 0.5 },
    { TableName: tableName },
  );
}

export async function createQueues(sqs: SQSClient, plan: LocalResourcePlan): Promise<void> {
  // Dead-letter queues first, so every redrive policy names a queue that exists.
  const ordered = [...plan.queues].sort(
    (a, b) => Number(Boolean(a.deadLetter)) - Number(Boolean(b.deadLetter)),
  );
  for (const queue of ordered) {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: queue.name, Attributes: queue.attributes }),
    );
    if (QueueUrl !== queue.url) {
      throw new Error(`the SQS emulator named ${queue.name} ${QueueUrl}, not ${queue.url} as planned`);
    }
  }
}

export async function createBuckets(s3: S3Client, plan: LocalResourcePlan): Promise<void> {
  for (const bucket of plan.buckets) {
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucket.name }));
    } catch (error) {
      const name = (error as Error).name;
      if (name !== "BucketAlreadyOwnedByYou" && name !== "BucketAlreadyExists") throw error;
    }
  }
}
