// The learned vulnerability and data-protection readings: what they read, that each adds its signal only
// where the rules found none and it is sure enough, that they never take away what the rules found, that
// their evidence names what they rest on, and that the shipped models read as the models they were
// written from.

import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { classify } from "../../shared/domain/classification";
import { LEARNED, RULES_ONLY } from "../../shared/domain/classification/learned";
import { SHIPPED_DATA_PROTECTION_MODEL } from "../../shared/domain/classification/learned-data-protection-weights";
import { pruneModel, shippedModelJson, trainModel } from "../../shared/domain/classification/learned-model";
import {
  CARRIES,
  type Carries,
  LEARNED_DATA_PROTECTION,
  LEARNED_SIGNAL_THRESHOLD,
  LEARNED_VULNERABILITY,
  learnedSignalWeigher,
  NOT_LEARNED,
  type SignalWeigher,
  shippedSignalWeigher,
  signalFeatures,
} from "../../shared/domain/classification/learned-signal";
import { SHIPPED_VULNERABILITY_MODEL } from "../../shared/domain/classification/learned-vulnerability-weights";
import { understand } from "../../shared/domain/understanding";
import { expectShippedModel } from "./support/shipped-model";

const rules = defaultPolicy.classification;
const LEARNED_RULE = "learned:signal:vulnerability";
const message = (text: string) => ({ subject: "", text });
const labelled = (text: string, kind: Carries) => ({ features: signalFeatures(message(text), []), kind });
// "Wobbly" is no word the rules read: only a model taught by these messages finds a condition in it.
const TINY = [
  labelled("My wobbly days make the stairs impossible", "carries"),
  labelled("On wobbly days I cannot get to the door", "carries"),
  labelled("Wobbly again so please ring rather than visit", "carries"),
  labelled("The parcel came late again", "lacks"),
  labelled("Please send me a copy of the bill", "lacks"),
  labelled("What time does the shop open on Sunday", "lacks"),
  labelled("The driver left the gate open", "lacks"),
];
const model = trainModel(TINY, CARRIES, { l2: 0.001, minimumCount: 2, steps: 200 });
const taught: SignalWeigher = learnedSignalWeigher(model);
const readWith = (text: string, vulnerability: SignalWeigher) =>
  classify({ subject: "Meter reading", text }, rules, { ...LEARNED, vulnerability });

describe("what the learned vulnerability reading reads", () => {
  it("reads the words and every rule's evidence, but not the decisions drawn from it", () => {
    const features = signalFeatures(message("Deaf"), [
      { rule: "vulnerability:capability", matched: "deaf" },
      { rule: "not-about-customer:vulnerability:health", matched: "his cancer" },
      { rule: "set-aside:signal:vulnerability", matched: "mentioned in praise" },
      { rule: "decision:kind", matched: "problem: nothing else applies" },
      { rule: LEARNED_RULE, matched: "learned (80 %)" },
    ]);
    expect(features).toEqual([
      "e:not-about-customer:vulnerability:health",
      "e:set-aside:signal:vulnerability",
      "e:vulnerability:capability",
      "w:deaf",
    ]);
  });

  it("learns from labelled messages how sure to be that a message tells of a condition", () => {
    expect(taught(signalFeatures(message("A wobbly day today"), [])).probability).toBeGreaterThan(
      LEARNED_SIGNAL_THRESHOLD,
    );
    expect(taught(signalFeatures(message("The parcel is late"), [])).probability).toBeLessThan(
      LEARNED_SIGNAL_THRESHOLD,
    );
  });
});

describe("the learned reading beside the rules", () => {
  const text = "Please could someone read the meter for me, it is one of my wobbly days.";

  it("adds the signal the rules missed, and says what it rests on and that the rules found none", () => {
    expect(readWith(text, NOT_LEARNED).signals).not.toContain("vulnerability");
    const read = readWith(text, taught);
    expect(read.signals).toContain("vulnerability");
    expect(read.evidence.find((e) => e.rule === LEARNED_RULE)?.matched).toMatch(
      /^learned \(\d+ %\) from "wobbly.*: the rules found no sign of it$/,
    );
  });

  it("adds nothing where it is less sure than the threshold", () => {
    const unsure: SignalWeigher = () => ({ probability: LEARNED_SIGNAL_THRESHOLD - 0.01, because: [] });
    const read = readWith(text, unsure);
    expect(read.signals).not.toContain("vulnerability");
    expect(read.evidence.some((e) => e.rule === LEARNED_RULE)).toBe(false);
  });

  it("never takes away a condition the rules found, and adds no evidence of its own there", () => {
    const told = "I'm registered blind, so please could someone ring me rather than write about the meter.";
    const read = readWith(told, NOT_LEARNED);
    expect(read.signals).toContain("vulnerability");
    expect(read.evidence.some((e) => e.rule === LEARNED_RULE)).toBe(false);
    const sure: SignalWeigher = () => ({ probability: 1, because: ['"blind" (+2.00)'] });
    expect(readWith(told, sure)).toEqual(read);
  });

  it("is left out of the rules' own reading", () => {
    expect(classify(message(text), rules, RULES_ONLY).signals).not.toContain("vulnerability");
  });
});

describe("the learned data-protection reading beside the rules", () => {
  // No words the rules read as a data-protection matter: only a learned reading can find one here.
  const text = "The envelope you sent me had a second statement folded inside it.";
  const sure: SignalWeigher = () => ({ probability: 0.9, because: ['"second statement" (+1.20)'] });
  const readDataProtection = (dataProtection: SignalWeigher) =>
    understand(
      {
        channel: "email",
        subject: "Your letter",
        text,
        sender: { email: "kim@example.net", name: undefined },
      },
      defaultPolicy,
      { ...LEARNED, dataProtection },
    );

  it("adds the signal the rules missed, with its evidence, and refers the case to head office", () => {
    const unread = readDataProtection(NOT_LEARNED);
    expect(unread.classification.signals).not.toContain("data-protection");
    const read = readDataProtection(sure);
    expect(read.classification.signals).toContain("data-protection");
    expect(
      read.classification.evidence.find((e) => e.rule === "learned:signal:data-protection")?.matched,
    ).toBe(`learned (90 %) from "second statement" (+1.20): the rules found no sign of it`);
    expect(read.referral.level).toBe("head-office");
  });

  it("adds nothing where it is less sure than the threshold", () => {
    const unsure: SignalWeigher = () => ({ probability: LEARNED_SIGNAL_THRESHOLD - 0.01, because: [] });
    expect(readDataProtection(unsure).classification.signals).not.toContain("data-protection");
  });
});

describe("the vulnerability model Heed ships", () => {
  it("is how Heed reads messages unless told otherwise", () => {
    expect(LEARNED.vulnerability).toBe(LEARNED_VULNERABILITY);
    const input = { subject: "Bill", text: "I lost my job last month and I can't pay this bill in one go." };
    expect(classify(input, rules)).toEqual(classify(input, rules, LEARNED));
  });

  it("has, for each feature in sorted order, a weight for carrying the signal and one for lacking it", () => {
    expectShippedModel(SHIPPED_VULNERABILITY_MODEL, CARRIES);
  });

  it("reads a message as the model it was written from does, to the hundredth", () => {
    const pruned = pruneModel(model, 0.01);
    const fromShipped = shippedSignalWeigher(shippedModelJson(pruned));
    const fromModel = learnedSignalWeigher(pruned);
    for (const text of ["A wobbly day", "The parcel is late", "Zebra"]) {
      const features = signalFeatures(message(text), []);
      expect(fromShipped(features).probability).toBeCloseTo(fromModel(features).probability, 2);
    }
  });
});

describe("the data-protection model Heed ships", () => {
  it("is how Heed reads messages unless told otherwise", () => {
    expect(LEARNED.dataProtection).toBe(LEARNED_DATA_PROTECTION);
  });

  it("has, for each feature in sorted order, a weight for carrying the signal and one for lacking it", () => {
    expectShippedModel(SHIPPED_DATA_PROTECTION_MODEL, CARRIES);
  });
});
