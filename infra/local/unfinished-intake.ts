// Raw mail whose intake never finished, found by the rule the reconciler applies (in shared/): an
// object under the intake prefix whose ledger entry is missing or has no outcome. The sandbox sends
// these again at start-up, because its queues live in memory and what was in flight is gone.
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { S3RawMailInventory } from "../../shared/adapters/aws/s3-raw-mail-inventory";
import { findUnfinishedRawMail as unfinishedRawMail } from "../../shared/application/reconcile";
import type { StoredObject } from "./s3-notifications";

export interface RawMailLedgerSource {
  s3: S3Client;
  documents: DynamoDBDocumentClient;
  bucket: string;
  prefix: string;
  tableName: string;
}

export async function findUnfinishedRawMail(source: RawMailLedgerSource): Promise<StoredObject[]> {
  const unfinished = await unfinishedRawMail(
    new S3RawMailInventory(source.s3, source.bucket, source.prefix),
    new DynamoDbIntakeLedger(source.documents, source.tableName),
  );
  return unfinished.map(({ bucket, key, size, eTag }) => ({ bucket, key, size, eTag }));
}
