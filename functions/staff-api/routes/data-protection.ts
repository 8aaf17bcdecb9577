// Subject access, erasure and legal holds, for head office and admins only: find everything held about a
// person by email or phone, export it, erase it; place or lift a legal hold on a case. The person's
// details travel in the request body, never in the URL, so no access log or trace records them.

import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { z } from "zod";
import { dynamoDocumentClient, s3Client, sqsClient } from "../../../shared/adapters/aws/clients";
import { subjectRightsAdapters } from "../../../shared/adapters/aws/data-lifecycle-adapters";
import { json, problem } from "../../../shared/adapters/http/responses";
import { log } from "../../../shared/adapters/logger";
import {
  type DataProtectionDependencies,
  erasePersonalData,
  exportPersonalData,
  findPersonalData,
  InvalidDataSubjectError,
  setLegalHold,
} from "../../../shared/application/data-protection";
import { subjectRightsEnvironment } from "../../../shared/config/data-lifecycle-environment";
import { readEnvironment } from "../../../shared/config/environment";
import { defaultPolicy } from "../../../shared/config/policy";
import { defaultRetentionPolicy } from "../../../shared/config/retention-policy";
import { normalisePhone } from "../../../shared/domain/extraction";
import { parseReference } from "../../../shared/domain/reference";
import { type Route, type RouteTable, staffMember } from "../route";

const env = readEnvironment(subjectRightsEnvironment);
const region = defaultPolicy.extraction.defaultRegion as Parameters<typeof normalisePhone>[1];

const deps: DataProtectionDependencies = {
  ...subjectRightsAdapters(
    { documents: dynamoDocumentClient(), s3: s3Client(), sqs: sqsClient() },
    {
      tableName: env.CASE_TABLE_NAME,
      rawMailBucket: env.RAW_MAIL_BUCKET,
      deadLetterQueueUrls: env.DEAD_LETTER_QUEUE_URLS,
    },
  ),
  policy: defaultRetentionPolicy,
  clock: { now: () => new Date() },
  log,
  normalisePhone: (input) => normalisePhone(input, region),
};

/** Who may see or erase everything about a person: the data protection lead sits in head office. */
const ALLOWED_GROUPS = new Set(["head-office", "admin"]);

const subjectBody = z.strictObject({
  email: z.string().max(320).optional(),
  phone: z.string().max(40).optional(),
});
const erasureBody = subjectBody.extend({ confirm: z.literal(true) });
const holdBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

function body(event: APIGatewayProxyEventV2): unknown {
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? "", "base64").toString() : event.body;
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}

/** Refuses staff outside head office and admin, and maps an invalid subject to a 400. */
function restricted(route: Route): Route {
  return async (event) => {
    if (!staffMember(event).groups.some((group) => ALLOWED_GROUPS.has(group))) {
      return problem(403, "forbidden", "Only head office and admins may act on personal data requests.");
    }
    try {
      return await route(event);
    } catch (error) {
      if (error instanceof InvalidDataSubjectError) return problem(400, "invalid-subject", error.message);
      throw error;
    }
  };
}

function invalidBody() {
  return problem(400, "invalid-body", "Send JSON with an email, a phone number or both.");
}

function caseReference(event: APIGatewayProxyEventV2): string | undefined {
  const parsed = parseReference(event.pathParameters?.ref ?? "");
  return parsed.valid ? parsed.reference : undefined;
}

async function changeHold(event: APIGatewayProxyEventV2, place: boolean) {
  const reference = caseReference(event);
  if (!reference) return problem(400, "invalid-reference", "That is not a valid case reference.");
  const request = place ? holdBody.safeParse(body(event)) : undefined;
  if (request && !request.success) return problem(400, "invalid-body", "Give the reason for the hold.");
  const hold = request?.success
    ? { by: staffMember(event).id, at: new Date().toISOString(), reason: request.data.reason }
    : undefined;
  const result = await setLegalHold(reference, hold, deps);
  if (result.changed) return json(200, { caseReference: reference, legalHold: hold ?? null });
  if (result.reason === "not-found") return problem(404, "case-not-found", "No case has that reference.");
  return problem(409, "case-anonymised", "The case was anonymised; nothing personal is left to hold.");
}

export const dataProtectionRoutes: RouteTable = {
  "POST /api/data-protection/search": restricted(async (event) => {
    const request = subjectBody.safeParse(body(event));
    if (!request.success) return invalidBody();
    const found = await findPersonalData(request.data, deps);
    return json(200, {
      subject: found.subject,
      previouslyErased: found.previouslyErased,
      cases: found.cases.map((held) =>
        held.role === "customer"
          ? { caseReference: held.case.reference, role: held.role, legalHold: Boolean(held.case.legalHold) }
          : { caseReference: held.caseReference, role: held.role },
      ),
      inputs: found.inputs.map((entry) => entry.intakeId),
      rawMessages: found.rawMessageKeys.length,
      parkedMessages: found.parkedMessages.length,
      thirdPartiesToReview: found.thirdParties.length,
    });
  }),
  "POST /api/data-protection/export": restricted(async (event) => {
    const request = subjectBody.safeParse(body(event));
    if (!request.success) return invalidBody();
    return json(200, await exportPersonalData(request.data, deps));
  }),
  "POST /api/data-protection/erase": restricted(async (event) => {
    const request = erasureBody.safeParse(body(event));
    if (!request.success) {
      return problem(400, "invalid-body", 'Send JSON with an email or phone number and "confirm": true.');
    }
    const { confirm: _confirm, ...subject } = request.data;
    return json(200, await erasePersonalData(subject, deps));
  }),
  "PUT /api/cases/{ref}/legal-hold": restricted((event) => changeHold(event, true)),
  "DELETE /api/cases/{ref}/legal-hold": restricted((event) => changeHold(event, false)),
};
