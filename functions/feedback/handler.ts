// The public feedback page behind the link in a resolved outcome (`GET /feedback/{token}` shows the one
// question, `POST /feedback/{token}` takes the answer), on the staff API's HTTP API without its
// authorizer: the signed, expiring token is the customer's only credential. The signing key is read from
// Secrets Manager at run time (cached), so a rotated key is used without a redeploy.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { dynamoDocumentClient } from "../../shared/adapters/aws/clients";
import { DynamoDbCaseCommunication } from "../../shared/adapters/aws/dynamodb-case-communication";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { secretsManagerSecret } from "../../shared/adapters/aws/secrets-manager-secret";
import { RuntimeKeyFeedbackTokens } from "../../shared/adapters/hmac-feedback-tokens";
import { htmlPageHeaders } from "../../shared/adapters/http/html-pages";
import { errorResponse } from "../../shared/adapters/http/responses";
import { log, logger } from "../../shared/adapters/logger";
import { type FeedbackDependencies, openFeedback, submitFeedback } from "../../shared/application/feedback";
import { feedbackEnvironment } from "../../shared/config/communication-environment";
import { readEnvironment, SIGNING_KEY_MIN_LENGTH } from "../../shared/config/environment";
import { policyNamed } from "../../shared/config/policy";
import {
  FEEDBACK_PAGE_STYLE,
  type FeedbackPageState,
  type FeedbackPageView,
  renderFeedbackPage,
} from "../../shared/domain/templates/feedback-page";

const env = readEnvironment(feedbackEnvironment);
const documents = dynamoDocumentClient();
const tokens = new RuntimeKeyFeedbackTokens(
  secretsManagerSecret(env.FEEDBACK_SIGNING_KEY_SECRET, SIGNING_KEY_MIN_LENGTH),
);
const deps: FeedbackDependencies = {
  cases: new DynamoDbCaseStore(documents, env.CASE_TABLE_NAME),
  store: new DynamoDbCaseCommunication(documents, env.CASE_TABLE_NAME),
  tokens,
  clock: { now: () => new Date() },
  log,
  policy: policyNamed(env.ORGANISATION_NAME),
};

/** An answer is a rating and a comment: a few kilobytes at most. */
const MAX_BODY_BYTES = 16 * 1024;

// The token is in the path: no other site learns it from a Referer header.
const PAGE_HEADERS = htmlPageHeaders({ style: FEEDBACK_PAGE_STYLE, referrerPolicy: "no-referrer" });

const STATUS: Record<FeedbackPageState, number> = {
  form: 200,
  thanks: 200,
  "already-given": 200,
  expired: 410,
  invalid: 404,
};

function page(view: FeedbackPageView): APIGatewayProxyStructuredResultV2 {
  const statusCode = view.state === "form" && view.error ? 400 : STATUS[view.state];
  return { statusCode, headers: PAGE_HEADERS, body: renderFeedbackPage(view) };
}

function formFields(event: APIGatewayProxyEventV2): Record<string, string> | undefined {
  const body = event.isBase64Encoded
    ? Buffer.from(event.body ?? "", "base64").toString("utf8")
    : (event.body ?? "");
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return undefined;
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) fields[name] = value;
  return fields;
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const token = event.pathParameters?.token ?? "";
  try {
    await tokens.load();
    if (event.routeKey === "GET /feedback/{token}") return page(await openFeedback(token, deps));
    if (event.routeKey === "POST /feedback/{token}") {
      const mediaType = (event.headers?.["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      if (mediaType !== "application/x-www-form-urlencoded")
        return errorResponse(415, "unsupported-media-type", "Send the feedback form as a web form.");
      const fields = formFields(event);
      if (!fields) return errorResponse(413, "body-too-large", "The answer is too long.");
      return page(await submitFeedback(token, fields, deps));
    }
    return errorResponse(404, "no-such-route", "There is no such page.");
  } catch (error) {
    logger.error("feedback request failed", { routeKey: event.routeKey, error: (error as Error).name });
    return errorResponse(500, "internal-error", "Something went wrong; your feedback was not recorded.");
  }
}
