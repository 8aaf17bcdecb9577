// The customer's case page, on the HTTP API without the staff authorizer: `GET /case/{token}` shows the
// case, `POST /case/{token}` adds to it (a multipart form with files), and `GET`/`POST /case` let a
// customer whose link no longer works ask for a fresh one. The signed token is the only credential; it is
// never logged, and every answer is an HTML page that no cache keeps. The signing key is read from
// Secrets Manager at run time (cached), so a rotated key is used without a redeploy.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { casePage as casePageRoot } from "../../shared/adapters/aws/wiring/web-intake";
import { postedForm, requestBody } from "../../shared/adapters/http/form-body";
import { htmlPageHeaders, preferredLanguage, requestOrigin } from "../../shared/adapters/http/html-pages";
import { logger } from "../../shared/adapters/logger";
import {
  type AdditionPost,
  addToCase,
  type CasePageAnswer,
  openCasePage,
  requestFreshLink,
} from "../../shared/application/case-page";
import { casePageEnvironment } from "../../shared/config/case-page-environment";
import { readEnvironment } from "../../shared/config/environment";
import type { PostedFile } from "../../shared/domain/case-page";
import { CASE_PAGE_STYLE, renderCasePage } from "../../shared/domain/templates/case-page";
import { CATALOGUES } from "../../shared/domain/templates/catalogues";
import { catalogueFor } from "../../shared/domain/templates/letter-language";

const { deps, casePage, maxBodyBytes } = casePageRoot(readEnvironment(casePageEnvironment));

const PAGE_HEADERS = htmlPageHeaders({ style: CASE_PAGE_STYLE, referrerPolicy: "same-origin" });

const STATUS: Record<CasePageAnswer["status"], number> = {
  shown: 200,
  added: 200,
  "not-found": 404,
  refused: 400,
  "form-expired": 403,
  "rate-limited": 429,
};

/** A case's page is in the case's language; a page that knows no case follows the browser's. */
function page(answer: CasePageAnswer, event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 {
  const view =
    answer.view.state === "link-request"
      ? {
          ...answer.view,
          catalogue: catalogueFor(
            preferredLanguage(event.headers?.["accept-language"], Object.keys(CATALOGUES)),
          ),
        }
      : answer.view;
  return { statusCode: STATUS[answer.status], headers: PAGE_HEADERS, body: renderCasePage(view) };
}

/** The page that knows no case, with a note above its fresh-link form. */
function linkRequestPage(
  event: APIGatewayProxyEventV2,
  statusCode: number,
  outcome: "form" | "problem" | "error",
): APIGatewayProxyStructuredResultV2 {
  const view = {
    state: "link-request",
    catalogue: catalogueFor(undefined),
    organisationName: deps.policy.organisation.name,
    outcome,
  } as const;
  return { ...page({ status: "shown", view }, event), statusCode };
}

/** A request the page cannot take at all (wrong origin, encoding or size), or one that failed. */
const refusal = (event: APIGatewayProxyEventV2, statusCode: number) =>
  linkRequestPage(event, statusCode, statusCode >= 500 ? "error" : "problem");

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** Reads the multipart form with the runtime's own parser; files arrive whole (the body is at most ~6 MB). */
async function additionPost(event: APIGatewayProxyEventV2, contentType: string): Promise<AdditionPost> {
  const form = await new Response(requestBody(event), {
    headers: { "content-type": contentType },
  }).formData();
  const files: PostedFile[] = [];
  for (const value of form.getAll("files")) {
    if (typeof value === "string") continue;
    files.push({
      filename: value.name,
      declaredType: value.type || "application/octet-stream",
      bytes: new Uint8Array(await value.arrayBuffer()),
    });
  }
  return {
    message: text(form, "message"),
    transactionReference: text(form, "transactionReference"),
    phone: text(form, "phone"),
    files,
    formToken: text(form, "formToken"),
    submissionId: text(form, "submissionId"),
    sourceIp: event.requestContext.http.sourceIp,
  };
}

async function handlePost(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  // Posts come only from the page itself: its own origin, exactly.
  if (event.headers?.origin !== requestOrigin(event)) return refusal(event, 403);
  const contentType = event.headers?.["content-type"] ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase();
  const tooLarge = requestBody(event).byteLength > maxBodyBytes;
  if (event.routeKey === "POST /case/{token}") {
    const token = event.pathParameters?.token ?? "";
    if (tooLarge) {
      const answer = await openCasePage(token, deps, ["filesTooLarge"]);
      return { ...page(answer, event), ...(answer.status === "refused" ? { statusCode: 413 } : {}) };
    }
    if (mediaType !== "multipart/form-data") return refusal(event, 415);
    return page(await addToCase(token, await additionPost(event, contentType), deps), event);
  }
  if (tooLarge) return refusal(event, 413);
  const form = postedForm(event, { maxBytes: maxBodyBytes, accept: ["urlencoded"] });
  if ("refused" in form) return refusal(event, form.refused === "unsupported-media-type" ? 415 : 400);
  const field = (name: string) => {
    const value = form.fields[name];
    return typeof value === "string" ? value : "";
  };
  return page(
    await requestFreshLink(
      { reference: field("reference"), email: field("email"), sourceIp: event.requestContext.http.sourceIp },
      deps,
    ),
    event,
  );
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    await casePage.tokens.load();
    if (event.routeKey === "GET /case/{token}")
      return page(await openCasePage(event.pathParameters?.token ?? "", deps), event);
    if (event.routeKey === "GET /case") return linkRequestPage(event, 200, "form");
    if (event.routeKey === "POST /case/{token}" || event.routeKey === "POST /case")
      return await handlePost(event);
    return refusal(event, 404);
  } catch (error) {
    // The route key names the route, never the token in the path.
    logger.error("case page request failed", { routeKey: event.routeKey, error: (error as Error).name });
    return refusal(event, 500);
  }
}
