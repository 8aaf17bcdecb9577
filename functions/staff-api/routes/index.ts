// Every route of the staff API, keyed by API Gateway route key, and the module that holds it. A module is
// loaded on the first request for one of its routes, so a request loads only its own route's code; the
// capability each needs is in route-capabilities.ts, and a route without one is refused to everyone, which
// the route × group test catches (it also drives each route's first request).

import type { Route, RouteTable } from "../route";

type RouteModule = () => Promise<RouteTable>;

const cases: RouteModule = () => import("./cases").then((module) => module.caseRoutes);
const quarantine: RouteModule = () => import("./quarantine").then((module) => module.quarantineRoutes);
const dataProtection: RouteModule = () =>
  import("./data-protection").then((module) => module.dataProtectionRoutes);
const communication: RouteModule = () =>
  import("./communication").then((module) => module.communicationRoutes);
const actions: RouteModule = () => import("./actions").then((module) => module.actionRoutes);
const search: RouteModule = () => import("./search").then((module) => module.searchRoutes);
const reports: RouteModule = () => import("./reports").then((module) => module.reportRoutes);
const staffReports: RouteModule = () => import("./staff-reports").then((module) => module.staffReportRoutes);
const complaints: RouteModule = () => import("./complaints").then((module) => module.complaintRoutes);

const ROUTE_MODULES: Readonly<Record<string, RouteModule>> = {
  "GET /api/cases/{ref}": cases,
  "GET /api/cases/{ref}/access": cases,
  "GET /api/cases": cases,
  "GET /api/intake": cases,
  "GET /api/quarantine": quarantine,
  "POST /api/quarantine/{id}/release": quarantine,
  "POST /api/data-protection/search": dataProtection,
  "POST /api/data-protection/export": dataProtection,
  "POST /api/data-protection/erase": dataProtection,
  "PUT /api/cases/{ref}/legal-hold": dataProtection,
  "DELETE /api/cases/{ref}/legal-hold": dataProtection,
  "POST /api/cases/{ref}/updates": communication,
  "GET /api/cases/{ref}/commitments": communication,
  "POST /api/cases/{ref}/commitments": communication,
  "POST /api/cases/{ref}/commitments/{id}/kept": communication,
  "POST /api/cases/{ref}/options": communication,
  "POST /api/cases/{ref}/options/choice": communication,
  "POST /api/cases/{ref}/resolve": communication,
  "POST /api/cases/{ref}/close-unresolved": communication,
  "GET /api/feedback": communication,
  "GET /api/me": actions,
  "POST /api/cases/{ref}/claim": actions,
  "POST /api/cases/{ref}/notes": actions,
  "POST /api/cases/{ref}/refer": actions,
  "POST /api/cases/{ref}/details": actions,
  "POST /api/cases/{ref}/classification": actions,
  "POST /api/cases/{ref}/offers": actions,
  "GET /api/search": search,
  "GET /api/queue": search,
  "GET /api/cases/{ref}/attachments/{id}": search,
  "GET /api/reports": reports,
  "POST /api/problems": staffReports,
  "GET /api/complaint-rules": complaints,
  "POST /api/cases/{ref}/payment-services": complaints,
  "POST /api/cases/{ref}/clock-pause": complaints,
  "POST /api/cases/{ref}/clock-resume": complaints,
  "POST /api/cases/{ref}/regulated-letters": complaints,
  "GET /api/reports/complaints-return": complaints,
};

/** The route for this route key, its module loaded on first use; undefined when there is no such route. */
export async function staffRoute(routeKey: string): Promise<Route | undefined> {
  const routeModule = ROUTE_MODULES[routeKey];
  return routeModule ? (await routeModule())[routeKey] : undefined;
}
