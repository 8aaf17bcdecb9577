// AWS SDK clients, created once per execution environment and reused across invocations.
// Endpoints, region and credentials come from the standard SDK environment (AWS_ENDPOINT_URL_* locally).
// DynamoDB and Secrets Manager are called on every function's paths; the S3, SES and SQS packages are
// imported when their client is first asked for, so a function loads them only on a path that calls them.

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

let documentClient: DynamoDBDocumentClient | undefined;
let s3: Promise<S3Client> | undefined;
let sqs: Promise<SQSClient> | undefined;
let ses: Promise<SESv2Client> | undefined;
let secretsManager: SecretsManagerClient | undefined;

export function dynamoDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function s3Client(): Promise<S3Client> {
  s3 ??= import("@aws-sdk/client-s3").then(({ S3Client }) => new S3Client({ forcePathStyle: true }));
  return s3;
}

export function sqsClient(): Promise<SQSClient> {
  sqs ??= import("@aws-sdk/client-sqs").then(({ SQSClient }) => new SQSClient({}));
  return sqs;
}

export function sesClient(): Promise<SESv2Client> {
  ses ??= import("@aws-sdk/client-sesv2").then(({ SESv2Client }) => new SESv2Client({}));
  return ses;
}

export function secretsManagerClient(): SecretsManagerClient {
  secretsManager ??= new SecretsManagerClient({});
  return secretsManager;
}
