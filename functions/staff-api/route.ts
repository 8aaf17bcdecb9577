// What a staff API route is, and who is calling it. API Gateway's JWT authorizer has already checked
// the token; its claims arrive as strings (lists as "[a b]").

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { z } from "zod";
import { problem } from "../../shared/adapters/http/responses";

export type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** Routes keyed by API Gateway route key, e.g. "GET /api/cases/{ref}". */
export type RouteTable = Record<string, Route>;

export interface StaffMember {
  id: string;
  groups: string[];
}

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
    return { ok: false, response: problem(413, "body-too-large", "The request body is too large.") };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw || "{}");
  } catch {
    return { ok: false, response: problem(400, "malformed-body", "The request body is not JSON.") };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    }));
    return {
      ok: false,
      response: problem(400, "invalid-body", "The request body is not valid.", { problems }),
    };
  }
  return { ok: true, value: result.data };
}
