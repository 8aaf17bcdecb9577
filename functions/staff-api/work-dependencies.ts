// The adapters behind the staff API's routes for acting on cases, writing to customers, finding cases
// and reporting on them, created once per execution environment and shared by those routes.

import { randomUUID } from "node:crypto";
import { dynamoDocumentClient, s3Client, sesClient, sqsClient } from "../../shared/adapters/aws/clients";
import { followUpAdapters } from "../../shared/adapters/aws/communication-adapters";
import { DynamoDbAccessLog } from "../../shared/adapters/aws/dynamodb-access-log";
import { DynamoDbCaseCommunication } from "../../shared/adapters/aws/dynamodb-case-communication";
import { DynamoDbCaseReports } from "../../shared/adapters/aws/dynamodb-case-reports";
import {
  DynamoDbComplaintRecords,
  DynamoDbComplaintReturnCounters,
} from "../../shared/adapters/aws/dynamodb-complaint-records";
import { DynamoDbDueItems } from "../../shared/adapters/aws/dynamodb-due-items";
import { DynamoDbStaffCaseChanges } from "../../shared/adapters/aws/dynamodb-staff-case-changes";
import { DynamoDbSuppressions } from "../../shared/adapters/aws/dynamodb-suppressions";
import { DynamoDbWorkQueues } from "../../shared/adapters/aws/dynamodb-work-queues";
import { S3AttachmentLinks } from "../../shared/adapters/aws/s3-attachment-links";
import { secretsManagerSecret } from "../../shared/adapters/aws/secrets-manager-secret";
import { SesMailer } from "../../shared/adapters/aws/ses-mailer";
import { SqsReferralQueue } from "../../shared/adapters/aws/sqs-referral-queue";
import { casePageLinkSettings } from "../../shared/adapters/hmac-case-page-tokens";
import { RuntimeKeyFeedbackTokens } from "../../shared/adapters/hmac-feedback-tokens";
import { log } from "../../shared/adapters/logger";
import { systemClock } from "../../shared/adapters/system-clock";
import type { ComplaintWorkDependencies } from "../../shared/application/complaint-work/complaint-work";
import type { ReportDependencies } from "../../shared/application/reports";
import type {
  CaseChangeDependencies,
  LetterDependencies,
  QueueDependencies,
  ReadDependencies,
} from "../../shared/application/staff-work";
import { staffCommunicationEnvironment } from "../../shared/config/communication-environment";
import { readEnvironment, SIGNING_KEY_MIN_LENGTH } from "../../shared/config/environment";
import { defaultPolicy } from "../../shared/config/policy";
import { staffWorkEnvironment } from "../../shared/config/staff-teams";
import { cases } from "./dependencies";
import type { Route } from "./route";

const env = { ...readEnvironment(staffWorkEnvironment), ...readEnvironment(staffCommunicationEnvironment) };
const documents = dynamoDocumentClient();
const clock = systemClock;
const communication = new DynamoDbCaseCommunication(documents, env.CASE_TABLE_NAME);

export const policy = env.ORGANISATION_NAME
  ? { ...defaultPolicy, organisation: { ...defaultPolicy.organisation, name: env.ORGANISATION_NAME } }
  : defaultPolicy;
const reports = new DynamoDbCaseReports(documents, env.CASE_TABLE_NAME);
export const complaintReturn = new DynamoDbComplaintReturnCounters(documents, env.CASE_TABLE_NAME);

export const actionDependencies: CaseChangeDependencies = {
  cases,
  changes: new DynamoDbStaffCaseChanges(documents, env.CASE_TABLE_NAME),
  referrals: new SqsReferralQueue(sqsClient(), {
    frontline: env.REFERRAL_QUEUE_URL_FRONTLINE,
    supervisor: env.REFERRAL_QUEUE_URL_SUPERVISOR,
    management: env.REFERRAL_QUEUE_URL_MANAGEMENT,
    "head-office": env.REFERRAL_QUEUE_URL_HEAD_OFFICE,
  }),
  reports,
  clock,
  newId: randomUUID,
  policy,
  log,
  opensComplaints: { dueItems: new DynamoDbDueItems(documents, env.CASE_TABLE_NAME), complaintReturn },
};

const feedbackTokens = new RuntimeKeyFeedbackTokens(
  secretsManagerSecret(env.FEEDBACK_SIGNING_KEY_SECRET, SIGNING_KEY_MIN_LENGTH),
);
const casePage = casePageLinkSettings(
  env,
  secretsManagerSecret(env.CASE_PAGE_SIGNING_KEY_SECRET, SIGNING_KEY_MIN_LENGTH),
);

/**
 * Letters carry feedback and case-page links signed with each key's current value, read at run time
 * (cached): a route that writes letters loads both, together, before it starts.
 */
async function loadLetterKeys(): Promise<void> {
  await Promise.all([feedbackTokens.load(), casePage.tokens.load()]);
}

/** A route that may write to the customer: the signing keys its letters' links need are loaded first. */
export function writingLetters(route: Route): Route {
  return async (event, member) => {
    await loadLetterKeys();
    return route(event, member);
  };
}

export const letterDependencies: LetterDependencies = {
  cases,
  followUps: followUpAdapters(documents, env.CASE_TABLE_NAME),
  mailer: new SesMailer(
    sesClient(),
    env.SES_CONFIGURATION_SET || undefined,
    new DynamoDbSuppressions(documents, env.CASE_TABLE_NAME),
  ),
  feedbackTokens,
  clock,
  newId: randomUUID,
  log,
  policy,
  casePage,
  settings: { intakeAddress: env.INTAKE_ADDRESS },
  complaintReturn,
};

/** Regulated complaint work writes to customers as the other letters do, and records the complaint's handling. */
export const complaintWorkDependencies: ComplaintWorkDependencies = {
  ...letterDependencies,
  complaints: new DynamoDbComplaintRecords(documents, env.CASE_TABLE_NAME),
};

export const readDependencies: ReadDependencies = {
  cases,
  access: new DynamoDbAccessLog(documents, env.CASE_TABLE_NAME),
  clock,
  newId: randomUUID,
  log,
  policy,
};

export const queueDependencies: QueueDependencies = {
  queues: new DynamoDbWorkQueues(documents, env.CASE_TABLE_NAME),
  cases,
  clock,
};

export const reportDependencies: ReportDependencies = { reports, cases, feedback: communication, clock };

export const attachmentLinks = new S3AttachmentLinks(s3Client(), env.RAW_MAIL_BUCKET);
