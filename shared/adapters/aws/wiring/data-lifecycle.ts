// The composition roots of looking after data over its life: the arrival record, the retention purge and
// subject-rights requests (the reconciler's is in reconciler.ts). The functions pass their own clients; the `npm run` commands pass the local
// sandbox's, so both run the same application code against the same kind of stores.

import type { DataProtectionDependencies } from "../../../application/data-protection";
import type { RetentionDependencies } from "../../../application/retention";
import type {
  MailArrivalEnvironment,
  RetentionEnvironment,
} from "../../../config/data-lifecycle-environment";
import { defaultRetentionPolicy } from "../../../config/retention-policy";
import { normalisePhone } from "../../../domain/extraction";
import type { Clock, Log } from "../../../ports";
import { log } from "../../logger";
import { DynamoDbCaseStore } from "../dynamodb-case-store";
import { DynamoDbCaseTableInventory } from "../dynamodb-case-table-inventory";
import { DynamoDbPersonalDataStore } from "../dynamodb-personal-data-store";
import { DynamoDbRawMailArrivals } from "../dynamodb-raw-mail-arrivals";
import { DynamoDbTombstones } from "../dynamodb-tombstones";
import { EmfMetrics } from "../emf-metrics";
import {
  type AwsClients,
  caseTable,
  deadLetters,
  deployedPolicy,
  functionClients,
  storedObjects,
  systemClock,
} from "./runtime";

/** The case data a purge or an erasure reaches: the table's items and the objects in the raw-mail bucket. */
export function caseData(
  clients: Pick<AwsClients, "documents" | "s3">,
  tableName: string,
  rawMailBucket: string,
) {
  const table = caseTable(clients, tableName);
  return {
    cases: table.get(DynamoDbCaseStore),
    table: table.get(DynamoDbCaseTableInventory),
    store: table.get(DynamoDbPersonalDataStore),
    tombstones: table.get(DynamoDbTombstones),
    objects: storedObjects(clients, rawMailBucket),
  };
}

/** SES's second receipt action: where it records each stored message's arrival. */
export function mailArrival(
  env: MailArrivalEnvironment,
  clients: Pick<AwsClients, "documents"> = functionClients,
) {
  return { arrivals: caseTable(clients, env.CASE_TABLE_NAME).get(DynamoDbRawMailArrivals) };
}

/** The retention purge; its clock is the scheduled event's time, given per run. */
export function retention(
  env: RetentionEnvironment,
  clients: Pick<AwsClients, "documents" | "s3"> = functionClients,
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
    deadLetters: deadLetters(clients, env.DEAD_LETTER_QUEUE_URLS),
    policy: defaultRetentionPolicy,
    ...context,
    normalisePhone: (input) => normalisePhone(input, region),
  };
}
