// The complaints return from its counters: a complaint counted twice (a retried write) counts once,
// closings fall in the FCA's time bands by London business days, the upheld share and the redress paid
// add up by category and cause, and the CSV carries the same figures.
import { describe, expect, it } from "vitest";
import {
  closingBand,
  complaintsReturn,
  complaintsReturnCsv,
  countComplaintClosed,
  countComplaintOpened,
} from "../../shared/application/complaints-return";
import type { CaseRecord } from "../../shared/domain/case";
import { sampleCase } from "./sample-case";
import { MemoryComplaintReturn } from "./support/memory-complaint-return";

function complaint(reference: string, createdAt: string, category = "delivery"): CaseRecord {
  return {
    ...sampleCase,
    reference,
    createdAt,
    classification: { ...sampleCase.classification, category, cause: "system-or-procedure-failure" },
  };
}

describe("closingBand", () => {
  it("places a closing in the FCA's bands by London business days and calendar weeks", () => {
    // Received Thursday 24 December 2026: past the bank holidays of 25 and 28 December, the third
    // business day after is Thursday 31 December (and 1 January is a bank holiday too).
    expect(closingBand("2026-12-24T10:00:00Z", "2026-12-31T20:00:00Z", {})).toBe(
      "closedWithinThreeBusinessDays",
    );
    expect(closingBand("2026-12-24T10:00:00Z", "2027-01-04T09:00:00Z", {})).toBe("closedWithinEightWeeks");
    expect(closingBand("2026-12-24T10:00:00Z", "2027-02-18T12:00:00Z", {})).toBe("closedWithinEightWeeks");
    expect(closingBand("2026-12-24T10:00:00Z", "2027-02-19T12:00:00Z", {})).toBe("closedAfterEightWeeks");
  });
});

describe("complaintsReturn", () => {
  it("adds up opened and closed complaints, the upheld share and redress, by category and cause", async () => {
    // Prepare
    const counters = new MemoryComplaintReturn();
    const deps = { complaintReturn: counters };
    const first = complaint("CS-AAAAAAAA", "2027-01-04T09:00:00Z");
    const second = complaint("CS-BBBBBBBB", "2027-01-05T09:00:00Z", "billing-refund");
    const third = complaint("CS-CCCCCCCC", "2027-01-06T09:00:00Z");
    for (const record of [first, second, third, first]) await countComplaintOpened(record, deps);
    await countComplaintOpened(
      { ...third, reference: "CS-DDDDDDDD", classification: { ...third.classification, kind: "query" } },
      deps,
    );
    await countComplaintClosed(
      first,
      { at: "2027-01-06T15:00:00Z", decision: "upheld", redressAmount: 40 },
      deps,
    );
    await countComplaintClosed(
      first,
      { at: "2027-01-06T15:00:00Z", decision: "upheld", redressAmount: 40 },
      deps,
    );
    await countComplaintClosed(second, { at: "2027-02-10T15:00:00Z", decision: "rejected" }, deps);

    // Act
    const report = await complaintsReturn("2027-01-01", "2027-06-30", counters);

    // Assess
    expect(report.totals).toEqual({
      opened: 3,
      closed: 2,
      closedWithinThreeBusinessDays: 1,
      closedWithinEightWeeks: 1,
      closedAfterEightWeeks: 0,
      upheld: 1,
      partlyUpheld: 0,
      notUpheld: 1,
      upheldPercent: 50,
      redressPaid: 40,
    });
    expect(report.cases).toEqual({
      opened: ["CS-AAAAAAAA", "CS-BBBBBBBB", "CS-CCCCCCCC"],
      closed: ["CS-AAAAAAAA", "CS-BBBBBBBB"],
    });
    expect(report.byCategory.map((row) => [row.category, row.opened, row.closed, row.redressPaid])).toEqual([
      ["billing-refund", 1, 1, 0],
      ["delivery", 2, 1, 40],
    ]);
    expect(report.byCause).toEqual([
      expect.objectContaining({ cause: "system-or-procedure-failure", opened: 3 }),
    ]);
    expect(complaintsReturnCsv(report).split("\r\n").slice(0, 2)).toEqual([
      "group,name,opened,closed,closedWithinThreeBusinessDays,closedWithinEightWeeks,closedAfterEightWeeks,upheld,partlyUpheld,notUpheld,upheldPercent,redressPaid",
      "total,2027-01-01 to 2027-06-30,3,2,1,1,0,1,0,1,50,40",
    ]);
  });

  it("counts only what happened in the period, and refuses a period that runs backwards", async () => {
    const counters = new MemoryComplaintReturn();
    await countComplaintOpened(complaint("CS-AAAAAAAA", "2027-01-04T09:00:00Z"), {
      complaintReturn: counters,
    });
    expect((await complaintsReturn("2027-01-05", "2027-01-31", counters)).totals.opened).toBe(0);
    await expect(complaintsReturn("2027-02-01", "2027-01-01", counters)).rejects.toThrow(/period/);
  });
});
