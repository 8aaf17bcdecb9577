// The public web contact form, on the same HTTP API as the staff API but without its authorizer:
// `GET /` renders the form page, `POST /api/forms` takes a post from the page or from a script and
// hands it to form intake, which records it like an email and answers with the case reference.

import { randomBytes, randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { dynamoDocumentClient, sesClient, sqsClient } from "../../shared/adapters/aws/clients";
import { DynamoDbAcknowledgementQuota } from "../../shared/adapters/aws/dynamodb-acknowledgement-quota";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { DynamoDbRateLimiter } from "../../shared/adapters/aws/dynamodb-rate-limiter";
import { DynamoDbThemeLedger } from "../../shared/adapters/aws/dynamodb-theme-ledger";
import { SesMailer } from "../../shared/adapters/aws/ses-mailer";
import { SqsReferralQueue } from "../../shared/adapters/aws/sqs-referral-queue";
import { problem } from "../../shared/adapters/http/responses";
import { log, logger } from "../../shared/adapters/logger";
import {
  type FormIntakeDependencies,
  newFormSession,
  receiveFormPost,
} from "../../shared/application/intake-form";
import { readEnvironment, webFormEnvironment } from "../../shared/config/environment";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { defaultPolicy } from "../../shared/config/policy";
import { PRIVACY_NOTICE } from "../../shared/config/privacy-notice";
import { defineForm, formMediaType } from "../../shared/domain/form-submission";
import { formPage, formPostFrom, formPostResponse, type PageContext, serverErrorResponse } from "./form-http";

const env = readEnvironment(webFormEnvironment);
const policy = env.ORGANISATION_NAME
  ? { ...defaultPolicy, organisation: { ...defaultPolicy.organisation, name: env.ORGANISATION_NAME } }
  : defaultPolicy;
const form = defineForm(Object.keys(policy.classification.categories));

const deps: FormIntakeDependencies = {
  cases: new DynamoDbCaseStore(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  ledger: new DynamoDbIntakeLedger(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  rateLimiter: new DynamoDbRateLimiter(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  themes: new DynamoDbThemeLedger(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  quota: new DynamoDbAcknowledgementQuota(dynamoDocumentClient(), env.CASE_TABLE_NAME),
  intakePolicy: defaultIntakePolicy,
  referrals: new SqsReferralQueue(sqsClient(), {
    frontline: env.REFERRAL_QUEUE_URL_FRONTLINE,
    supervisor: env.REFERRAL_QUEUE_URL_SUPERVISOR,
    management: env.REFERRAL_QUEUE_URL_MANAGEMENT,
    "head-office": env.REFERRAL_QUEUE_URL_HEAD_OFFICE,
  }),
  mailer: new SesMailer(sesClient(), env.SES_CONFIGURATION_SET || undefined),
  clock: { now: () => new Date() },
  random: randomBytes,
  newSubmissionId: randomUUID,
  form,
  notice: PRIVACY_NOTICE,
  policy,
  log,
  settings: {
    intakeAddress: env.INTAKE_ADDRESS,
    signingKey: env.FORM_SIGNING_KEY,
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
    if (event.routeKey === "GET /") return formPage(pageContext, newFormSession(deps));
    if (event.routeKey === "POST /api/forms") {
      const result = await receiveFormPost(formPostFrom(event), deps);
      return formPostResponse(result, mediaType, pageContext);
    }
    return problem(404, "no-such-route", "There is no such endpoint.");
  } catch (error) {
    logger.error("web form request failed", {
      routeKey: event.routeKey,
      requestId: event.requestContext.requestId,
      error: error instanceof Error ? error.name : "unknown",
    });
    return serverErrorResponse(mediaType === "urlencoded");
  }
}
