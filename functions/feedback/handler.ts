// The public feedback page behind the link in a resolved outcome (`GET /feedback/{token}` shows the one
// question, `POST /feedback/{token}` takes the answer), on the staff API's HTTP API without its
// authorizer: the signed, expiring token is the customer's only credential. The signing key is read from
// Secrets Manager at run time (cached), so a rotated key is used without a redeploy.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { feedbackPage } from "../../shared/adapters/aws/wiring/communication";
import { postedForm } from "../../shared/adapters/http/form-body";
import { htmlPageHeaders } from "../../shared/adapters/http/html-pages";
import { errorResponse } from "../../shared/adapters/http/responses";
import { logger } from "../../shared/adapters/logger";
import { openFeedback, submitFeedback } from "../../shared/application/feedback";
import { feedbackEnvironment } from "../../shared/config/communication-environment";
import { readEnvironment } from "../../shared/config/environment";
import {
  FEEDBACK_PAGE_STYLE,
  type FeedbackPageState,
  type FeedbackPageView,
  renderFeedbackPage,
} from "../../shared/domain/templates/feedback-page";

const { deps, tokens } = feedbackPage(readEnvironment(feedbackEnvironment));

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

const STATUS_OF_REFUSAL = { "unsupported-media-type": 415, "body-too-large": 413, "malformed-body": 400 };
const REFUSALS = {
  "unsupported-media-type": "Send the feedback form as a web form.",
  "body-too-large": "The answer is too long.",
  "malformed-body": "The answer could not be read; send the form again.",
};

function page(view: FeedbackPageView): APIGatewayProxyStructuredResultV2 {
  const statusCode = view.state === "form" && view.error ? 400 : STATUS[view.state];
  return { statusCode, headers: PAGE_HEADERS, body: renderFeedbackPage(view) };
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const token = event.pathParameters?.token ?? "";
  try {
    await tokens.load();
    if (event.routeKey === "GET /feedback/{token}") return page(await openFeedback(token, deps));
    if (event.routeKey === "POST /feedback/{token}") {
      const form = postedForm(event, { maxBytes: MAX_BODY_BYTES, accept: ["urlencoded"] });
      if ("refused" in form)
        return errorResponse(STATUS_OF_REFUSAL[form.refused], form.refused, REFUSALS[form.refused]);
      return page(await submitFeedback(token, form.fields, deps));
    }
    return errorResponse(404, "no-such-route", "There is no such page.");
  } catch (error) {
    logger.error("feedback request failed", { routeKey: event.routeKey, error: (error as Error).name });
    return errorResponse(500, "internal-error", "Something went wrong; your feedback was not recorded.");
  }
}
