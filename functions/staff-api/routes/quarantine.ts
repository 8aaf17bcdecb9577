// Reviewing quarantined input and releasing it back into intake.

import { json, problem } from "../../../shared/adapters/http/responses";
import { releaseQuarantined } from "../../../shared/application/quarantine";
import { intakeQueue, ledger } from "../dependencies";
import { type RouteTable, staffMember } from "../route";

export const quarantineRoutes: RouteTable = {
  "GET /api/quarantine": async () => json(200, { entries: await ledger.listQuarantined(100) }),
  "POST /api/quarantine/{id}/release": async (event) => {
    const intakeId = event.pathParameters?.id ?? "";
    const result = await releaseQuarantined(intakeId, staffMember(event).id, new Date().toISOString(), {
      ledger,
      intakeQueue,
    });
    if (result.released) return json(202, { intakeId, status: "released" });
    if (result.reason === "not-found")
      return problem(404, "intake-not-found", "No intake entry has that id.");
    return problem(409, result.reason, "Only a quarantined email can be released.");
  },
};
