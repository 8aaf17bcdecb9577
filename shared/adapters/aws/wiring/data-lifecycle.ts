// The composition roots of looking after data over its life: the reconciler, the retention purge and
// subject-rights requests. The functions pass their own clients; the `npm run` commands pass the local
// sandbox's, so both run the same application code against the same kind of stores.

import { randomBytes } from "node:crypto";
import type { DataProtectionDependencies } from "../../../application/data-protection";
import type { ReconcileDependencies } from "../../../application/reconcile";
import type { RetentionDependencies } from "../../../application/retention";
import type {
  MailArrivalEnvironment,
  ReconcilerEnvironment,
  RetentionEnvironment,
} from "../../../config/data-lifecycle-environment";
import { defaultIntakePolicy } from "../../../config/intake-policy";
import { defaultRetentionPolicy } from "../../../config/retention-policy";
import { normalisePhone } from "../../../domain/extraction";
import type { Clock, Log, Metrics, ReadSecret } from "../../../ports";
import { log } from "../../logger";
import { dynamoDocumentClient, s3Client } from "../clients";
import { DynamoDbCaseCommunication } from "../dynamodb-case-communication";
import { DynamoDbCaseStore } from "../dynamodb-case-store";
import { DynamoDbCaseTableInventory } from "../dynamodb-case-table-inventory";
import { DynamoDbIntakeLedger } from "../dynamodb-intake-ledger";
import { DynamoDbNotificationOutbox } from "../dynamodb-notification-outbox";
import { DynamoDbPersonalDataStore } from "../dynamodb-personal-data-store";
import { DynamoDbRawMailArrivals } from "../dynamodb-raw-mail-arrivals";
import { DynamoDbRecentWorkIndex } from "../dynamodb-recent-work-index";
import { DynamoDbThemeLedger } from "../dynamodb-theme-ledger";
import { DynamoDbTombstones } from "../dynamodb-tombstones";
import { EmfMetrics } from "../emf-metrics";
import { S3RawMailInventory } from "../s3-raw-mail-inventory";
import { S3StoredObjects } from "../s3-stored-objects";
import { SqsDeadLetters } from "../sqs-dead-letters";
import { SqsIntakeQueue } from "../sqs-intake-queue";
import {
  type AwsClients,
  caseCompletionAdapters,
  casePageLinks,
  caseTable,
  deployedPolicy,
  functionClients,
  lazyClients,
  systemClock,
} from "./runtime";

/** The case data a purge or an erasure reaches: the table's items and the objects in the raw-mail bucket. */
function caseData(clients: Pick<AwsClients, "documents" | "s3">, tableName: string, rawMailBucket: string) {
  const table = caseTable(clients, tableName);
  return {
    cases: table.get(DynamoDbCaseStore),
    table: table.get(DynamoDbCaseTableInventory),
    store: table.get(DynamoDbPersonalDataStore),
    tombstones: table.get(DynamoDbTombstones),
    objects: new S3StoredObjects(clients.s3, rawMailBucket),
  };
}

/** SES's second receipt action: where it records each stored message's arrival. */
export function mailArrival(
  env: MailArrivalEnvironment,
  clients: Pick<AwsClients, "documents"> = lazyClients({ documents: dynamoDocumentClient }),
) {
  return { arrivals: caseTable(clients, env.CASE_TABLE_NAME).get(DynamoDbRawMailArrivals) };
}

/** The retention purge; its clock is the scheduled event's time, given per run. */
export function retention(
  env: RetentionEnvironment,
  clients: Pick<AwsClients, "documents" | "s3"> = lazyClients({
    documents: dynamoDocumentClient,
    s3: s3Client,
  }),
): Omit<RetentionDependencies, "clock"> {
  return {
    ...caseData(clients, env.CASE_TABLE_NAME, env.RAW_MAIL_BUCKET),
    policy: defaultRetentionPolicy,
    log,
    metrics: new EmfMetrics(env.POWERTOOLS_METRICS_NAMESPACE, env.POWERTOOLS_SERVICE_NAME),
  };
}

/** Subject access, erasure and legal holds: the case data and the dead-letter queues a person may be in. */
export function subjectRights(
  env: {
    CASE_TABLE_NAME: string;
    RAW_MAIL_BUCKET: string;
    DEAD_LETTER_QUEUE_URLS: readonly string[];
    ORGANISATION_NAME?: string | undefined;
  },
  clients: AwsClients = functionClients,
  context: { clock: Clock; log: Log } = { clock: systemClock, log },
): DataProtectionDependencies {
  const region = deployedPolicy(env).extraction.defaultRegion as Parameters<typeof normalisePhone>[1];
  return {
    ...caseData(clients, env.CASE_TABLE_NAME, env.RAW_MAIL_BUCKET),
    deadLetters: new SqsDeadLetters(clients.sqs, env.DEAD_LETTER_QUEUE_URLS),
    policy: defaultRetentionPolicy,
    ...context,
    normalisePhone: (input) => normalisePhone(input, region),
  };
}

/**
 * Everything the reconciler works with. The case-page signing key is read through `casePageKey` (by
 * default the function's secret) each time they are built, once per run.
 */
export async function reconciler(
  env: ReconcilerEnvironment,
  context: { clock: Clock; log: Log; metrics?: Metrics; casePageKey?: ReadSecret },
  clients: AwsClients = functionClients,
): Promise<ReconcileDependencies> {
  const casePage = casePageLinks(env, context.casePageKey);
  await casePage.tokens.load();
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  const { cases, tombstones } = caseData(clients, env.CASE_TABLE_NAME, env.RAW_MAIL_BUCKET);
  const policy = deployedPolicy(env);
  const completion = caseCompletionAdapters(clients, env);
  const themes = table.get(DynamoDbThemeLedger);
  const formRecording = {
    ...completion,
    themes,
    tombstones,
    ledger: table.get(DynamoDbIntakeLedger),
    random: randomBytes,
    intakePolicy: defaultIntakePolicy,
    clock: context.clock,
    policy,
    log: context.log,
    casePage,
    settings: { intakeAddress: env.INTAKE_ADDRESS },
  };
  return {
    ...completion,
    cases,
    recent: table.get(DynamoDbRecentWorkIndex),
    rawMail: new S3RawMailInventory(clients.s3, env.RAW_MAIL_BUCKET, env.RAW_MAIL_PREFIX),
    intakeQueue: new SqsIntakeQueue(clients.sqs, env.INTAKE_QUEUE_URL),
    themes,
    // Only a form post left unfinished needs intake's understanding and letters: loaded then, not per run.
    resumeFormEntry: async (entry) =>
      (await import("../../../application/intake-form")).resumeFormEntry(entry, formRecording),
    outbox: table.get(DynamoDbNotificationOutbox),
    claims: table.get(DynamoDbCaseCommunication),
    intakePolicy: defaultIntakePolicy,
    metrics: context.metrics ?? new EmfMetrics(env.POWERTOOLS_METRICS_NAMESPACE, env.POWERTOOLS_SERVICE_NAME),
    clock: context.clock,
    policy,
    log: context.log,
    casePage,
    settings: {
      intakeAddress: env.INTAKE_ADDRESS,
      leaseMinutes: env.RECONCILE_LEASE_MINUTES,
      notifyWithinMinutes: env.RECONCILE_NOTIFY_WITHIN_MINUTES,
      windowHours: env.RECONCILE_WINDOW_HOURS,
    },
  };
}
