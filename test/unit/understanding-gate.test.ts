// The gate on how well Heed understands messages nobody tuned it on: the held-out test split of the
// labelled set (test/evaluation/test/). It fails when the split is missing or too small to mean anything,
// so a missing set can never pass for a good score, and when the classifier reads unseen messages worse
// than the floor it holds today.

import { describe, expect, it } from "vitest";
import { evaluateSplit, loadSplit } from "../bench/understanding-eval";

const MINIMUM_MESSAGES = 100;

/**
 * The bar the labelling guide sets (kind accuracy 90 %, vulnerability and legal-threat recall 95 % with
 * precision 90 %, no referral below its minimum), and the floor the classifier holds on the test split
 * today. The gate asserts the floor, so a change that reads unseen messages worse fails; raise the floor
 * with every measured improvement until it reaches the target. `npm run understanding:eval` prints both.
 */
const TARGET = { kindAccuracy: 0.9, signalRecall: 0.95, signalPrecision: 0.9, belowMinimum: 0 };
const FLOOR = {
  kindAccuracy: 0.93,
  signals: {
    // Four thank-you notes that tell of the customer's own lasting condition were relabelled vulnerable
    // by the set's convention (README, "Labelling conventions"); two of them are missed, so recall and the
    // count below the minimum were measured again on the new labels: 53 of 57 (0.96 and 2 below on the old).
    vulnerability: { recall: 0.92, precision: 0.96 },
    "legal-threat": { recall: 1, precision: 0.96 },
    abuse: { recall: 1, precision: 1 },
    // 18 of 19 since the learned data-protection reading (17 with the rules alone).
    "data-protection": { recall: 0.94, precision: 1 },
  },
  belowMinimum: 3,
};

const testSplit = evaluateSplit("test", loadSplit("test"));
const signal = (name: string) => testSplit.signals.find((figure) => figure.metric === name);

describe("understanding on the held-out test split", () => {
  it(`has at least ${MINIMUM_MESSAGES} labelled messages to be judged on`, () => {
    expect(testSplit.messages).toBeGreaterThanOrEqual(MINIMUM_MESSAGES);
  });

  it(`reads the kind of at least ${FLOOR.kindAccuracy * 100} % of messages right (target ${TARGET.kindAccuracy * 100} %)`, () => {
    expect(testSplit.messages).toBeGreaterThanOrEqual(MINIMUM_MESSAGES);
    expect(testSplit.kindAccuracy).toBeGreaterThanOrEqual(FLOOR.kindAccuracy);
  });

  it.each(Object.entries(FLOOR.signals))("finds %s at or above its floor", (name, floor) => {
    expect(testSplit.messages).toBeGreaterThanOrEqual(MINIMUM_MESSAGES);
    expect(signal(name)?.support ?? 0).toBeGreaterThan(0);
    expect(signal(name)?.recall).toBeGreaterThanOrEqual(floor.recall);
    expect(signal(name)?.precision).toBeGreaterThanOrEqual(floor.precision);
  });

  it(`refers no more than ${FLOOR.belowMinimum} messages below the guide's minimum (target none)`, () => {
    expect(testSplit.messages).toBeGreaterThanOrEqual(MINIMUM_MESSAGES);
    expect(testSplit.belowMinimum.length).toBeLessThanOrEqual(FLOOR.belowMinimum);
  });

  it("refers no message below the guide's minimum once it has found the message's signals", () => {
    expect(testSplit.messages).toBeGreaterThanOrEqual(MINIMUM_MESSAGES);
    expect(testSplit.belowMinimumWithSignalsFound).toBe(0);
  });
});
