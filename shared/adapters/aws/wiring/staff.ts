// The composition roots of the staff side: the staff API (every route's dependencies from its one
// environment, built once and shared by the routes) and the referral notifier that mails the teams.

import { randomBytes, randomUUID } from "node:crypto";
import type { ComplaintWorkDependencies } from "../../../application/complaint-work/complaint-work";
import type { StaffReportDependencies } from "../../../application/intake-staff-report";
import type { NotifierDependencies } from "../../../application/notifications";
import type { ReportDependencies } from "../../../application/reports";
import type {
  AuditDependencies,
  CaseChangeDependencies,
  LetterDependencies,
  QueueDependencies,
  ReadDependencies,
} from "../../../application/staff-work";
import { defaultIntakePolicy } from "../../../config/intake-policy";
import type { StaffApiEnvironment, StaffNotificationEnvironment } from "../../../config/staff-environment";
import { defaultStaffTeams } from "../../../config/staff-teams";
import { withDeployedAddresses } from "../../../domain/policy/staff-teams";
import { RuntimeKeyFeedbackTokens } from "../../hmac-feedback-tokens";
import { log } from "../../logger";
import { DynamoDbAccessLog } from "../dynamodb-access-log";
import { DynamoDbCaseCommunication } from "../dynamodb-case-communication";
import { DynamoDbCaseReports } from "../dynamodb-case-reports";
import { DynamoDbCaseStore } from "../dynamodb-case-store";
import { DynamoDbCasesWithEvents } from "../dynamodb-cases-with-events";
import { DynamoDbComplaintRecords, DynamoDbComplaintReturnCounters } from "../dynamodb-complaint-records";
import { DynamoDbDueItems } from "../dynamodb-due-items";
import { DynamoDbIntakeLedger } from "../dynamodb-intake-ledger";
import { DynamoDbNotificationOutbox } from "../dynamodb-notification-outbox";
import { DynamoDbStaffCaseChanges } from "../dynamodb-staff-case-changes";
import { DynamoDbThemeLedger } from "../dynamodb-theme-ledger";
import { DynamoDbTombstones } from "../dynamodb-tombstones";
import { DynamoDbWorkQueues } from "../dynamodb-work-queues";
import { EmfMetrics } from "../emf-metrics";
import { subjectRights } from "./data-lifecycle";
import {
  type AwsClients,
  attachmentLinks,
  caseCompletionAdapters,
  casePageLinks,
  caseTable,
  customerMailer,
  deployedPolicy,
  followUpAdapters,
  functionClients,
  intakeQueue,
  referralQueues,
  sesMailer,
  signingKey,
  systemClock,
} from "./runtime";

/** Every route's dependencies, from the staff API's one environment. */
export function staffApi(env: StaffApiEnvironment, clients: AwsClients = functionClients) {
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  const policy = deployedPolicy(env);
  const clock = systemClock;
  const cases = table.get(DynamoDbCaseStore);
  const ledger = table.get(DynamoDbIntakeLedger);
  const reports = table.get(DynamoDbCaseReports);
  const complaintReturn = table.get(DynamoDbComplaintReturnCounters);
  const feedbackTokens = new RuntimeKeyFeedbackTokens(signingKey(env.FEEDBACK_SIGNING_KEY_SECRET));
  const casePage = casePageLinks(env);
  const audit: AuditDependencies = { access: table.get(DynamoDbAccessLog), clock, newId: randomUUID };

  const actions: CaseChangeDependencies = {
    cases,
    changes: table.get(DynamoDbStaffCaseChanges),
    referrals: referralQueues(clients, env),
    reports,
    clock,
    newId: randomUUID,
    policy,
    log,
    opensComplaints: { dueItems: table.get(DynamoDbDueItems), complaintReturn },
  };
  const letters: LetterDependencies = {
    cases,
    followUps: followUpAdapters(table),
    mailer: customerMailer(clients, table, env),
    feedbackTokens,
    clock,
    newId: randomUUID,
    log,
    policy,
    casePage,
    settings: { intakeAddress: env.INTAKE_ADDRESS },
    complaintReturn,
  };
  const complaintWork: ComplaintWorkDependencies = {
    ...letters,
    complaints: table.get(DynamoDbComplaintRecords),
  };
  const reads: ReadDependencies = { ...audit, cases, log, policy };
  const queues: QueueDependencies = { queues: table.get(DynamoDbWorkQueues), cases, clock };
  const reporting: ReportDependencies = {
    reports,
    cases,
    feedback: table.get(DynamoDbCaseCommunication),
    clock,
  };
  const staffReports: StaffReportDependencies = {
    ...caseCompletionAdapters(clients, env),
    ledger,
    themes: table.get(DynamoDbThemeLedger),
    tombstones: table.get(DynamoDbTombstones),
    intakePolicy: defaultIntakePolicy,
    random: randomBytes,
    clock,
    policy,
    log,
    settings: { intakeAddress: env.INTAKE_ADDRESS },
  };
  return {
    policy,
    clock,
    ledger,
    intakeQueue: intakeQueue(clients, env.INTAKE_QUEUE_URL),
    actions,
    letters,
    complaintWork,
    complaintReturn,
    reads,
    queues,
    reports: reporting,
    staffReports,
    audit,
    dataProtection: subjectRights(env, clients),
    attachmentLinks: attachmentLinks(clients, env.RAW_MAIL_BUCKET),
    /**
     * Letters carry feedback and case-page links signed with each key's current value, read at run time
     * (cached): a route that writes letters loads both, together, before it starts.
     */
    loadLetterKeys: () => Promise.all([feedbackTokens.load(), casePage.tokens.load()]).then(() => undefined),
  };
}

/** The referral notifier: the teams' mailboxes as deployed, the work queues and the outbox. */
export function referralNotifier(
  env: StaffNotificationEnvironment,
  clients: Pick<AwsClients, "documents" | "ses"> = functionClients,
) {
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  const policy = deployedPolicy(env);
  const deps: NotifierDependencies = {
    referredCases: table.get(DynamoDbCasesWithEvents),
    cases: table.get(DynamoDbCaseStore),
    queues: table.get(DynamoDbWorkQueues),
    outbox: table.get(DynamoDbNotificationOutbox),
    reports: table.get(DynamoDbCaseReports),
    // Notifications go to the teams' own mailboxes: no customer suppression list applies.
    mailer: sesMailer(clients, env.SES_CONFIGURATION_SET || undefined),
    teams: withDeployedAddresses(defaultStaffTeams, {
      consoleBaseUrl: env.CONSOLE_BASE_URL,
      sender: env.NOTIFICATION_SENDER,
    }),
    organisationName: policy.organisation.name,
    teamNames: policy.organisation.teams,
    clock: systemClock,
    log,
  };
  return { deps, metrics: new EmfMetrics(env.POWERTOOLS_METRICS_NAMESPACE, env.POWERTOOLS_SERVICE_NAME) };
}
