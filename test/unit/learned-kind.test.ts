// The learned kind model: what it reads in a message, that training is deterministic and learns what a
// tiny labelled set teaches, that its reading names the features it rests on, and how its decision
// stands beside the rules' in what staff see.

import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { CASE_KINDS } from "../../shared/domain/case";
import { classify } from "../../shared/domain/classification";
import { LEARNED, RULES_ONLY } from "../../shared/domain/classification/learned";
import {
  type KindModel,
  kindFeatures,
  type LabelledKindFeatures,
  LEARNED_KIND,
  learnedWeigher,
  RULES_ALONE,
  shippedKindWeigher,
  trainKindModel,
} from "../../shared/domain/classification/learned-kind";
import { SHIPPED_KIND_MODEL } from "../../shared/domain/classification/learned-kind-weights";
import {
  pruneModel,
  readModel,
  shippedModelJson,
  stem,
} from "../../shared/domain/classification/learned-model";
import { expectShippedModel } from "./support/shipped-model";

const message = (text: string) => ({ subject: "", text });
const labelled = (text: string, kind: LabelledKindFeatures["kind"]): LabelledKindFeatures => ({
  features: kindFeatures(message(text), []),
  kind,
});
const TINY = [
  labelled("Still waiting, I am fed up with this", "complaint"),
  labelled("Fed up of chasing you for my refund", "complaint"),
  labelled("Thank you so much, lovely service", "compliment"),
  labelled("Thank you, the driver was lovely", "compliment"),
  labelled("What time do you open on Sunday?", "query"),
  labelled("What time does the Bath shop open?", "query"),
];
const OPTIONS = { l2: 0.001, minimumCount: 2, steps: 200 };

describe("what the learned model reads in a message", () => {
  it("reads each word and each pair of neighbouring words, lower-cased, with numbers alike, the subject's apart", () => {
    // "here" follows a negation, so it is read as "not here" (which is also the pair).
    expect(kindFeatures({ subject: "Order 1234", text: "It’s STILL not here." }, [])).toEqual(
      [
        "s:0",
        "s:order",
        "s:order 0",
        "w:it's",
        "w:it's still",
        "w:not",
        "w:not here",
        "w:still",
        "w:still not",
      ].sort(),
    );
  });

  it("names a subject line's words as the subject's in what staff see", () => {
    const model: KindModel = {
      kinds: CASE_KINDS,
      bias: CASE_KINDS.map(() => 0),
      weights: { "s:complaint": CASE_KINDS.map((kind) => (kind === "complaint" ? 1 : 0)) },
    };
    const read = readModel(model, kindFeatures({ subject: "Complaint", text: "Order 1234" }, []));
    expect(read.kind).toBe("complaint");
    expect(read.because).toEqual(['"complaint" in the subject (+0.80)']);
  });

  it("reads a word soon after a negation in the same clause as a word of its own", () => {
    const features = kindFeatures(
      { subject: "", text: "I am not at all unhappy, and the box was damaged." },
      [],
    );
    expect(features).toContain("w:not unhappy");
    expect(features).not.toContain("w:unhappy");
    expect(features).toContain("w:damag");
  });

  it("reads a word without its ending, so another writer's form of it is the same feature", () => {
    const features = (text: string) => kindFeatures(message(text), []);
    expect(features("Parcels delivered")).toEqual(features("Parcel delivering"));
    expect(features("Replies stopped")).toEqual(["w:reply", "w:reply stop", "w:stop"]);
    expect(["called", "still", "address", "thanks", "complaints", "charges", "charge"].map(stem)).toEqual([
      "call",
      "still",
      "address",
      "thank",
      "complaint",
      "charg",
      "charg",
    ]);
  });

  it("reads which rules found kind evidence, negated or set aside ones apart, but not their phrases", () => {
    const features = kindFeatures(message(""), [
      { rule: "dissatisfaction:chasing", matched: "still waiting" },
      { rule: "negated:dissatisfaction:explicit", matched: "not unhappy" },
      { rule: "kind:request", matched: "please" },
      { rule: "category:delivery", matched: "parcel" },
    ]);
    expect(features).toEqual([
      "e:dissatisfaction:chasing",
      "e:kind:request",
      "e:negated:dissatisfaction:explicit",
    ]);
  });
});

describe("training the learned model", () => {
  it("gives the same weights every time from the same messages", () => {
    expect(trainKindModel(TINY, OPTIONS)).toEqual(trainKindModel(TINY, OPTIONS));
  });

  it("learns what the labelled messages teach and says which features its reading rests on", () => {
    const model = trainKindModel(TINY, OPTIONS);
    const read = readModel(model, kindFeatures(message("I'm fed up, where is my parcel"), []));
    expect(read.kind).toBe("complaint");
    expect(read.probability).toBeGreaterThan(0.5);
    expect(read.because[0]).toMatch(/^"fed( up)?" \(\+\d+\.\d\d\)$/);
    expect(readModel(model, kindFeatures(message("Thank you!"), [])).kind).toBe("compliment");
    expect(readModel(model, kindFeatures(message("What time is it open"), [])).kind).toBe("query");
  });

  it("leaves out features seen in too few messages", () => {
    const model = trainKindModel(TINY, OPTIONS);
    expect(model.weights["w:lovely"]).toBeDefined();
    expect(model.weights["w:driver"]).toBeUndefined();
  });

  it("ships without the features that push too little towards any kind, weights to two decimals", () => {
    const model = trainKindModel(TINY, OPTIONS);
    const push = (weights: readonly number[]) => {
      const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
      return Math.max(...weights.map((w) => Math.abs(w - mean)));
    };
    const pushes = Object.values(model.weights)
      .map(push)
      .sort((a, b) => a - b);
    const median = pushes[Math.floor(pushes.length / 2)] ?? 0;
    const pruned = pruneModel(model, median);
    expect(Object.keys(pruned.weights).length).toBeGreaterThan(0);
    expect(Object.keys(pruned.weights).length).toBeLessThan(Object.keys(model.weights).length);
    for (const weights of Object.values(pruned.weights)) {
      expect(push(weights)).toBeGreaterThanOrEqual(median - 0.01);
      for (const weight of weights) expect(Math.round(weight * 100) / 100).toBe(weight);
    }
  });
});

describe("the learned model beside the rules", () => {
  const model = trainKindModel(TINY, OPTIONS);
  const features = kindFeatures(message("Fed up, still waiting"), []);

  it("keeps the rules' reasons and adds its own where it reads the same kind", () => {
    const decision = learnedWeigher(model)({ kind: "complaint", because: "explicit: fed up" }, features);
    expect(decision.kind).toBe("complaint");
    expect(decision.because).toMatch(/^explicit: fed up; learned \(\d+ %\) from "/);
  });

  it("decides, and names what the rules read and why, where it reads another kind", () => {
    const decision = learnedWeigher(model)({ kind: "query", because: "nothing else applies" }, features);
    expect(decision.kind).toBe("complaint");
    expect(decision.because).toMatch(
      /^learned \(\d+ %\) from ".+; the rules read query: nothing else applies$/,
    );
  });

  it("leaves the rules' decision as it is when asked to", () => {
    const rules = { kind: "query" as const, because: "asks: when" };
    expect(RULES_ALONE(rules, features)).toBe(rules);
  });
});

describe("the model Heed ships", () => {
  it("has a bias and, for each feature in sorted order, a weight for every kind", () => {
    expectShippedModel(SHIPPED_KIND_MODEL, CASE_KINDS);
  });

  it("reads a message as the model it was written from does, to the hundredth", () => {
    const model = pruneModel(trainKindModel(TINY, OPTIONS), 0.01);
    const fromShipped = shippedKindWeigher(shippedModelJson(model));
    const fromModel = learnedWeigher(model);
    const rules = { kind: "problem" as const, because: "nothing else applies" };
    for (const text of ["Still waiting, fed up", "Thank you, lovely", "What time do you open?", "Zebra"]) {
      const features = kindFeatures(message(text), [{ rule: "kind:compliment", matched: "thank you" }]);
      expect(fromShipped(rules, features)).toEqual(fromModel(rules, features));
    }
  });

  it("decides the kind when Heed classifies with it, and the decision says what the model read", () => {
    const input = {
      subject: "Parcel",
      text: "I've chased this three times and it still hasn't come. Fed up.",
    };
    const classification = classify(input, defaultPolicy.classification, {
      ...RULES_ONLY,
      kind: LEARNED_KIND,
    });
    expect(classification.kind).toBe("complaint");
    const decision = classification.evidence.find((e) => e.rule === "decision:kind");
    expect(decision?.matched).toMatch(/^complaint: .*; learned \(\d+ %\) from \S/);
  });

  it("is how Heed classifies unless told otherwise", () => {
    const input = {
      subject: "Parcel",
      text: "I've chased this three times and it still hasn't come. Fed up.",
    };
    expect(classify(input, defaultPolicy.classification)).toEqual(
      classify(input, defaultPolicy.classification, LEARNED),
    );
    expect(LEARNED.kind).toBe(LEARNED_KIND);
  });

  it("files nothing as a compliment without praise or thanks, so an illness told plainly keeps its signal", () => {
    const told = classify(
      { subject: "Help", text: "I'm recovering from a hip replacement and can't get to the door quickly." },
      defaultPolicy.classification,
    );
    expect(told.kind).not.toBe("compliment");
    expect(told.signals).toContain("vulnerability");

    const thanked = classify(
      { subject: "Thank you", text: "Thank you so much for sorting my boiler, Dave was brilliant." },
      defaultPolicy.classification,
    );
    expect(thanked.kind).toBe("compliment");
  });
});
