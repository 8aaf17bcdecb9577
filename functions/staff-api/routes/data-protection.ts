// Subject access, erasure and legal holds (head office and admins, by the permissions table): find
// everything held about a person by email or phone, export it, erase it; place or lift a legal hold on a
// case. The person's details travel in the request body, never in the URL, so no access log or trace
// records them; the cases found or exported are audited, each as an access by the colleague.

import type { APIGatewayProxyEventV2 } from "aws-lambda";
import * as z from "zod";
import { errorResponse, json } from "../../../shared/adapters/http/responses";
import {
  erasePersonalData,
  exportPersonalData,
  findPersonalData,
  InvalidDataSubjectError,
  type PersonalDataFound,
  setLegalHold,
} from "../../../shared/application/data-protection";
import { recordAccess } from "../../../shared/application/staff-work";
import type { StaffMember } from "../../../shared/domain/permissions";
import { parseReference } from "../../../shared/domain/reference";
import { staff } from "../dependencies";
import type { Route, RouteTable } from "../route";

const { dataProtection: deps, audit } = staff;

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

/** Maps an invalid subject to a 400. */
function restricted(route: Route): Route {
  return async (event, member) => {
    try {
      return await route(event, member);
    } catch (error) {
      if (error instanceof InvalidDataSubjectError)
        return errorResponse(400, "invalid-subject", error.message);
      throw error;
    }
  };
}

function invalidBody() {
  return errorResponse(400, "invalid-body", "Send JSON with an email, a phone number or both.");
}

function caseReference(event: APIGatewayProxyEventV2): string | undefined {
  const parsed = parseReference(event.pathParameters?.ref ?? "");
  return parsed.valid ? parsed.reference : undefined;
}

/** Each case found for the person is an access to its personal data. */
function auditCases(
  found: Pick<PersonalDataFound, "cases">,
  what: "exported" | "found-by-search",
  member: StaffMember,
) {
  const references = found.cases.map((held) =>
    held.role === "customer" ? held.case.reference : held.caseReference,
  );
  return recordAccess(member, references, what, audit, "data-protection");
}

async function changeHold(event: APIGatewayProxyEventV2, member: StaffMember, place: boolean) {
  const reference = caseReference(event);
  if (!reference) return errorResponse(400, "invalid-reference", "That is not a valid case reference.");
  const request = place ? holdBody.safeParse(body(event)) : undefined;
  if (request && !request.success) return errorResponse(400, "invalid-body", "Give the reason for the hold.");
  const hold = request?.success
    ? { by: member.id, at: deps.clock.now().toISOString(), reason: request.data.reason }
    : undefined;
  const result = await setLegalHold(reference, hold, deps);
  if (result.changed) return json(200, { caseReference: reference, legalHold: hold ?? null });
  if (result.reason === "not-found")
    return errorResponse(404, "case-not-found", "No case has that reference.");
  return errorResponse(409, "case-anonymised", "The case was anonymised; nothing personal is left to hold.");
}

export const dataProtectionRoutes: RouteTable = {
  "POST /api/data-protection/search": restricted(async (event, member) => {
    const request = subjectBody.safeParse(body(event));
    if (!request.success) return invalidBody();
    const found = await findPersonalData(request.data, deps);
    await auditCases(found, "found-by-search", member);
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
  "POST /api/data-protection/export": restricted(async (event, member) => {
    const request = subjectBody.safeParse(body(event));
    if (!request.success) return invalidBody();
    const bundle = await exportPersonalData(request.data, deps);
    await auditCases(bundle, "exported", member);
    return json(200, bundle);
  }),
  "POST /api/data-protection/erase": restricted(async (event) => {
    const request = erasureBody.safeParse(body(event));
    if (!request.success) {
      return errorResponse(
        400,
        "invalid-body",
        'Send JSON with an email or phone number and "confirm": true.',
      );
    }
    const { confirm: _confirm, ...subject } = request.data;
    return json(200, await erasePersonalData(subject, deps));
  }),
  "PUT /api/cases/{ref}/legal-hold": restricted((event, member) => changeHold(event, member, true)),
  "DELETE /api/cases/{ref}/legal-hold": restricted((event, member) => changeHold(event, member, false)),
};
