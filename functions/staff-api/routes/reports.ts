// Reports for the dashboard and for spreadsheets: `GET /api/reports?weeks=12` as JSON, or with
// `format=csv` as a download with one figure per line.

import { csvDownload, errorResponse, json } from "../../../shared/adapters/http/responses";
import { MAX_REPORT_WEEKS, reportCsv, weeklyReport } from "../../../shared/application/reports";
import { staff } from "../dependencies";
import type { RouteTable } from "../route";

const { reports: reportDependencies } = staff;

const DEFAULT_WEEKS = 12;

export const reportRoutes: RouteTable = {
  "GET /api/reports": async (event) => {
    const { weeks = String(DEFAULT_WEEKS), format = "json" } = event.queryStringParameters ?? {};
    const count = Number(weeks);
    if (!Number.isInteger(count) || count < 1 || count > MAX_REPORT_WEEKS)
      return errorResponse(400, "invalid-weeks", `Ask for 1 to ${MAX_REPORT_WEEKS} weeks.`);
    if (format !== "json" && format !== "csv")
      return errorResponse(400, "invalid-format", "Ask for json or csv.");
    const report = await weeklyReport(count, reportDependencies);
    if (format === "json") return json(200, report);
    return csvDownload(`heed-report-${report.generatedAt.slice(0, 10)}.csv`, reportCsv(report));
  },
};
