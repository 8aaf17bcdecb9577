// The adapters the reconciler, the retention purge and subject-rights requests share, built from a set of
// AWS clients: the functions pass their module-level clients, the `npm run` commands pass the local
// sandbox's, so both run the same application code against the same kind of stores.

import type { S3Client } from "@aws-sdk/client-s3";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDbCaseStore } from "./dynamodb-case-store";
import { DynamoDbCaseTableInventory } from "./dynamodb-case-table-inventory";
import { DynamoDbPersonalDataStore } from "./dynamodb-personal-data-store";
import { DynamoDbTombstones } from "./dynamodb-tombstones";
import { S3StoredObjects } from "./s3-stored-objects";
import { SqsDeadLetters } from "./sqs-dead-letters";

export interface AwsClients {
  documents: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
  ses: SESv2Client;
}

export function caseDataAdapters(
  clients: Pick<AwsClients, "documents" | "s3">,
  names: { tableName: string; rawMailBucket: string },
) {
  return {
    cases: new DynamoDbCaseStore(clients.documents, names.tableName),
    table: new DynamoDbCaseTableInventory(clients.documents, names.tableName),
    store: new DynamoDbPersonalDataStore(clients.documents, names.tableName),
    tombstones: new DynamoDbTombstones(clients.documents, names.tableName),
    objects: new S3StoredObjects(clients.s3, names.rawMailBucket),
  };
}

/** What a subject access or erasure request reaches: the case data and the dead-letter queues. */
export function subjectRightsAdapters(
  clients: Pick<AwsClients, "documents" | "s3" | "sqs">,
  names: { tableName: string; rawMailBucket: string; deadLetterQueueUrls: readonly string[] },
) {
  return {
    ...caseDataAdapters(clients, names),
    deadLetters: new SqsDeadLetters(clients.sqs, names.deadLetterQueueUrls),
  };
}
