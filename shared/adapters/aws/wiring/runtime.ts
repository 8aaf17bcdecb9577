// What every Heed function is built from, in one place: the AWS clients, one instance of each adapter
// per table or bucket, the clock, the policies as this deployment overrides them (the organisation's
// name), case-page links and what completing a case needs. The per-concern roots beside this file put
// these together for each function; handlers and the sandbox's commands ask them, never build adapters.

import type { S3Client } from "@aws-sdk/client-s3";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { FollowUpDependencies } from "../../../application/customer-mail";
import type { CasePageLinkEnvironment } from "../../../config/case-page-environment";
import { SIGNING_KEY_MIN_LENGTH } from "../../../config/environment";
import { defaultPolicy } from "../../../config/policy";
import { defaultStaffTeams } from "../../../config/staff-teams";
import type { ReferralLevel } from "../../../domain/case";
import { withOrganisationName } from "../../../domain/policy/organisation-name";
import type { Policy } from "../../../domain/policy/organisation-policy";
import type { ReadSecret } from "../../../ports";
import { casePageLinkSettings } from "../../hmac-case-page-tokens";
import { dynamoDocumentClient, s3Client, sesClient, sqsClient } from "../clients";
import { DynamoDbAcknowledgementQuota } from "../dynamodb-acknowledgement-quota";
import { DynamoDbCaseCommunication } from "../dynamodb-case-communication";
import { DynamoDbCaseStore } from "../dynamodb-case-store";
import { DynamoDbComplaintReturnCounters } from "../dynamodb-complaint-records";
import { DynamoDbDueItems } from "../dynamodb-due-items";
import { DynamoDbSuppressions } from "../dynamodb-suppressions";
import { DynamoDbWorkQueues } from "../dynamodb-work-queues";
import { secretsManagerSecret } from "../secrets-manager-secret";
import { SesMailer } from "../ses-mailer";
import { SqsReferralQueue } from "../sqs-referral-queue";

export interface AwsClients {
  documents: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
  ses: SESv2Client;
}

/**
 * Clients that are each created by their factory on first use (the factories keep one per execution
 * environment). A composition root names only the clients its function calls, so a function's bundle
 * leaves out the SDK packages of the others.
 */
export function lazyClients<T extends object>(factories: { [K in keyof T]: () => T[K] }): T {
  const clients = {} as T;
  for (const [name, factory] of Object.entries(factories)) {
    Object.defineProperty(clients, name, { get: factory as () => unknown, enumerable: true });
  }
  return clients;
}

/** Every client a function may call, for the roots whose functions call all of them. */
export const functionClients: AwsClients = /* @__PURE__ */ lazyClients<AwsClients>({
  documents: dynamoDocumentClient,
  s3: s3Client,
  sqs: sqsClient,
  ses: sesClient,
});

export { systemClock } from "../../system-clock";

type TableAdapter<T> = new (documents: DynamoDBDocumentClient, tableName: string) => T;

/** The adapters on one DynamoDB table, each built once, on first use, whoever asks for it. */
export class CaseTable {
  private readonly built = new Map<TableAdapter<unknown>, unknown>();

  constructor(
    readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  get<T>(Adapter: TableAdapter<T>): T {
    let adapter = this.built.get(Adapter) as T | undefined;
    if (adapter === undefined) {
      adapter = new Adapter(this.documents, this.tableName);
      this.built.set(Adapter, adapter);
    }
    return adapter;
  }
}

const tables = new WeakMap<DynamoDBDocumentClient, Map<string, CaseTable>>();

/** The one CaseTable for these clients and this table name. */
export function caseTable(clients: Pick<AwsClients, "documents">, tableName: string): CaseTable {
  const byName = tables.get(clients.documents) ?? new Map<string, CaseTable>();
  tables.set(clients.documents, byName);
  const table = byName.get(tableName) ?? new CaseTable(clients.documents, tableName);
  byName.set(tableName, table);
  return table;
}

/** The organisation's policy under the name the stack was deployed with, when it set one. */
export function deployedPolicy(env: { ORGANISATION_NAME?: string | undefined }): Policy {
  return env.ORGANISATION_NAME ? withOrganisationName(defaultPolicy, env.ORGANISATION_NAME) : defaultPolicy;
}

/** A reader of a signing key held in Secrets Manager (cached), refused when shorter than Heed accepts. */
export function signingKey(secretId: string): ReadSecret {
  return secretsManagerSecret(secretId, SIGNING_KEY_MIN_LENGTH);
}

/** Case-page link settings: `load()` the tokens at the start of each invocation. */
export function casePageLinks(env: CasePageLinkEnvironment, readKey?: ReadSecret) {
  return casePageLinkSettings(env, readKey ?? signingKey(env.CASE_PAGE_SIGNING_KEY_SECRET));
}

/** The four referral queue URLs from a function's environment. */
export function referralQueueUrls(env: {
  REFERRAL_QUEUE_URL_FRONTLINE: string;
  REFERRAL_QUEUE_URL_SUPERVISOR: string;
  REFERRAL_QUEUE_URL_MANAGEMENT: string;
  REFERRAL_QUEUE_URL_HEAD_OFFICE: string;
}): Record<ReferralLevel, string> {
  return {
    frontline: env.REFERRAL_QUEUE_URL_FRONTLINE,
    supervisor: env.REFERRAL_QUEUE_URL_SUPERVISOR,
    management: env.REFERRAL_QUEUE_URL_MANAGEMENT,
    "head-office": env.REFERRAL_QUEUE_URL_HEAD_OFFICE,
  };
}

/** Mail to customers: never to an address that bounced for good or complained. */
export function customerMailer(
  clients: Pick<AwsClients, "ses">,
  table: CaseTable,
  env: { SES_CONFIGURATION_SET?: string | undefined },
): SesMailer {
  return new SesMailer(clients.ses, env.SES_CONFIGURATION_SET || undefined, table.get(DynamoDbSuppressions));
}

export function followUpAdapters(table: CaseTable): FollowUpDependencies {
  return { store: table.get(DynamoDbCaseCommunication), dueItems: table.get(DynamoDbDueItems) };
}

export type CaseCompletionEnvironment = Parameters<typeof referralQueueUrls>[0] & {
  CASE_TABLE_NAME: string;
  SES_CONFIGURATION_SET?: string | undefined;
};

/**
 * What completing a case needs (the work queue entry and referral, acknowledgement, the quiet period that
 * follows), built the same way by every function that records cases: email intake, the web form, staff
 * reports and the reconciler.
 */
export function caseCompletionAdapters(clients: AwsClients, env: CaseCompletionEnvironment) {
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  return {
    cases: table.get(DynamoDbCaseStore),
    quota: table.get(DynamoDbAcknowledgementQuota),
    referrals: new SqsReferralQueue(clients.sqs, referralQueueUrls(env)),
    mailer: customerMailer(clients, table, env),
    followUps: followUpAdapters(table),
    complaintReturn: table.get(DynamoDbComplaintReturnCounters),
    queues: table.get(DynamoDbWorkQueues),
    urgentSignals: defaultStaffTeams.urgentSignals,
  };
}
