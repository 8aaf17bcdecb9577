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
import type {
  AttachmentLinks,
  AttachmentStore,
  DeadLetters,
  IntakeQueue,
  Mailer,
  RawMailInventory,
  RawMailStore,
  ReadSecret,
  ReferralQueue,
  StoredObjects,
  Suppressions,
} from "../../../ports";
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

export interface AwsClients {
  documents: DynamoDBDocumentClient;
  /** The other services' clients are asked for when first needed: their SDK packages load then. */
  s3: () => Promise<S3Client>;
  sqs: () => Promise<SQSClient>;
  ses: () => Promise<SESv2Client>;
}

/** Every client a function may call: the DynamoDB client is created on first use, the others when asked for. */
export const functionClients: AwsClients = {
  get documents() {
    return dynamoDocumentClient();
  },
  s3: s3Client,
  sqs: sqsClient,
  ses: sesClient,
};

/** Clients that already exist (the local sandbox's), as the composition roots take them. */
export function clientsAtHand(clients: {
  documents: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
  ses: SESv2Client;
}): AwsClients {
  return {
    documents: clients.documents,
    s3: async () => clients.s3,
    sqs: async () => clients.sqs,
    ses: async () => clients.ses,
  };
}

/** The ports Heed defers: every member is a method that answers with a promise. */
type AsyncMethods<Port> = {
  [Name in keyof Port]: (...args: never[]) => Promise<unknown>;
};

/**
 * A port whose adapter is built on its first call, with the adapter's module and the SDK package it calls
 * imported then (`build` imports them with `import()`, which the bundler splits into a chunk of their
 * own): a function that never takes a path calling the port never loads them. `methods` names every one
 * of the port's methods. A build that fails is tried again on the next call.
 */
export function builtOnFirstCall<Port extends AsyncMethods<Port>>(
  build: () => Promise<Port>,
  methods: { readonly [Name in keyof Port]: true },
): Port {
  let building: Promise<Port> | undefined;
  const adapter = () => {
    building ??= build().catch((error: unknown) => {
      building = undefined;
      throw error;
    });
    return building;
  };
  const port: Partial<Record<keyof Port, unknown>> = {};
  for (const name of Object.keys(methods) as (keyof Port)[]) {
    port[name] = async (...args: never[]) => {
      const built = await adapter();
      return (built[name] as (...args: never[]) => Promise<unknown>).apply(built, args);
    };
  }
  return port as Port;
}

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

// The adapters over S3, SQS and SES, each built on its first call (see builtOnFirstCall).

/** Mail through SES; `suppressions`, when given, holds the addresses never to mail. */
export function sesMailer(
  clients: Pick<AwsClients, "ses">,
  configurationSet: string | undefined,
  suppressions?: Suppressions,
): Mailer {
  return builtOnFirstCall(
    async () =>
      new (await import("../ses-mailer")).SesMailer(await clients.ses(), configurationSet, suppressions),
    { send: true },
  );
}

/** Mail to customers: never to an address that bounced for good or complained. */
export function customerMailer(
  clients: Pick<AwsClients, "ses">,
  table: CaseTable,
  env: { SES_CONFIGURATION_SET?: string | undefined },
): Mailer {
  return sesMailer(clients, env.SES_CONFIGURATION_SET || undefined, table.get(DynamoDbSuppressions));
}

/** The four levels' referral queues, for a function that refers cases. */
export function referralQueues(
  clients: Pick<AwsClients, "sqs">,
  env: Parameters<typeof referralQueueUrls>[0],
): ReferralQueue {
  const urls = referralQueueUrls(env);
  return builtOnFirstCall(
    async () => new (await import("../sqs-referral-queue")).SqsReferralQueue(await clients.sqs(), urls),
    { send: true, sendThemeAlert: true },
  );
}

export function intakeQueue(clients: Pick<AwsClients, "sqs">, queueUrl: string): IntakeQueue {
  return builtOnFirstCall(
    async () => new (await import("../sqs-intake-queue")).SqsIntakeQueue(await clients.sqs(), queueUrl),
    { redrive: true },
  );
}

export function deadLetters(clients: Pick<AwsClients, "sqs">, queueUrls: readonly string[]): DeadLetters {
  return builtOnFirstCall(
    async () => new (await import("../sqs-dead-letters")).SqsDeadLetters(await clients.sqs(), queueUrls),
    { list: true, delete: true },
  );
}

export function rawMailStore(clients: Pick<AwsClients, "s3">): RawMailStore {
  return builtOnFirstCall(
    async () => new (await import("../s3-raw-mail-store")).S3RawMailStore(await clients.s3()),
    { open: true },
  );
}

export function rawMailInventory(
  clients: Pick<AwsClients, "s3">,
  bucket: string,
  prefix: string,
): RawMailInventory {
  return builtOnFirstCall(
    async () =>
      new (await import("../s3-raw-mail-inventory")).S3RawMailInventory(await clients.s3(), bucket, prefix),
    { list: true, present: true },
  );
}

export function attachmentStore(clients: Pick<AwsClients, "s3">, bucket: string): AttachmentStore {
  return builtOnFirstCall(
    async () => new (await import("../s3-attachment-store")).S3AttachmentStore(await clients.s3(), bucket),
    { put: true },
  );
}

export function attachmentLinks(clients: Pick<AwsClients, "s3">, bucket: string): AttachmentLinks {
  return builtOnFirstCall(
    async () => new (await import("../s3-attachment-links")).S3AttachmentLinks(await clients.s3(), bucket),
    { downloadUrl: true },
  );
}

export function storedObjects(clients: Pick<AwsClients, "s3">, bucket: string): StoredObjects {
  return builtOnFirstCall(
    async () => new (await import("../s3-stored-objects")).S3StoredObjects(await clients.s3(), bucket),
    { read: true, delete: true },
  );
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
    referrals: referralQueues(clients, env),
    mailer: customerMailer(clients, table, env),
    followUps: followUpAdapters(table),
    complaintReturn: table.get(DynamoDbComplaintReturnCounters),
    queues: table.get(DynamoDbWorkQueues),
    urgentSignals: defaultStaffTeams.urgentSignals,
  };
}
