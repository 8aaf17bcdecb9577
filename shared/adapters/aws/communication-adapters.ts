// The DynamoDB adapters that keeping customers informed needs, built in one call, so every function that
// writes to customers (intake, the reconciler, the staff API) starts the quiet period the same way.

import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { FollowUpDependencies } from "../../application/customer-mail";
import { defaultStaffTeams } from "../../config/staff-teams";
import type { ReferralLevel } from "../../domain/case";
import { DynamoDbAcknowledgementQuota } from "./dynamodb-acknowledgement-quota";
import { DynamoDbCaseCommunication } from "./dynamodb-case-communication";
import { DynamoDbCaseStore } from "./dynamodb-case-store";
import { DynamoDbComplaintReturnCounters } from "./dynamodb-complaint-records";
import { DynamoDbDueItems } from "./dynamodb-due-items";
import { DynamoDbSuppressions } from "./dynamodb-suppressions";
import { DynamoDbWorkQueues } from "./dynamodb-work-queues";
import { SesMailer } from "./ses-mailer";
import { SqsReferralQueue } from "./sqs-referral-queue";

export function followUpAdapters(client: DynamoDBDocumentClient, tableName: string): FollowUpDependencies {
  return {
    store: new DynamoDbCaseCommunication(client, tableName),
    dueItems: new DynamoDbDueItems(client, tableName),
  };
}

export interface CaseCompletionClients {
  documents: DynamoDBDocumentClient;
  sqs: SQSClient;
  ses: SESv2Client;
}

export interface CaseCompletionSettings {
  tableName: string;
  referralQueueUrls: Record<ReferralLevel, string>;
  configurationSet: string | undefined;
}

/**
 * What completing a case needs (the work queue entry and referral, acknowledgement, the quiet period that
 * follows), built the same way by every function that records cases: email intake, the web form and the
 * reconciler.
 */
export function caseCompletionAdapters(clients: CaseCompletionClients, settings: CaseCompletionSettings) {
  const { documents } = clients;
  return {
    cases: new DynamoDbCaseStore(documents, settings.tableName),
    quota: new DynamoDbAcknowledgementQuota(documents, settings.tableName),
    referrals: new SqsReferralQueue(clients.sqs, settings.referralQueueUrls),
    mailer: new SesMailer(
      clients.ses,
      settings.configurationSet,
      new DynamoDbSuppressions(documents, settings.tableName),
    ),
    followUps: followUpAdapters(documents, settings.tableName),
    complaintReturn: new DynamoDbComplaintReturnCounters(documents, settings.tableName),
    queues: new DynamoDbWorkQueues(documents, settings.tableName),
    urgentSignals: defaultStaffTeams.urgentSignals,
  };
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
