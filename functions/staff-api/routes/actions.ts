// Staff acting on a case: who am I (level and authority limits), take a case on, add a note, re-refer
// it, correct a detail or the classification, and agree a refund or goodwill gesture. Bodies are JSON
// checked against strict schemas; an action above the colleague's level is a 403 with the reason.

import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { z } from "zod";
import { json, problem } from "../../../shared/adapters/http/responses";
import {
  addNote,
  agreeOffer,
  claimCase,
  claimInput,
  classificationCorrectionInput,
  correctClassification,
  correctDetail,
  detailCorrectionInput,
  noteInput,
  offerInput,
  reReferCase,
  reReferInput,
  type StaffActionDependencies,
  type StaffActionResult,
  type StaffMemberIdentity,
  whoAmI,
} from "../../../shared/application/staff-actions";
import { type RouteTable, readJsonBody, staffMember } from "../route";
import { actionDependencies, policy } from "../work-dependencies";

const STATUS: Record<string, number> = {
  "invalid-reference": 400,
  "case-not-found": 404,
  refused: 403,
  conflict: 409,
  invalid: 422,
};

type Action<T extends z.ZodType> = (
  reference: string,
  input: z.infer<T>,
  member: StaffMemberIdentity,
  deps: StaffActionDependencies,
) => Promise<StaffActionResult>;

function action<T extends z.ZodType>(schema: T, run: Action<T>, status: number) {
  return async (event: APIGatewayProxyEventV2) => {
    const input = readJsonBody(schema, event);
    if (!input.ok) return input.response;
    const result = await run(
      event.pathParameters?.ref ?? "",
      input.value,
      staffMember(event),
      actionDependencies,
    );
    if (result.ok) return json(status, { event: result.event });
    const { code, message, ...details } = result.failure;
    return problem(STATUS[code] ?? 400, code, message, details);
  };
}

export const actionRoutes: RouteTable = {
  "GET /api/me": async (event) => json(200, whoAmI(staffMember(event), policy)),
  "POST /api/cases/{ref}/claim": action(claimInput, claimCase, 200),
  "POST /api/cases/{ref}/notes": action(noteInput, addNote, 201),
  "POST /api/cases/{ref}/refer": action(reReferInput, reReferCase, 201),
  "POST /api/cases/{ref}/details": action(detailCorrectionInput, correctDetail, 201),
  "POST /api/cases/{ref}/classification": action(classificationCorrectionInput, correctClassification, 201),
  "POST /api/cases/{ref}/offers": action(offerInput, agreeOffer, 201),
};
