// The staff API. API Gateway's JWT authorizer admits only signed-in staff; this handler finds the
// route, checks the colleague's groups against the route's row of the permissions table (a refusal is
// a 403 with the table's sentence), loads the route's module and runs it, and maps unexpected failures
// to a plain 500 (details go to the log as ids and error names only).

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { errorResponse } from "../../shared/adapters/http/responses";
import { logger } from "../../shared/adapters/logger";
import { permit } from "../../shared/domain/permissions";
import { staffMember } from "./route";
import { routeOf, STAFF_ROUTES } from "./routes";

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const staffRoute = STAFF_ROUTES[event.routeKey];
  if (!staffRoute) return errorResponse(404, "no-such-route", "There is no such endpoint.");
  const member = staffMember(event);
  const permission = permit(staffRoute.capability, member);
  if (!permission.allowed) {
    logger.info("staff route refused", { routeKey: event.routeKey, capability: staffRoute.capability });
    return errorResponse(403, "refused", permission.reason);
  }
  const route = await routeOf(event.routeKey);
  if (!route) return errorResponse(404, "no-such-route", "There is no such endpoint.");
  try {
    return await route(event, member);
  } catch (error) {
    logger.error("staff api request failed", { routeKey: event.routeKey, error: (error as Error).name });
    return errorResponse(500, "internal-error", "Something went wrong; the request was not completed.");
  }
}
