// The staff API. API Gateway's JWT authorizer admits only signed-in staff; this handler finds the
// route and maps unexpected failures to a plain 500 (details go to the log as ids and error names only).

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { problem } from "../../shared/adapters/http/responses";
import { logger } from "../../shared/adapters/logger";
import type { RouteTable } from "./route";
import { actionRoutes } from "./routes/actions";
import { caseRoutes } from "./routes/cases";
import { communicationRoutes } from "./routes/communication";
import { complaintRoutes } from "./routes/complaints";
import { dataProtectionRoutes } from "./routes/data-protection";
import { problemRoutes } from "./routes/problems";
import { quarantineRoutes } from "./routes/quarantine";
import { reportRoutes } from "./routes/reports";
import { searchRoutes } from "./routes/search";

const routes: RouteTable = {
  ...caseRoutes,
  ...quarantineRoutes,
  ...dataProtectionRoutes,
  ...communicationRoutes,
  ...actionRoutes,
  ...searchRoutes,
  ...reportRoutes,
  ...problemRoutes,
  ...complaintRoutes,
};

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const route = routes[event.routeKey];
  if (!route) return problem(404, "no-such-route", "There is no such endpoint.");
  try {
    return await route(event);
  } catch (error) {
    logger.error("staff api request failed", { routeKey: event.routeKey, error: (error as Error).name });
    return problem(500, "internal-error", "Something went wrong; the request was not completed.");
  }
}
