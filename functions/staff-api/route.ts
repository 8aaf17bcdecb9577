// What a staff API route is, and who is calling it. API Gateway's JWT authorizer has already checked
// the token; its claims arrive as strings (lists as "[a b]"). Which capability each route needs is in
// routes/index.ts, checked by the handler before the route runs.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type * as z from "zod";
import { errorResponse, json } from "../../shared/adapters/http/responses";
import type { StaffWorkResult } from "../../shared/application/staff-work";
import type { StaffMember } from "../../shared/domain/permissions";

export type Response = APIGatewayProxyStructuredResultV2;
export type Route = (event: APIGatewayProxyEventV2, member: StaffMember) => Promise<Response>;

/** Routes keyed by API Gateway route key, e.g. "GET /api/cases/{ref}". */
export type RouteTable = Record<string, Route>;

/** A route whose JSON body is checked against the schema before `handle` sees it. */
export function withBody<T extends z.ZodType>(
  schema: T,
  handle: (input: z.infer<T>, event: APIGatewayProxyEventV2, member: StaffMember) => Promise<Response>,
): Route {
  return async (event, member) => {
    const input = readJsonBody(schema, event);
    return input.ok ? handle(input.value, event, member) : input.response;
  };
}

/** The HTTP status of each way staff work can fail; the failure carries its own sentence. */
const FAILURE_STATUS: Record<string, number> = {
  "invalid-reference": 400,
  refused: 403,
  "case-not-found": 404,
  "commitment-not-found": 404,
  "proposal-not-found": 404,
  "attachment-not-found": 404,
  "intake-not-found": 404,
  "unknown-letter": 404,
  conflict: 409,
  "case-not-open": 409,
  "not-sent": 409,
  "commitment-not-open": 409,
  "choice-already-recorded": 409,
  "not-quarantined": 409,
  "not-email": 409,
  "not-a-complaint": 409,
  "letter-not-available": 409,
  unchanged: 409,
  "mail-unavailable": 503,
};

/** The result as JSON with `status`, or the failure as an error response with its code and sentence (422 by default). */
export function respond<T>(
  result: StaffWorkResult<T>,
  status: number,
  body?: (value: T) => unknown,
): Response {
  if (result.ok) return json(status, body ? body(result.value) : result.value);
  const { code, message, ...details } = result.failure;
  return errorResponse(FAILURE_STATUS[code] ?? 422, code, message, details);
}

export const caseReference = (event: APIGatewayProxyEventV2) => event.pathParameters?.ref ?? "";

export function staffMember(event: APIGatewayProxyEventV2): StaffMember {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } })
    .authorizer?.jwt?.claims;
  const groups = String(claims?.["cognito:groups"] ?? "")
    .replace(/^\[|\]$/g, "")
    .split(/[\s,]+/)
    .filter(Boolean);
  return { id: String(claims?.email ?? claims?.sub ?? "unknown"), groups };
}

const MAX_BODY_BYTES = 64 * 1024;

export type ParsedBody<T> =
  | { ok: true; value: T }
  | { ok: false; response: APIGatewayProxyStructuredResultV2 };

/** The JSON body checked against a strict schema, or the 4xx that says what is wrong with it. */
export function readJsonBody<T extends z.ZodType>(
  schema: T,
  event: APIGatewayProxyEventV2,
): ParsedBody<z.infer<T>> {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? "", "base64").toString("utf8")
    : (event.body ?? "");
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES)
    return { ok: false, response: errorResponse(413, "body-too-large", "The request body is too large.") };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw || "{}");
  } catch {
    return { ok: false, response: errorResponse(400, "malformed-body", "The request body is not JSON.") };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    }));
    return {
      ok: false,
      response: errorResponse(400, "invalid-body", "The request body is not valid.", { problems }),
    };
  }
  return { ok: true, value: result.data };
}
