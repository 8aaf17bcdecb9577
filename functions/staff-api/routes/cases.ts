// Reading cases and the intake ledger: one case (audited, with what the colleague may do to it and its
// complaint clocks as of now), cases by a customer's email or a message id (audited), who has looked at
// a case (head office), and the intake ledger entry for a message.

import { errorResponse, json } from "../../../shared/adapters/http/responses";
import { findIntakeEntries } from "../../../shared/application/case-queries";
import { clocksOf } from "../../../shared/application/complaint-clocks";
import { listAccess, lookUpCases, viewCase } from "../../../shared/application/staff-work";
import { staff } from "../dependencies";
import { caseReference, type RouteTable, respond } from "../route";

const { ledger, reads: readDependencies } = staff;

export const caseRoutes: RouteTable = {
  "GET /api/cases/{ref}": async (event, member) =>
    respond(await viewCase(caseReference(event), member, readDependencies), 200, (view) => ({
      ...view,
      clocks: clocksOf(view.case, {}, readDependencies.clock.now()),
    })),
  "GET /api/cases/{ref}/access": async (event, member) =>
    respond(await listAccess(caseReference(event), member, readDependencies), 200),
  "GET /api/cases": async (event, member) => {
    const { email, messageId } = event.queryStringParameters ?? {};
    const search = email ? { email } : messageId ? { messageId } : undefined;
    if (!search) return errorResponse(400, "missing-search", "Search by email or messageId.");
    return json(200, { cases: await lookUpCases(search, member, readDependencies) });
  },
  "GET /api/intake": async (event) => {
    const { messageId, id } = event.queryStringParameters ?? {};
    if (id) return json(200, { entries: await findIntakeEntries({ intakeId: id }, ledger) });
    if (messageId) return json(200, { entries: await findIntakeEntries({ messageId }, ledger) });
    return errorResponse(400, "missing-search", "Search by messageId or id.");
  },
};
