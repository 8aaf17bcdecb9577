// The adapters behind the staff API's routes for acting on cases, finding them and reporting on them,
// created once per execution environment and shared by those routes.

import { randomUUID } from "node:crypto";
import { dynamoDocumentClient, s3Client, sqsClient } from "../../shared/adapters/aws/clients";
import { DynamoDbCaseCommunication } from "../../shared/adapters/aws/dynamodb-case-communication";
import { DynamoDbCaseReports } from "../../shared/adapters/aws/dynamodb-case-reports";
import { DynamoDbComplaintReturnCounters } from "../../shared/adapters/aws/dynamodb-complaint-records";
import { DynamoDbDueItems } from "../../shared/adapters/aws/dynamodb-due-items";
import { DynamoDbStaffCaseChanges } from "../../shared/adapters/aws/dynamodb-staff-case-changes";
import { DynamoDbWorkQueues } from "../../shared/adapters/aws/dynamodb-work-queues";
import { S3AttachmentLinks } from "../../shared/adapters/aws/s3-attachment-links";
import { SqsReferralQueue } from "../../shared/adapters/aws/sqs-referral-queue";
import { log } from "../../shared/adapters/logger";
import type { ReportDependencies } from "../../shared/application/reports";
import type { QueueDependencies, StaffActionDependencies } from "../../shared/application/staff-actions";
import { readEnvironment } from "../../shared/config/environment";
import { defaultPolicy } from "../../shared/config/policy";
import { staffWorkEnvironment } from "../../shared/config/staff-teams";
import { cases } from "./dependencies";

const env = readEnvironment(staffWorkEnvironment);
const documents = dynamoDocumentClient();
const clock = { now: () => new Date() };

export const policy = defaultPolicy;
const reports = new DynamoDbCaseReports(documents, env.CASE_TABLE_NAME);

export const actionDependencies: StaffActionDependencies = {
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
  opensComplaints: {
    dueItems: new DynamoDbDueItems(documents, env.CASE_TABLE_NAME),
    complaintReturn: new DynamoDbComplaintReturnCounters(documents, env.CASE_TABLE_NAME),
  },
};

export const queueDependencies: QueueDependencies = {
  queues: new DynamoDbWorkQueues(documents, env.CASE_TABLE_NAME),
  cases,
  clock,
};

export const reportDependencies: ReportDependencies = {
  reports,
  cases,
  feedback: new DynamoDbCaseCommunication(documents, env.CASE_TABLE_NAME),
  clock,
};

export const attachmentLinks = new S3AttachmentLinks(s3Client(), env.RAW_MAIL_BUCKET);
