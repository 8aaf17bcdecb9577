// The public web contact form, on the same HTTP API as the staff API but without its authorizer:
// `GET /` renders the form page, `POST /api/forms` takes a post from the page or from a script and
// hands it to form intake, which records it like an email and answers with the case reference. The
// signing keys (the form's and the case page's) are read from Secrets Manager at run time (cached), so a
// rotated key is used without a redeploy.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { formIntake } from "../../shared/adapters/aws/wiring/web-intake";
import { formMediaType } from "../../shared/adapters/http/form-body";
import { errorResponse } from "../../shared/adapters/http/responses";
import { logger } from "../../shared/adapters/logger";
import { newFormSession } from "../../shared/application/form-session";
import { readEnvironment, webFormEnvironment } from "../../shared/config/environment";
import { noticeParagraphs } from "../../shared/domain/policy/privacy-notice";
import { formPage, formPostFrom, formPostResponse, type PageContext, serverErrorResponse } from "./form-http";

const { deps, casePage, formKey: signingKey, maxBodyBytes } = formIntake(readEnvironment(webFormEnvironment));

const pageContext: PageContext = {
  organisationName: deps.policy.organisation.name,
  categories: deps.form.categories,
  notice: noticeParagraphs(deps.notice, deps.policy.organisation.name),
};

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const mediaType = formMediaType(event.headers?.["content-type"]);
  try {
    const [formKey] = await Promise.all([signingKey(), casePage.tokens.load()]);
    const current = { ...deps, settings: { ...deps.settings, signingKey: formKey } };
    if (event.routeKey === "GET /") return formPage(pageContext, newFormSession(current));
    if (event.routeKey === "POST /api/forms") {
      // Only a post understands, records and answers: the page is rendered without loading any of that.
      const { receiveFormPost } = await import("../../shared/application/intake-form");
      const result = await receiveFormPost(formPostFrom(event, maxBodyBytes), current);
      return formPostResponse(result, mediaType, pageContext);
    }
    return errorResponse(404, "no-such-route", "There is no such endpoint.");
  } catch (error) {
    logger.error("web form request failed", {
      routeKey: event.routeKey,
      requestId: event.requestContext.requestId,
      error: error instanceof Error ? error.name : "unknown",
    });
    return serverErrorResponse(mediaType === "urlencoded");
  }
}
