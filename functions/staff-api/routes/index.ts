// Every route of the staff API, keyed by API Gateway route key. The capability each needs is in
// route-capabilities.ts; a route without one is refused to everyone, which the route × group test catches.

import type { RouteTable } from "../route";
import { actionRoutes } from "./actions";
import { caseRoutes } from "./cases";
import { communicationRoutes } from "./communication";
import { complaintRoutes } from "./complaints";
import { dataProtectionRoutes } from "./data-protection";
import { quarantineRoutes } from "./quarantine";
import { reportRoutes } from "./reports";
import { searchRoutes } from "./search";
import { staffReportRoutes } from "./staff-reports";

export const staffRoutes: RouteTable = {
  ...caseRoutes,
  ...quarantineRoutes,
  ...dataProtectionRoutes,
  ...communicationRoutes,
  ...actionRoutes,
  ...searchRoutes,
  ...reportRoutes,
  ...staffReportRoutes,
  ...complaintRoutes,
};
