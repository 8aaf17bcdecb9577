// The web form's side of HTTP: reading a post out of an API Gateway (payload 2.0) event, and turning
// the application's answer into a JSON response for scripts or an HTML page for browsers. Pages go
// out with a strict Content-Security-Policy that allows only their own inline style and script.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { type FormMediaType, postedForm } from "../../shared/adapters/http/form-body";
import { htmlPageHeaders, requestOrigin } from "../../shared/adapters/http/html-pages";
import { errorResponse, json } from "../../shared/adapters/http/responses";
import type { FormPost, FormPostResult } from "../../shared/application/intake-form";
import {
  type AnswerField,
  type FormCategory,
  type FormRejectionReason,
  type FormSession,
  fieldErrorMessage,
} from "../../shared/domain/form-submission";
import {
  FORM_PAGE_SCRIPT,
  FORM_PAGE_STYLE,
  type FormPageModel,
  renderConfirmationPage,
  renderFormPage,
} from "../../shared/domain/templates/form-page";

export const FORM_ACTION = "/api/forms";

/** The post as form intake takes it: who sent it from where, and its fields read once, here. */
export function formPostFrom(event: APIGatewayProxyEventV2, maxBodyBytes: number): FormPost {
  // Payload 2.0 lower-cases header names.
  return {
    requestId: event.requestContext.requestId,
    sourceIp: event.requestContext.http.sourceIp,
    origin: event.headers?.origin,
    ownOrigin: requestOrigin(event),
    form: postedForm(event, { maxBytes: maxBodyBytes, accept: ["json", "urlencoded"] }),
  };
}

const PAGE_HEADERS = htmlPageHeaders({
  style: FORM_PAGE_STYLE,
  script: FORM_PAGE_SCRIPT,
  // A POST's Origin header is only sent as the page's origin when the policy is not no-referrer.
  referrerPolicy: "same-origin",
});

function html(statusCode: number, body: string, headers: Record<string, string> = {}) {
  return { statusCode, headers: { ...PAGE_HEADERS, ...headers }, body };
}

export interface PageContext {
  organisationName: string;
  categories: FormCategory[];
  notice: readonly string[];
}

export function formPage(context: PageContext, session: FormSession): APIGatewayProxyStructuredResultV2 {
  return html(200, renderFormPage(pageModel(context, session)));
}

function pageModel(
  context: PageContext,
  session: FormSession,
  extra: Partial<FormPageModel> = {},
): FormPageModel {
  return { ...context, session, action: FORM_ACTION, ...extra };
}

const STATUS: Record<string, number> = {
  "missing-origin": 403,
  "foreign-origin": 403,
  "unsupported-media-type": 415,
  "body-too-large": 413,
  "malformed-body": 400,
  "invalid-form-token": 400,
  "expired-form-token": 400,
  "rate-limited-ip": 429,
  "rate-limited-email": 429,
};

/** What the customer is told when the refusal is about the post as a whole, not one answer. */
const PAGE_ERRORS: Partial<Record<FormRejectionReason, string>> = {
  "missing-origin":
    "This form can only be sent from our own website. Please fill it in on this page and send it.",
  "foreign-origin":
    "This form can only be sent from our own website. Please fill it in on this page and send it.",
  "unsupported-media-type":
    "The form was sent in a way we cannot read. Please fill it in on this page and send it.",
  "body-too-large": `Your message was too long to send. ${fieldErrorMessage("message", "too-long")}.`,
  "malformed-body": "We could not read the form. Please fill it in on this page and send it.",
  "unknown-field":
    "The form contained a question we do not recognise. Please fill it in on this page and send it.",
  "invalid-form-token": "We could not check this page. Please check your answers and send the form again.",
  "expired-form-token":
    "This page had been open for a long time. Please check your answers and send the form again.",
  "rate-limited-ip":
    "We have received several messages from this connection recently. Please wait a while and send it again.",
  "rate-limited-email":
    "We have received several messages from this email address recently. Please wait a while and send it again.",
};

const API_MESSAGES: Partial<Record<FormRejectionReason, string>> = {
  "missing-origin": "The Origin header is required.",
  "foreign-origin": "Posts are accepted only from the form's own origin.",
  "unsupported-media-type": "Send application/json or application/x-www-form-urlencoded.",
  "body-too-large": "The body is too large.",
  "malformed-body": "The body is not a UTF-8 JSON object or URL-encoded form.",
  "invalid-form-token": "The form token is missing or not valid; load the form again.",
  "expired-form-token": "The form token has expired; load the form again.",
  "rate-limited-ip": "Too many posts from this network; try again later.",
  "rate-limited-email": "Too many posts for this email address; try again later.",
};

export function formPostResponse(
  result: FormPostResult,
  mediaType: FormMediaType | undefined,
  context: PageContext,
): APIGatewayProxyStructuredResultV2 {
  const asPage = mediaType === "urlencoded";
  if (result.status === "accepted") {
    return asPage
      ? html(200, renderConfirmationPage(result.confirmation))
      : json(201, { reference: result.reference });
  }
  const statusCode = STATUS[result.reason] ?? 422;
  const headers: Record<string, string> =
    result.retryAfterSeconds === undefined ? {} : { "retry-after": String(result.retryAfterSeconds) };
  const fieldErrors = Object.entries(result.fieldErrors);
  if (asPage) {
    const pageError = fieldErrors.length > 0 ? undefined : PAGE_ERRORS[result.reason];
    const model = pageModel(context, result.session, {
      values: result.values,
      fieldErrors: result.fieldErrors,
      pageErrors: pageError ? [pageError] : [],
    });
    return html(statusCode, renderFormPage(model), headers);
  }
  // Built from entries, so a field named `__proto__` is reported like any other and pollutes nothing.
  const fields = Object.fromEntries([
    ...fieldErrors.map(([field, fieldError]) => [field, fieldError.message]),
    ...result.unknownFields.map((name) => [name, "This form has no such field; remove it"]),
    ...(result.reason === "body-too-large"
      ? [["message" satisfies AnswerField, fieldErrorMessage("message", "too-long")]]
      : []),
  ]);
  const response = errorResponse(
    statusCode,
    result.reason,
    API_MESSAGES[result.reason] ?? "Some answers need correcting; see fields.",
    Object.keys(fields).length > 0 ? { fields } : {},
  );
  return { ...response, headers: { ...response.headers, ...headers } };
}

export function serverErrorResponse(asPage: boolean): APIGatewayProxyStructuredResultV2 {
  return asPage
    ? html(
        500,
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Sorry, something went wrong</title></head><body><main><h1>Sorry, something went wrong</h1><p>Your message may not have been sent. Please go back and send it again: if it did arrive, sending it again will not make a second copy.</p></main></body></html>',
      )
    : errorResponse(500, "internal-error", "Something went wrong; send the same submission again.");
}
