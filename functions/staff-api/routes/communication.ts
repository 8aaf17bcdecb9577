// Keeping customers informed, from the staff side: progress updates, commitments in the promise ledger,
// proposed options and the customer's choice, the resolved or unresolved outcome, and the feedback
// report. Bodies are JSON checked against strict schemas; a letter that fails the promise and tone check
// comes back as 422 with each phrase, where it is and the text with the phrases marked.

import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { dynamoDocumentClient, sesClient } from "../../../shared/adapters/aws/clients";
import { followUpAdapters } from "../../../shared/adapters/aws/communication-adapters";
import { DynamoDbSuppressions } from "../../../shared/adapters/aws/dynamodb-suppressions";
import { SesMailer } from "../../../shared/adapters/aws/ses-mailer";
import { HmacFeedbackTokens } from "../../../shared/adapters/hmac-feedback-tokens";
import { json, problem } from "../../../shared/adapters/http/responses";
import { log } from "../../../shared/adapters/logger";
import {
  type ActionFailure,
  type ActionResult,
  type CommunicationDependencies,
  closeUnresolved,
  closeUnresolvedInput,
  commitmentInput,
  commitmentKeptInput,
  listCommitments,
  markCommitmentKept,
  optionChoiceInput,
  optionsInput,
  progressUpdateInput,
  proposeOptions,
  recordCommitment,
  recordOptionChoice,
  resolveCase,
  resolveInput,
  sendProgressUpdate,
} from "../../../shared/application/communication";
import { feedbackReport } from "../../../shared/application/feedback";
import { staffCommunicationEnvironment } from "../../../shared/config/communication-environment";
import { readEnvironment } from "../../../shared/config/environment";
import { defaultPolicy } from "../../../shared/config/policy";
import { cases } from "../dependencies";
import { type RouteTable, readJsonBody, staffMember } from "../route";

const env = readEnvironment(staffCommunicationEnvironment);
const documents = dynamoDocumentClient();
const deps: CommunicationDependencies = {
  cases,
  followUps: followUpAdapters(documents, env.CASE_TABLE_NAME),
  mailer: new SesMailer(
    sesClient(),
    env.SES_CONFIGURATION_SET || undefined,
    new DynamoDbSuppressions(documents, env.CASE_TABLE_NAME),
  ),
  feedbackTokens: new HmacFeedbackTokens(env.FEEDBACK_SIGNING_KEY),
  clock: { now: () => new Date() },
  newId: randomUUID,
  log,
  policy: env.ORGANISATION_NAME
    ? { ...defaultPolicy, organisation: { ...defaultPolicy.organisation, name: env.ORGANISATION_NAME } }
    : defaultPolicy,
  settings: { intakeAddress: env.INTAKE_ADDRESS },
};

/** Shared with the regulated complaint routes, which write to customers the same way. */
export const communicationDependencies = deps;

const FAILURES: Record<ActionFailure["code"], { status: number; message: string }> = {
  "invalid-reference": { status: 400, message: "That is not a valid case reference." },
  "case-not-found": { status: 404, message: "No case has that reference." },
  "case-not-open": { status: 409, message: "The case is closed; this needs an open case." },
  "promise-check": {
    status: 422,
    message: "Not sent: reword the marked phrases so they explain the process without promising or blaming.",
  },
  "not-sent": { status: 409, message: "The message could not be sent to the customer's address." },
  "mail-unavailable": {
    status: 503,
    message: "The mail service is not available; nothing was sent. Try again.",
  },
  "due-in-past": { status: 422, message: "The due time has already passed." },
  "due-too-far-ahead": { status: 422, message: "The due time is too far ahead." },
  "commitment-not-found": { status: 404, message: "The case has no commitment with that id." },
  "commitment-not-open": { status: 409, message: "The commitment is already kept or missed." },
  "proposal-not-found": { status: 404, message: "The case has no options proposal with that id." },
  "option-not-found": { status: 422, message: "The proposal has no option with that id." },
  "choice-already-recorded": { status: 409, message: "The customer's choice for that proposal is recorded." },
  "unknown-outside-help": { status: 422, message: "The outside-help directory has no entry with that id." },
};

function respond<T>(result: ActionResult<T>, status: number): APIGatewayProxyStructuredResultV2 {
  if (result.ok) return json(status, result.value);
  const { code, ...details } = result.failure;
  const { status: failureStatus, message } = FAILURES[code];
  return problem(failureStatus, code, message, details);
}

/** Where the feedback link points: the API the staff member reached, which also serves the public page. */
function ownOrigin(event: APIGatewayProxyEventV2): string {
  const protocol = event.headers?.["x-forwarded-proto"] ?? "https";
  const port = event.headers?.["x-forwarded-port"];
  const defaultPort = protocol === "https" ? "443" : "80";
  return `${protocol}://${event.requestContext.domainName}${port && port !== defaultPort ? `:${port}` : ""}`;
}

const reference = (event: APIGatewayProxyEventV2) => event.pathParameters?.ref ?? "";

export const communicationRoutes: RouteTable = {
  "POST /api/cases/{ref}/updates": async (event) => {
    const input = readJsonBody(progressUpdateInput, event);
    if (!input.ok) return input.response;
    return respond(await sendProgressUpdate(reference(event), input.value, staffMember(event), deps), 201);
  },
  "GET /api/cases/{ref}/commitments": async (event) =>
    respond(await listCommitments(reference(event), deps), 200),
  "POST /api/cases/{ref}/commitments": async (event) => {
    const input = readJsonBody(commitmentInput, event);
    if (!input.ok) return input.response;
    return respond(await recordCommitment(reference(event), input.value, staffMember(event), deps), 201);
  },
  "POST /api/cases/{ref}/commitments/{id}/kept": async (event) => {
    const input = readJsonBody(commitmentKeptInput, event);
    if (!input.ok) return input.response;
    const id = event.pathParameters?.id ?? "";
    return respond(
      await markCommitmentKept(reference(event), id, input.value, staffMember(event), deps),
      200,
    );
  },
  "POST /api/cases/{ref}/options": async (event) => {
    const input = readJsonBody(optionsInput, event);
    if (!input.ok) return input.response;
    return respond(await proposeOptions(reference(event), input.value, staffMember(event), deps), 201);
  },
  "POST /api/cases/{ref}/options/choice": async (event) => {
    const input = readJsonBody(optionChoiceInput, event);
    if (!input.ok) return input.response;
    return respond(await recordOptionChoice(reference(event), input.value, staffMember(event), deps), 201);
  },
  "POST /api/cases/{ref}/resolve": async (event) => {
    const input = readJsonBody(resolveInput, event);
    if (!input.ok) return input.response;
    return respond(
      await resolveCase(reference(event), input.value, staffMember(event), ownOrigin(event), deps),
      200,
    );
  },
  "POST /api/cases/{ref}/close-unresolved": async (event) => {
    const input = readJsonBody(closeUnresolvedInput, event);
    if (!input.ok) return input.response;
    return respond(await closeUnresolved(reference(event), input.value, staffMember(event), deps), 200);
  },
  "GET /api/feedback": async (event) => {
    const month = event.queryStringParameters?.month ?? new Date().toISOString().slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      return problem(400, "invalid-month", "Give the month as yyyy-mm.");
    return json(200, await feedbackReport(month, deps.followUps.store));
  },
};
