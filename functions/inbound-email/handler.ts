// Intake of customer email: each SQS record carries an S3 event for a raw message that SES stored.
// Each record is processed on its own; a failure is reported for that record alone (partial batch).
// Records run together only while their raw sizes fit a byte budget, so a large message runs alone:
// memory and timeout are sized for a batch of SES's largest (see infra/constructs/inbound-email.ts).
// The case-page signing key is read from Secrets Manager once per invocation (cached).

import { randomBytes } from "node:crypto";
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { dynamoDocumentClient, s3Client, sesClient, sqsClient } from "../../shared/adapters/aws/clients";
import { caseCompletionAdapters, referralQueueUrls } from "../../shared/adapters/aws/communication-adapters";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { DynamoDbThemeLedger } from "../../shared/adapters/aws/dynamodb-theme-ledger";
import { DynamoDbTombstones } from "../../shared/adapters/aws/dynamodb-tombstones";
import { EmfMetrics } from "../../shared/adapters/aws/emf-metrics";
import { S3AttachmentStore } from "../../shared/adapters/aws/s3-attachment-store";
import { S3RawMailStore } from "../../shared/adapters/aws/s3-raw-mail-store";
import { secretsManagerSecret } from "../../shared/adapters/aws/secrets-manager-secret";
import { casePageLinkSettings } from "../../shared/adapters/hmac-case-page-tokens";
import { log, logger } from "../../shared/adapters/logger";
import { MailparserMailParser } from "../../shared/adapters/mail/mailparser-mail-parser";
import { systemClock } from "../../shared/adapters/system-clock";
import { type EmailIntakeDependencies, intakeEmail } from "../../shared/application/intake-email";
import { inStep, noteRecordFailure } from "../../shared/application/record-failure";
import {
  inboundEmailEnvironment,
  metricsEnvironment,
  readEnvironment,
  SIGNING_KEY_MIN_LENGTH,
} from "../../shared/config/environment";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { policyNamed } from "../../shared/config/policy";
import { mailIntakeId } from "../../shared/domain/intake";
import { ByteBudget, RAW_MAIL_BYTES_IN_FLIGHT } from "./byte-budget";
import { rawMailObjectsIn } from "./s3-event";

const env = readEnvironment(inboundEmailEnvironment.extend(metricsEnvironment.shape));
const policy = policyNamed(env.ORGANISATION_NAME);
const casePage = casePageLinkSettings(
  env,
  secretsManagerSecret(env.CASE_PAGE_SIGNING_KEY_SECRET, SIGNING_KEY_MIN_LENGTH),
);

const deps: EmailIntakeDependencies = {
  ...caseCompletionAdapters(
    { documents: dynamoDocumentClient(), sqs: sqsClient(), ses: sesClient() },
    {
      tableName: env.CASE_TABLE_NAME,
      referralQueueUrls: referralQueueUrls(env),
      configurationSet: env.SES_CONFIGURATION_SET || undefined,
    },
  ),
  ledger: new DynamoDbIntakeLedger(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  tombstones: new DynamoDbTombstones(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  rawMail: new S3RawMailStore(s3Client()),
  attachments: new S3AttachmentStore(s3Client(), env.RAW_MAIL_BUCKET),
  themes: new DynamoDbThemeLedger(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  intakePolicy: defaultIntakePolicy,
  parser: new MailparserMailParser(),
  clock: systemClock,
  random: randomBytes,
  policy,
  log,
  casePage,
  settings: {
    intakeAddress: env.INTAKE_ADDRESS,
    maxRawBytes: env.MAX_RAW_MAIL_BYTES,
    internalDomains: policy.organisation.internalDomains,
  },
};

const metrics = new EmfMetrics(env.POWERTOOLS_METRICS_NAMESPACE, env.POWERTOOLS_SERVICE_NAME);
const processor = new BatchProcessor(EventType.SQS);
const budget = new ByteBudget(RAW_MAIL_BYTES_IN_FLIGHT);

async function processRecord(record: SQSRecord): Promise<void> {
  const objects = await inStep("read-event", async () => rawMailObjectsIn(record.body)).catch(
    (error: unknown) => {
      noteRecordFailure(error, { messageId: record.messageId }, { log, metrics });
      throw error;
    },
  );
  for (const object of objects) {
    if (object.bucket !== env.RAW_MAIL_BUCKET) {
      logger.warn("event for another bucket ignored", { messageId: record.messageId });
      continue;
    }
    await budget
      .run(object.size, () => intakeEmail(object, deps))
      .catch((error: unknown) => {
        noteRecordFailure(error, { intakeId: mailIntakeId(object.key) }, { log, metrics });
        throw error;
      });
  }
}

export async function handler(event: SQSEvent, context: Context) {
  logger.addContext(context);
  await casePage.tokens.load();
  return processPartialResponse(event, processRecord, processor, { context });
}
