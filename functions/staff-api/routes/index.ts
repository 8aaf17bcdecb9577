// Every route of the staff API, keyed by API Gateway route key: the row of the permissions table
// (shared/domain/permissions.ts) it needs, which the handler checks before anything else, and the module
// that holds it, loaded on the first permitted request for one of its routes, so a request loads only its
// own route's code. The route × group sandbox test drives every route of the stack against this table, so
// a route added to the stack without a row here fails it.

import type { Capability } from "../../../shared/domain/permissions";
import type { Route, RouteTable } from "../route";

type RouteModule = () => Promise<RouteTable>;

interface StaffRoute {
  readonly capability: Capability;
  readonly module: RouteModule;
}

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

export const STAFF_ROUTES: Readonly<Record<string, StaffRoute>> = {
  "GET /api/cases/{ref}": { capability: "read-case", module: cases },
  "GET /api/cases/{ref}/access": { capability: "read-access-log", module: cases },
  "GET /api/cases": { capability: "search", module: cases },
  "GET /api/intake": { capability: "read-intake", module: cases },
  "GET /api/quarantine": { capability: "list-quarantine", module: quarantine },
  "POST /api/quarantine/{id}/release": { capability: "release-quarantine", module: quarantine },
  "POST /api/data-protection/search": { capability: "data-protection", module: dataProtection },
  "POST /api/data-protection/export": { capability: "data-protection", module: dataProtection },
  "POST /api/data-protection/erase": { capability: "data-protection", module: dataProtection },
  "PUT /api/cases/{ref}/legal-hold": { capability: "legal-hold", module: dataProtection },
  "DELETE /api/cases/{ref}/legal-hold": { capability: "legal-hold", module: dataProtection },
  "POST /api/cases/{ref}/updates": { capability: "send-update", module: communication },
  "GET /api/cases/{ref}/commitments": { capability: "read-case", module: communication },
  "POST /api/cases/{ref}/commitments": { capability: "record-commitment", module: communication },
  "POST /api/cases/{ref}/commitments/{id}/kept": { capability: "record-commitment", module: communication },
  "POST /api/cases/{ref}/options": { capability: "propose-options", module: communication },
  "POST /api/cases/{ref}/options/choice": { capability: "propose-options", module: communication },
  "POST /api/cases/{ref}/resolve": { capability: "resolve", module: communication },
  "POST /api/cases/{ref}/close-unresolved": { capability: "close-unresolved", module: communication },
  "GET /api/feedback": { capability: "reports", module: communication },
  "GET /api/me": { capability: "who-am-i", module: actions },
  "POST /api/cases/{ref}/claim": { capability: "take-case", module: actions },
  "POST /api/cases/{ref}/notes": { capability: "add-note", module: actions },
  "POST /api/cases/{ref}/refer": { capability: "re-refer", module: actions },
  "POST /api/cases/{ref}/details": { capability: "correct", module: actions },
  "POST /api/cases/{ref}/classification": { capability: "correct", module: actions },
  "POST /api/cases/{ref}/offers": { capability: "agree-offer", module: actions },
  "GET /api/search": { capability: "search", module: search },
  "GET /api/queue": { capability: "search", module: search },
  "GET /api/cases/{ref}/attachments/{id}": { capability: "read-case", module: search },
  "GET /api/reports": { capability: "reports", module: reports },
  "POST /api/problems": { capability: "report-problem", module: staffReports },
  "GET /api/complaint-rules": { capability: "read-case", module: complaints },
  "POST /api/cases/{ref}/payment-services": { capability: "set-payment-services", module: complaints },
  "POST /api/cases/{ref}/clock-pause": { capability: "pause-complaint-clocks", module: complaints },
  "POST /api/cases/{ref}/clock-resume": { capability: "pause-complaint-clocks", module: complaints },
  "POST /api/cases/{ref}/regulated-letters": { capability: "send-regulated-letter", module: complaints },
  "GET /api/reports/complaints-return": { capability: "reports", module: complaints },
};

/** The route of this route key from its module, loaded on first use; undefined when there is no such route. */
export async function routeOf(routeKey: string): Promise<Route | undefined> {
  const staffRoute = STAFF_ROUTES[routeKey];
  return staffRoute ? (await staffRoute.module())[routeKey] : undefined;
}
