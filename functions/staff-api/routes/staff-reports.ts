// Staff reporting a problem they noticed themselves: `POST /api/problems` with a JSON body.

import { errorResponse, json } from "../../../shared/adapters/http/responses";
import { recordStaffReport, staffReportInput } from "../../../shared/application/intake-staff-report";
import { staff } from "../dependencies";
import { type RouteTable, withBody } from "../route";

export const staffReportRoutes: RouteTable = {
  "POST /api/problems": withBody(staffReportInput, async (input, _event, member) => {
    const result = await recordStaffReport(input, member, staff.staffReports);
    if ("refused" in result) {
      return errorResponse(
        409,
        result.refused,
        "This customer's personal data was erased at their request, so no case is recorded for them. " +
          "If they have contacted us again, ask them to write in themselves.",
      );
    }
    return json(result.created ? 201 : 200, { reference: result.reference });
  }),
};
