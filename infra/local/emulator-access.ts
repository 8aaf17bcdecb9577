// How code reaches the emulators: the standard AWS SDK environment every function gets (handlers
// see nothing else of the sandbox), and the sandbox's own clients, which tests use as well.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  LOCAL_REGION,
  type RunningS3,
  type RunningService,
  type RunningSqs,
  S3RVER_CREDENTIALS,
} from "./emulators";

export interface Emulators {
  dynamodb: RunningService;
  sqs: RunningSqs;
  s3: RunningS3;
  ses: RunningService;
}

export interface SandboxClients {
  dynamodb: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  s3: S3Client;
  /** Sends every request to the emulator itself (`useQueueUrlAsEndpoint: false`). */
  sqs: SQSClient;
  ses: SESv2Client;
}

/**
 * What every function gets besides its own variables. s3rver stores aws-chunked request bodies
 * verbatim, so checksums are sent only where an API requires them.
 */
export function functionEnvironment(emulators: Emulators): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodb.endpoint,
    AWS_ENDPOINT_URL_SQS: emulators.sqs.queueUrlEndpoint,
    AWS_ENDPOINT_URL_S3: emulators.s3.endpoint,
    AWS_ENDPOINT_URL_SESV2: emulators.ses.endpoint,
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
    // Lambda runs Node 22; the SDK's warning about this machine's Node 20 says nothing about Heed.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

export function createClients(emulators: Emulators): SandboxClients {
  const common = { region: LOCAL_REGION, credentials: { ...S3RVER_CREDENTIALS } };
  const dynamodb = new DynamoDBClient({ ...common, endpoint: emulators.dynamodb.endpoint });
  return {
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    s3: new S3Client({
      ...common,
      endpoint: emulators.s3.endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    }),
    sqs: new SQSClient({ ...common, endpoint: emulators.sqs.endpoint, useQueueUrlAsEndpoint: false }),
    ses: new SESv2Client({ ...common, endpoint: emulators.ses.endpoint }),
  };
}

export function destroyClients(clients: SandboxClients): void {
  // The document client wraps `dynamodb` and shares its connections.
  clients.dynamodb.destroy();
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.ses.destroy();
}
