// What a staff API route is, and who is calling it. API Gateway's JWT authorizer has already checked
// the token; its claims arrive as strings (lists as "[a b]").

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

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
