import { describe, expect, it } from "vitest";
import {
  buildReport,
  caseReportRow,
  lastWeeks,
  percentile,
  reportCsv,
  weekOf,
} from "../../shared/application/reports";
import type { CaseReportRow, ReportWeek } from "../../shared/ports";
import { sampleCase } from "./sample-case";

const row = (hoursToAck: number, overrides: Partial<CaseReportRow> = {}): CaseReportRow => ({
  caseReference: `CS-${hoursToAck}`,
  week: "2026-11-23",
  receivedAt: "2026-11-23T10:00:00.000Z",
  channel: "email",
  kind: "complaint",
  category: "delivery",
  cause: "unknown",
  level: "frontline",
  status: "open",
  acknowledgedAt: new Date(Date.parse("2026-11-23T10:00:00.000Z") + hoursToAck * 3_600_000).toISOString(),
  ...overrides,
});

describe("weeks", () => {
  it("puts every day in the week that starts on its Monday, in UTC", () => {
    expect(weekOf("2026-11-23T00:00:00Z")).toBe("2026-11-23");
    expect(weekOf("2026-11-29T23:59:59Z")).toBe("2026-11-23");
    expect(weekOf("2026-11-22T12:00:00Z")).toBe("2026-11-16");
  });

  it("lists the last weeks oldest first, this week last", () => {
    expect(lastWeeks(new Date("2026-11-25T09:00:00Z"), 3)).toEqual([
      "2026-11-09",
      "2026-11-16",
      "2026-11-23",
    ]);
  });
});

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile([], 50)).toBeNull();
  });
});

describe("caseReportRow", () => {
  it("keeps the case's classification and milestones and nothing personal", () => {
    const reported = caseReportRow({
      ...sampleCase,
      acknowledgement: { state: "sent", sentAt: "2026-11-23T10:05:00.000Z" },
      firstStaffActionAt: "2026-11-23T12:00:00.000Z",
      status: "resolved",
      outcome: { outcomeId: "o1", type: "resolved", at: "2026-11-24T10:00:00.000Z", by: "sam" },
      feedback: { outcomeId: "o1", rating: 4, at: "2026-11-25T10:00:00.000Z" },
    });

    expect(reported).toEqual({
      caseReference: sampleCase.reference,
      week: "2026-11-23",
      receivedAt: sampleCase.createdAt,
      channel: "email",
      kind: "complaint",
      category: "delivery",
      cause: "unknown",
      level: "supervisor",
      status: "resolved",
      acknowledgedAt: "2026-11-23T10:05:00.000Z",
      firstStaffActionAt: "2026-11-23T12:00:00.000Z",
      resolvedAt: "2026-11-24T10:00:00.000Z",
      feedbackRating: 4,
    });
    expect(JSON.stringify(reported)).not.toContain(sampleCase.customer.email);
  });
});

describe("buildReport", () => {
  const week: ReportWeek = {
    cases: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((hours) =>
      row(hours, { category: hours > 8 ? "billing-refund" : "delivery" }),
    ),
    referrals: [
      {
        referralId: "a#frontline",
        week: "2026-11-23",
        level: "frontline",
        referredAt: "2026-11-23T10:00:00Z",
        reReferral: false,
      },
      {
        referralId: "a#supervisor@x",
        week: "2026-11-23",
        level: "supervisor",
        referredAt: "2026-11-23T11:00:00Z",
        reReferral: true,
      },
    ],
    themeAlerts: [],
  };

  it("counts volumes and referrals per week, and measures waits as median and 90th percentile", () => {
    const report = buildReport(
      [{ week: "2026-11-23", items: week }],
      [{ rating: 5, at: "2026-11-24T00:00:00Z" }],
      "2026-11-25T00:00:00Z",
    );

    expect(report.volumes).toEqual([
      {
        week: "2026-11-23",
        total: 10,
        byKind: { complaint: 10 },
        byCategory: { delivery: 8, "billing-refund": 2 },
        byCause: { unknown: 10 },
      },
    ]);
    expect(report.timings.toAcknowledge).toEqual({ count: 10, medianHours: 5, p90Hours: 9 });
    expect(report.timings.toResolution).toEqual({ count: 0, medianHours: null, p90Hours: null });
    expect(report.referrals[0]).toMatchObject({
      byLevel: { frontline: 1, supervisor: 1, management: 0 },
      reReferrals: 1,
    });
    expect(report.feedback).toEqual({
      count: 1,
      averageRating: 5,
      byRating: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 1 },
    });
    expect(report.corrections).toEqual({ complaint: { cases: 10, corrected: 0, rate: 0 } });
  });

  it("reports per kind Heed read how often staff corrected its understanding", () => {
    // Prepare: Heed read three queries; staff corrected one to a complaint and another's signals.
    const rows = [
      row(1, { kind: "complaint", understoodKind: "query", understandingCorrected: true }),
      row(2, { kind: "query", understandingCorrected: true }),
      row(3, { kind: "query" }),
      row(4, { kind: "complaint" }),
    ];

    // Act
    const report = buildReport(
      [{ week: "2026-11-23", items: { cases: rows, referrals: [], themeAlerts: [] } }],
      [],
      "2026-11-25T00:00:00Z",
    );

    // Assess
    expect(report.corrections).toEqual({
      query: { cases: 3, corrected: 2, rate: 0.667 },
      complaint: { cases: 1, corrected: 0, rate: 0 },
    });
    expect(reportCsv(report)).toContain("corrections,,kind:query:rate,0.667");
  });

  it("keeps the kind Heed read when staff corrected it, for the correction rate", () => {
    const reported = caseReportRow({
      ...sampleCase,
      classification: { ...sampleCase.classification, kind: "complaint" },
      corrections: [
        {
          field: "kind",
          original: "query",
          corrected: "complaint",
          reason: "r",
          by: "sam",
          at: sampleCase.createdAt,
        },
      ],
    });
    expect(reported).toMatchObject({
      kind: "complaint",
      understoodKind: "query",
      understandingCorrected: true,
    });
  });

  it("writes one figure per CSV line and neutralises anything a spreadsheet would run", () => {
    const report = buildReport(
      [
        {
          week: "2026-11-23",
          items: {
            ...week,
            themeAlerts: [
              {
                alertId: "x",
                week: "2026-11-23",
                theme: "=HYPERLINK(1)",
                cases: 5,
                raisedAt: "2026-11-23T10:00:00Z",
              },
            ],
          },
        },
      ],
      [],
      "2026-11-25T00:00:00Z",
    );

    const lines = reportCsv(report).split("\r\n");

    expect(lines[0]).toBe("section,week,measure,value");
    expect(lines).toContain("volume,2026-11-23,category:billing-refund,2");
    expect(lines).toContain("timing,,toAcknowledge:p90-hours,9");
    expect(lines).toContain("theme-alert,2026-11-23,'=HYPERLINK(1),5");
  });
});
