// The public web contact form, on the same HTTP API as the staff API but without its authorizer:
// `GET /` renders the form page, `POST /api/forms` takes a post from the page or from a script and
// hands it to form intake, which records it like an email and answers with the case reference. The
// signing keys (the form's and the case page's) are read from Secrets Manager at run time (cached), so a
// rotated key is used without a redeploy.

import { randomBytes, randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { dynamoDocumentClient, sesClient, sqsClient } from "../../shared/adapters/aws/clients";
import { caseCompletionAdapters, referralQueueUrls } from "../../shared/adapters/aws/communication-adapters";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { DynamoDbRateLimiter } from "../../shared/adapters/aws/dynamodb-rate-limiter";
import { DynamoDbThemeLedger } from "../../shared/adapters/aws/dynamodb-theme-ledger";
import { DynamoDbTombstones } from "../../shared/adapters/aws/dynamodb-tombstones";
import { secretsManagerSecret } from "../../shared/adapters/aws/secrets-manager-secret";
import { casePageLinkSettings } from "../../shared/adapters/hmac-case-page-tokens";
import { errorResponse } from "../../shared/adapters/http/responses";
import { log, logger } from "../../shared/adapters/logger";
import {
  type FormIntakeDependencies,
  newFormSession,
  receiveFormPost,
} from "../../shared/application/intake-form";
import { readEnvironment, SIGNING_KEY_MIN_LENGTH, webFormEnvironment } from "../../shared/config/environment";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { policyNamed } from "../../shared/config/policy";
import { PRIVACY_NOTICE } from "../../shared/config/privacy-notice";
import { defineForm, formMediaType } from "../../shared/domain/form-submission";
import { formPage, formPostFrom, formPostResponse, type PageContext, serverErrorResponse } from "./form-http";

const env = readEnvironment(webFormEnvironment);
const policy = policyNamed(env.ORGANISATION_NAME);
const form = defineForm(Object.keys(policy.classification.categories));

const signingKey = secretsManagerSecret(env.FORM_SIGNING_KEY_SECRET, SIGNING_KEY_MIN_LENGTH);
const casePage = casePageLinkSettings(
  env,
  secretsManagerSecret(env.CASE_PAGE_SIGNING_KEY_SECRET, SIGNING_KEY_MIN_LENGTH),
);
const deps: Omit<FormIntakeDependencies, "settings"> & {
  settings: Omit<FormIntakeDependencies["settings"], "signingKey">;
} = {
  ...caseCompletionAdapters(
    { documents: dynamoDocumentClient(), sqs: sqsClient(), ses: sesClient() },
    {
      tableName: env.CASE_TABLE_NAME,
      referralQueueUrls: referralQueueUrls(env),
      configurationSet: env.SES_CONFIGURATION_SET || undefined,
    },
  ),
  ledger: new DynamoDbIntakeLedger(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  rateLimiter: new DynamoDbRateLimiter(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  themes: new DynamoDbThemeLedger(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  tombstones: new DynamoDbTombstones(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  intakePolicy: defaultIntakePolicy,
  clock: { now: () => new Date() },
  random: randomBytes,
  newSubmissionId: randomUUID,
  form,
  notice: PRIVACY_NOTICE,
  policy,
  log,
  casePage,
  settings: {
    intakeAddress: env.INTAKE_ADDRESS,
    allowedOrigins: env.ALLOWED_ORIGINS,
    minSecondsToSubmit: env.FORM_MIN_SECONDS,
    maxBodyBytes: env.FORM_MAX_BODY_BYTES,
    postsPerIp: { name: "form-ip", limit: env.FORM_POSTS_PER_IP_PER_HOUR, windowSeconds: 60 * 60 },
    postsPerEmail: {
      name: "form-email",
      limit: env.FORM_POSTS_PER_EMAIL_PER_DAY,
      windowSeconds: 24 * 60 * 60,
    },
  },
};

const pageContext: PageContext = {
  organisationName: policy.organisation.name,
  categories: form.categories,
  notice: PRIVACY_NOTICE.paragraphs.map((paragraph) =>
    paragraph.replaceAll("{organisation}", policy.organisation.name),
  ),
};

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const mediaType = formMediaType(event.headers?.["content-type"]);
  try {
    const [formKey] = await Promise.all([signingKey(), casePage.tokens.load()]);
    const current = { ...deps, settings: { ...deps.settings, signingKey: formKey } };
    if (event.routeKey === "GET /") return formPage(pageContext, newFormSession(current));
    if (event.routeKey === "POST /api/forms") {
      const result = await receiveFormPost(formPostFrom(event), current);
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
