// Everything the reconciler works with, built from AWS clients and its environment, so the scheduled
// function and `npm run reconcile` (against the local sandbox) run the same reconciliation. The case-page
// signing key is read through `casePageKey` each time they are built, once per run.

import { randomBytes } from "node:crypto";
import { caseCompletionAdapters, referralQueueUrls } from "../../shared/adapters/aws/communication-adapters";
import { type AwsClients, caseDataAdapters } from "../../shared/adapters/aws/data-lifecycle-adapters";
import { DynamoDbCaseCommunication } from "../../shared/adapters/aws/dynamodb-case-communication";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { DynamoDbNotificationOutbox } from "../../shared/adapters/aws/dynamodb-notification-outbox";
import { DynamoDbRecentWorkIndex } from "../../shared/adapters/aws/dynamodb-recent-work-index";
import { DynamoDbThemeLedger } from "../../shared/adapters/aws/dynamodb-theme-ledger";
import { EmfMetrics } from "../../shared/adapters/aws/emf-metrics";
import { S3RawMailInventory } from "../../shared/adapters/aws/s3-raw-mail-inventory";
import { SqsIntakeQueue } from "../../shared/adapters/aws/sqs-intake-queue";
import { casePageLinkSettings } from "../../shared/adapters/hmac-case-page-tokens";
import { resumeFormEntry } from "../../shared/application/intake-form";
import type { ReconcileDependencies } from "../../shared/application/reconcile";
import type { ReconcilerEnvironment } from "../../shared/config/data-lifecycle-environment";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { policyNamed } from "../../shared/config/policy";
import type { Clock, Log, Metrics, ReadSecret } from "../../shared/ports";

export async function reconcilerDependencies(
  clients: AwsClients,
  env: ReconcilerEnvironment,
  context: { clock: Clock; log: Log; metrics?: Metrics; casePageKey: ReadSecret },
): Promise<ReconcileDependencies> {
  const casePage = casePageLinkSettings(env, context.casePageKey);
  await casePage.tokens.load();
  const { cases, tombstones } = caseDataAdapters(clients, {
    tableName: env.CASE_TABLE_NAME,
    rawMailBucket: env.RAW_MAIL_BUCKET,
  });
  const policy = policyNamed(env.ORGANISATION_NAME);
  const { cases: _completionCases, ...completion } = caseCompletionAdapters(clients, {
    tableName: env.CASE_TABLE_NAME,
    referralQueueUrls: referralQueueUrls(env),
    configurationSet: env.SES_CONFIGURATION_SET || undefined,
  });
  const themes = new DynamoDbThemeLedger(clients.documents, env.CASE_TABLE_NAME);
  const formRecording = {
    ...completion,
    cases,
    themes,
    tombstones,
    ledger: new DynamoDbIntakeLedger(clients.documents, env.CASE_TABLE_NAME),
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
    recent: new DynamoDbRecentWorkIndex(clients.documents, env.CASE_TABLE_NAME),
    rawMail: new S3RawMailInventory(clients.s3, env.RAW_MAIL_BUCKET, env.RAW_MAIL_PREFIX),
    intakeQueue: new SqsIntakeQueue(clients.sqs, env.INTAKE_QUEUE_URL),
    themes,
    resumeFormEntry: (entry) => resumeFormEntry(entry, formRecording),
    outbox: new DynamoDbNotificationOutbox(clients.documents, env.CASE_TABLE_NAME),
    claims: new DynamoDbCaseCommunication(clients.documents, env.CASE_TABLE_NAME),
    intakePolicy: defaultIntakePolicy,
    ...completion,
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
