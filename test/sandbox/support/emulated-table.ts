// One DynamoDB emulator holding one table in the functions' key schema (pk, sk), for the files that test
// DynamoDB adapters on their own rather than through the whole sandbox.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, type TranslateConfig } from "@aws-sdk/lib-dynamodb";
import { startDynamoDb } from "../../../infra/local/emulators";
import { untilTableActive } from "../../../infra/local/provision";

// The SDK's warning about this machine's Node 20 is noise here (Lambda runs Node 22).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export interface EmulatedTable {
  client: DynamoDBDocumentClient;
  /** Closes the client, stops the emulator and removes its data. */
  stop(): Promise<void>;
}

export async function startEmulatedTable(
  tableName: string,
  translateConfig?: TranslateConfig,
): Promise<EmulatedTable> {
  const dataDir = mkdtempSync(join(tmpdir(), `heed-${tableName}-`));
  const emulator = await startDynamoDb({ dataDir, port: 0 });
  const dynamodb = new DynamoDBClient({
    endpoint: emulator.endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
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
  await untilTableActive(dynamodb, tableName);
  const client = DynamoDBDocumentClient.from(dynamodb, translateConfig);
  return {
    client,
    async stop() {
      client.destroy();
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
