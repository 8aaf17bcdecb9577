// The gate on how well Heed understands messages nobody tuned it on: the held-out test split of the
// labelled set (test/evaluation/test/). It fails when the split is missing or too small to mean anything,
// so a missing set can never pass for a good score.

import { describe, expect, it } from "vitest";
import { evaluateSplit, loadSplit } from "../bench/understanding-eval";

const MINIMUM_MESSAGES = 100;
const testSplit = evaluateSplit("test", loadSplit("test"));
const signal = (name: string) => testSplit.signals.find((figure) => figure.metric === name);

describe("understanding on the held-out test split", () => {
  it(`has at least ${MINIMUM_MESSAGES} labelled messages to be judged on`, () => {
    expect(testSplit.messages).toBeGreaterThanOrEqual(MINIMUM_MESSAGES);
  });

  it("reads the kind of at least 90 % of messages right", () => {
    expect(testSplit.messages).toBeGreaterThanOrEqual(MINIMUM_MESSAGES);
    expect(testSplit.kindAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it.each(["vulnerability", "legal-threat"])(
    "finds %s with at least 95 % recall and 90 % precision",
    (name) => {
      expect(testSplit.messages).toBeGreaterThanOrEqual(MINIMUM_MESSAGES);
      expect(signal(name)?.support ?? 0).toBeGreaterThan(0);
      expect(signal(name)?.recall).toBeGreaterThanOrEqual(0.95);
      expect(signal(name)?.precision).toBeGreaterThanOrEqual(0.9);
    },
  );

  it("never refers a message below the guide's minimum for it", () => {
    expect(testSplit.messages).toBeGreaterThanOrEqual(MINIMUM_MESSAGES);
    expect(testSplit.belowMinimum).toEqual([]);
  });
});
