// The composition roots of keeping customers informed outside the staff API: the public feedback page,
// the hourly follow-up timer and SES's bounce and complaint notifications.

import type { FeedbackDependencies } from "../../../application/feedback";
import type { MailEventDependencies } from "../../../application/mail-events";
import type {
  FeedbackEnvironment,
  FollowUpTimersEnvironment,
  MailEventsEnvironment,
} from "../../../config/communication-environment";
import { RuntimeKeyFeedbackTokens } from "../../hmac-feedback-tokens";
import { log } from "../../logger";
import { DynamoDbCaseCommunication } from "../dynamodb-case-communication";
import { DynamoDbCaseStore } from "../dynamodb-case-store";
import { DynamoDbSuppressions } from "../dynamodb-suppressions";
import {
  type AwsClients,
  caseTable,
  deployedPolicy,
  followUpAdapters,
  functionClients,
  referralQueues,
  signingKey,
  systemClock,
} from "./runtime";

/** The feedback page: its tokens are `load()`ed at the start of each request. */
export function feedbackPage(
  env: FeedbackEnvironment,
  clients: Pick<AwsClients, "documents"> = functionClients,
) {
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  const tokens = new RuntimeKeyFeedbackTokens(signingKey(env.FEEDBACK_SIGNING_KEY_SECRET));
  const deps: FeedbackDependencies = {
    cases: table.get(DynamoDbCaseStore),
    store: table.get(DynamoDbCaseCommunication),
    tokens,
    clock: systemClock,
    log,
    policy: deployedPolicy(env),
  };
  return { deps, tokens };
}

/** The follow-up timer's adapters; its clock is the scheduled event's time, given per run. */
export function followUpTimers(
  env: FollowUpTimersEnvironment,
  clients: Pick<AwsClients, "documents" | "sqs"> = functionClients,
) {
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  return {
    ...followUpAdapters(table),
    cases: table.get(DynamoDbCaseStore),
    referrals: referralQueues(clients, env),
    log,
  };
}

export function mailEvents(
  env: MailEventsEnvironment,
  clients: Pick<AwsClients, "documents"> = functionClients,
): MailEventDependencies {
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  return {
    cases: table.get(DynamoDbCaseStore),
    suppressions: table.get(DynamoDbSuppressions),
    clock: systemClock,
    log,
  };
}
