// Reviewing quarantined input and releasing it back into intake; who may release depends on why it
// was held (shared/application/staff-work/release-quarantined.ts).

import { json } from "../../../shared/adapters/http/responses";
import { releaseQuarantinedMail } from "../../../shared/application/staff-work";
import { staff } from "../dependencies";
import { type RouteTable, respond } from "../route";

const { ledger, intakeQueue, clock } = staff;

export const quarantineRoutes: RouteTable = {
  "GET /api/quarantine": async () => json(200, { entries: await ledger.listQuarantined(100) }),
  "POST /api/quarantine/{id}/release": async (event, member) =>
    respond(
      await releaseQuarantinedMail(event.pathParameters?.id ?? "", member, {
        ledger,
        intakeQueue,
        clock,
      }),
      202,
    ),
};
