// Reports from report items written as things happen: cases per week by kind, category and cause,
// times to acknowledgement and to a first staff action, referrals by level and repeated-theme alerts,
// as JSON for the dashboard and as CSV for spreadsheets. A fresh sandbox, so the counts are exact. The
// sandbox's functions run on the real clock, so figures are found by the week their times fall in,
// never assumed to be in the latest week (an hour ago is last week early on a Monday).
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { type Report, weekOf } from "../../shared/application/reports";
import type { ReferralLevel } from "../../shared/domain/case";
import { callApi, colleague, notified, seedCase } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

describe("reports", () => {
  const sandbox = withSandbox();

  it("counts cases, referrals, first actions and theme alerts for the weeks asked for, as JSON and CSV", async () => {
    // Prepare: three cases received an hour ago and referred now, one of them acted on, and one theme alert
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const receivedWeek = weekOf(hourAgo);
    const records = await Promise.all([
      seedCase(sandbox(), { level: "frontline", createdAt: hourAgo, category: "delivery" }),
      seedCase(sandbox(), { level: "frontline", createdAt: hourAgo, category: "billing-refund" }),
      seedCase(sandbox(), { level: "management", createdAt: hourAgo, category: "delivery" }),
    ]);
    await Promise.all(records.map((record) => notified(sandbox(), record.reference)));
    const jo = colleague(sandbox(), "frontline");
    await callApi(sandbox(), jo.token, `/api/cases/${records[0]?.reference}/claim`, {});
    const alertId = `delivery/any@report-${Date.now()}`;
    await sandbox().clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: sandbox().queue("referral-queue", "management").url,
        MessageBody: JSON.stringify({
          type: "repeated-theme",
          alertId,
          theme: "delivery/any",
          summary: "Many cases about delivery.",
          caseReferences: [records[0]?.reference, records[2]?.reference],
          raisedAt: new Date().toISOString(),
        }),
      }),
    );
    await notified(sandbox(), records[2]?.reference ?? "", alertId);
    const manager = colleague(sandbox(), "management");

    // Act
    const json = await waitFor(async () => {
      const answer = await callApi<Report>(sandbox(), manager.token, "/api/reports?weeks=4");
      return answer.body.themeAlerts?.length === 1 && answer;
    });
    const csv = await sandbox().fetchApi("/api/reports?weeks=4&format=csv", { token: manager.token });

    // Assess: JSON
    const report = json.body;
    expect(report.weeks).toHaveLength(4);
    expect(report.volumes.find((volume) => volume.week === receivedWeek)).toMatchObject({
      total: 3,
      byKind: { complaint: 3 },
      byCategory: { delivery: 2, "billing-refund": 1 },
    });
    expect(report.volumes.reduce((total, volume) => total + volume.total, 0)).toBe(3);
    // Referrals count in the week the notifier made them, by its own clock.
    const referred = (level: ReferralLevel) =>
      report.referrals.reduce((total, week) => total + week.byLevel[level], 0);
    expect((["frontline", "management", "supervisor"] as const).map(referred)).toEqual([2, 1, 0]);
    const managementWeek = report.referrals.find((week) => week.byLevel.management === 1)?.week;
    expect(report.timings.toAcknowledge).toMatchObject({ count: 3, medianHours: 0 });
    expect(report.timings.toFirstStaffAction.count).toBe(1);
    expect(report.timings.toFirstStaffAction.medianHours).toBeGreaterThanOrEqual(0.9);
    expect(report.timings.toResolution.count).toBe(0);
    expect(report.themeAlerts).toEqual([
      expect.objectContaining({ alertId, theme: "delivery/any", cases: 2 }),
    ]);
    expect(report.feedback).toMatchObject({ count: 0, averageRating: null });

    // Assess: CSV, one figure per line
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="heed-report-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("section,week,measure,value");
    expect(lines).toContain(`volume,${receivedWeek},total,3`);
    expect(lines).toContain(`referrals,${managementWeek},level:management,1`);
    expect(lines).toContain("timing,,toFirstStaffAction:count,1");
  });

  it("refuses a number of weeks it does not report on", async () => {
    const answer = await callApi(sandbox(), sandbox().devToken, "/api/reports?weeks=400");

    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toBe("Ask for 1 to 52 weeks.");
  });
});
