// The reconciler's composition root, kept apart from the other roots of looking after data: it alone may
// load intake (to finish a form post left unfinished), and a module that does stays out of their bundles.
// The function passes its own clients; `npm run reconcile` passes the local sandbox's.

import { randomBytes } from "node:crypto";
import type { ReconcileDependencies } from "../../../application/reconcile";
import type { ReconcilerEnvironment } from "../../../config/data-lifecycle-environment";
import { defaultIntakePolicy } from "../../../config/intake-policy";
import type { Clock, Log, Metrics, ReadSecret } from "../../../ports";
import { DynamoDbCaseCommunication } from "../dynamodb-case-communication";
import { DynamoDbIntakeLedger } from "../dynamodb-intake-ledger";
import { DynamoDbNotificationOutbox } from "../dynamodb-notification-outbox";
import { DynamoDbRecentWorkIndex } from "../dynamodb-recent-work-index";
import { DynamoDbThemeLedger } from "../dynamodb-theme-ledger";
import { EmfMetrics } from "../emf-metrics";
import { caseData } from "./data-lifecycle";
import {
  type AwsClients,
  caseCompletionAdapters,
  casePageLinks,
  caseTable,
  deployedPolicy,
  functionClients,
  intakeQueue,
  rawMailInventory,
} from "./runtime";

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
    rawMail: rawMailInventory(clients, env.RAW_MAIL_BUCKET, env.RAW_MAIL_PREFIX),
    intakeQueue: intakeQueue(clients, env.INTAKE_QUEUE_URL),
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
