// Reading cases (with their complaint clocks as of now) and the intake ledger.

import { json, problem } from "../../../shared/adapters/http/responses";
import { findCases, findIntakeEntries, getCaseView } from "../../../shared/application/case-queries";
import { clocksOf } from "../../../shared/application/complaint-clocks";
import { cases, ledger } from "../dependencies";
import type { RouteTable } from "../route";

export const caseRoutes: RouteTable = {
  "GET /api/cases/{ref}": async (event) => {
    const result = await getCaseView(event.pathParameters?.ref ?? "", cases);
    if (result.found)
      return json(200, { ...result.view, clocks: clocksOf(result.view.case, {}, new Date()) });
    if (result.reason === "not-found") return problem(404, "case-not-found", "No case has that reference.");
    return problem(400, "invalid-reference", "That is not a valid case reference.", {
      ...(result.suggestion ? { suggestion: result.suggestion } : {}),
    });
  },
  "GET /api/cases": async (event) => {
    const { email, messageId } = event.queryStringParameters ?? {};
    if (email) return json(200, { cases: await findCases({ email }, cases) });
    if (messageId) return json(200, { cases: await findCases({ messageId }, cases) });
    return problem(400, "missing-search", "Search by email or messageId.");
  },
  "GET /api/intake": async (event) => {
    const { messageId, id } = event.queryStringParameters ?? {};
    if (id) return json(200, { entries: await findIntakeEntries({ intakeId: id }, ledger) });
    if (messageId) return json(200, { entries: await findIntakeEntries({ messageId }, ledger) });
    return problem(400, "missing-search", "Search by messageId or id.");
  },
};
