// Outcomes and feedback: which outside help an unresolved case is referred to, how options are numbered,
// and how feedback is summarised for the report.
import { describe, expect, it } from "vitest";
import { defaultCommunicationPolicy } from "../../shared/config/communication-policy";
import {
  type FeedbackReportEntry,
  numberOptions,
  outsideHelpFor,
  summariseFeedback,
} from "../../shared/domain/outcomes";
import { sampleCase } from "./sample-case";

const directory = defaultCommunicationPolicy.outsideHelp;
const inCategory = (category: string) => ({ classification: { ...sampleCase.classification, category } });

describe("outsideHelpFor", () => {
  it("refers every unresolved case to Citizens Advice, and to the bodies for its category", () => {
    expect(outsideHelpFor(inCategory("delivery"), directory, "unresolved").map((e) => e.id)).toEqual([
      "citizens-advice",
      "adr",
    ]);
    expect(outsideHelpFor(inCategory("data-protection"), directory, "unresolved").map((e) => e.id)).toEqual([
      "citizens-advice",
      "ico",
    ]);
  });

  it("offers the data protection regulator with every data protection acknowledgement", () => {
    expect(outsideHelpFor(inCategory("other"), directory, "data-protection").map((e) => e.id)).toEqual([
      "ico",
    ]);
  });
});

describe("numberOptions", () => {
  it("numbers options in the order staff gave them and drops empty details", () => {
    expect(
      numberOptions([
        { label: " A replacement ", detail: " " },
        { label: "A refund", detail: "to your card" },
      ]),
    ).toEqual([
      { optionId: "1", label: "A replacement" },
      { optionId: "2", label: "A refund", detail: "to your card" },
    ]);
  });
});

describe("summariseFeedback", () => {
  const entry = (rating: 1 | 2 | 3 | 4 | 5, category: string): FeedbackReportEntry => ({
    caseReference: "CS-7K3MQ092",
    outcomeId: `o-${rating}-${category}`,
    rating,
    at: "2026-11-23T10:00:00.000Z",
    kind: "complaint",
    category,
    level: "supervisor",
  });

  it("counts answers by rating and averages them overall and per category", () => {
    const summary = summariseFeedback([
      entry(5, "delivery"),
      entry(4, "delivery"),
      entry(1, "billing-refund"),
    ]);

    expect(summary).toEqual({
      count: 3,
      averageRating: 3.33,
      byRating: { "1": 1, "2": 0, "3": 0, "4": 1, "5": 1 },
      byCategory: {
        delivery: { count: 2, averageRating: 4.5 },
        "billing-refund": { count: 1, averageRating: 1 },
      },
    });
  });

  it("has no average without feedback", () => {
    expect(summariseFeedback([]).averageRating).toBeNull();
  });
});
