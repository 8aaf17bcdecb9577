// The composition roots of intake over the web: the contact form and the customer's case page. Each takes
// the function's checked environment and returns what its application module asks for, built from the
// shared runtime once per execution environment. (Email intake has its own root: it alone parses mail.)

import { randomBytes, randomUUID } from "node:crypto";
import type { CasePageDependencies } from "../../../application/case-page";
import type { FormIntakeDependencies } from "../../../application/intake-form";
import type { CasePageEnvironment } from "../../../config/case-page-environment";
import type { WebFormEnvironment } from "../../../config/environment";
import { defaultIntakePolicy } from "../../../config/intake-policy";
import { PRIVACY_NOTICE } from "../../../config/privacy-notice";
import { defineForm } from "../../../domain/form-submission";
import { log } from "../../logger";
import { DynamoDbAcknowledgementQuota } from "../dynamodb-acknowledgement-quota";
import { DynamoDbCaseStore } from "../dynamodb-case-store";
import { DynamoDbIntakeLedger } from "../dynamodb-intake-ledger";
import { DynamoDbRateLimiter } from "../dynamodb-rate-limiter";
import { DynamoDbThemeLedger } from "../dynamodb-theme-ledger";
import { DynamoDbTombstones } from "../dynamodb-tombstones";
import {
  type AwsClients,
  attachmentStore,
  caseCompletionAdapters,
  casePageLinks,
  caseTable,
  customerMailer,
  deployedPolicy,
  followUpAdapters,
  functionClients,
  signingKey,
  systemClock,
} from "./runtime";

/**
 * The web form: its fields (the policy's categories), the privacy notice, the posting limits, and the
 * form's signing key, which the handler reads at the start of each request with the case-page key.
 */
export function formIntake(env: WebFormEnvironment, clients: AwsClients = functionClients) {
  const policy = deployedPolicy(env);
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  const casePage = casePageLinks(env);
  const deps: Omit<FormIntakeDependencies, "settings"> & {
    settings: Omit<FormIntakeDependencies["settings"], "signingKey">;
  } = {
    ...caseCompletionAdapters(clients, env),
    ledger: table.get(DynamoDbIntakeLedger),
    rateLimiter: table.get(DynamoDbRateLimiter),
    themes: table.get(DynamoDbThemeLedger),
    tombstones: table.get(DynamoDbTombstones),
    intakePolicy: defaultIntakePolicy,
    clock: systemClock,
    random: randomBytes,
    newSubmissionId: randomUUID,
    form: defineForm(Object.keys(policy.classification.categories)),
    notice: PRIVACY_NOTICE,
    policy,
    log,
    casePage,
    settings: {
      intakeAddress: env.INTAKE_ADDRESS,
      allowedOrigins: env.ALLOWED_ORIGINS,
      minSecondsToSubmit: env.FORM_MIN_SECONDS,
      postsPerIp: { name: "form-ip", limit: env.FORM_POSTS_PER_IP_PER_HOUR, windowSeconds: HOUR },
      postsPerEmail: { name: "form-email", limit: env.FORM_POSTS_PER_EMAIL_PER_DAY, windowSeconds: DAY },
    },
  };
  return {
    deps,
    casePage,
    formKey: signingKey(env.FORM_SIGNING_KEY_SECRET),
    maxBodyBytes: env.FORM_MAX_BODY_BYTES,
  };
}

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/** The customer's case page: reading a case, adding to it, and asking for a fresh link. */
export function casePage(
  env: CasePageEnvironment,
  clients: Pick<AwsClients, "documents" | "s3" | "ses"> = functionClients,
) {
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  const cases = table.get(DynamoDbCaseStore);
  const followUps = followUpAdapters(table);
  const links = casePageLinks(env);
  const deps: CasePageDependencies = {
    cases,
    givenDetails: cases,
    store: followUps.store,
    followUps,
    ledger: table.get(DynamoDbIntakeLedger),
    attachments: attachmentStore(clients, env.RAW_MAIL_BUCKET),
    rateLimiter: table.get(DynamoDbRateLimiter),
    quota: table.get(DynamoDbAcknowledgementQuota),
    mailer: customerMailer(clients, table, env),
    casePage: links,
    intakePolicy: defaultIntakePolicy,
    clock: systemClock,
    newId: randomUUID,
    log,
    policy: deployedPolicy(env),
    settings: { intakeAddress: env.INTAKE_ADDRESS },
    limits: {
      additionsPerCase: {
        name: "case-page-case",
        limit: env.CASE_PAGE_ADDITIONS_PER_CASE_PER_HOUR,
        windowSeconds: HOUR,
      },
      additionsPerIp: {
        name: "case-page-ip",
        limit: env.CASE_PAGE_POSTS_PER_IP_PER_HOUR,
        windowSeconds: HOUR,
      },
      linkRequestsPerReference: {
        name: "case-link-case",
        limit: env.CASE_PAGE_LINK_REQUESTS_PER_DAY,
        windowSeconds: DAY,
      },
      linkRequestsPerAddress: {
        name: "case-link-email",
        limit: env.CASE_PAGE_LINK_REQUESTS_PER_DAY,
        windowSeconds: DAY,
      },
      linkRequestsPerIp: {
        name: "case-link-ip",
        limit: env.CASE_PAGE_POSTS_PER_IP_PER_HOUR,
        windowSeconds: HOUR,
      },
    },
  };
  return { deps, casePage: links, maxBodyBytes: env.CASE_PAGE_MAX_BODY_BYTES };
}
