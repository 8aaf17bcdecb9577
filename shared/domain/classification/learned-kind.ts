// A second reading of a message's kind, learned from the labelled dev split: a multinomial logistic
// regression over the words (without their endings) and word pairs of the message's subject line and,
// apart from them, of its text, and over the rules' own evidence (which phrases of dissatisfaction,
// asking or praise they found, and the kind they decided). It weighs that evidence as the labelled
// messages taught it to, and says which features its reading rests on, so staff still see why. The
// model itself (its features, training, pruning and shipped form) is `learned-model.ts`.

import { CASE_KINDS, type CaseKind, type Evidence } from "../case";
import type { KindDecision } from "./kind";
import { SHIPPED_KIND_MODEL } from "./learned-kind-weights";
import {
  EVIDENCE_PREFIX,
  type LabelledFeatures,
  type LearnedModel,
  type LearnedReading,
  learnedFeatures,
  readModel,
  shippedReading,
  type TrainingOptions,
  trainModel,
} from "./learned-model";

/** The kind model: weights for each of the message kinds. */
export type KindModel = LearnedModel<CaseKind>;
/** A message's features with its labelled kind, as the kind model is trained on them. */
export type LabelledKindFeatures = LabelledFeatures<CaseKind>;
/** The kind model's reading of a message. */
export type LearnedKind = LearnedReading<CaseKind>;

/** Turns the rules' kind decision and what the model reads in the message into the decision recorded. */
export type KindWeigher = (rules: KindDecision, features: readonly string[]) => KindDecision;

/** The rules' decision as it stands. */
export const RULES_ALONE: KindWeigher = (rules) => rules;

const PRAISE_EVIDENCE = new Set([`${EVIDENCE_PREFIX}kind:compliment`, `${EVIDENCE_PREFIX}kind:thanks`]);

/**
 * The rules found praise or thanks among the features: the learned reading may call a message a
 * compliment only then (the labelling guide's compliment is praise or thanks).
 */
export const praiseFound = (features: readonly string[]) =>
  features.some((feature) => PRAISE_EVIDENCE.has(feature));

/** Evidence the kind rests on: which rules found something, never the phrases (the words carry those). */
const KIND_EVIDENCE =
  /^(?:(?:negated|supposed|asked|conceded|someone-else|describes-a-condition):)?(?:dissatisfaction|kind|signal|want):/;

/**
 * What the model reads in a message: each word, without its ending, and each pair of neighbouring words
 * of the subject line, those of the text apart from them (a subject names a matter; the text tells what
 * the customer wants of it), and each rule that found kind evidence in it.
 */
export function kindFeatures(
  message: { subject: string; text: string },
  evidence: readonly Evidence[],
): string[] {
  return learnedFeatures(message, evidence, KIND_EVIDENCE);
}

/**
 * Fits the kind model to labelled features by full-batch gradient descent on the mean cross-entropy with an
 * L2 penalty. Deterministic: it starts from zero and visits features and messages in a fixed order.
 */
export function trainKindModel(
  examples: readonly LabelledFeatures<CaseKind>[],
  options: TrainingOptions,
): KindModel {
  return trainModel(examples, CASE_KINDS, options);
}

/**
 * The learned reading decides the kind. The decision names the features it rests on and, where the
 * rules read the message otherwise, what they read and why, so staff can weigh both.
 */
export function learnedWeigher(model: KindModel): KindWeigher {
  return weigher((features) => readModel(model, features));
}

function weigher(read: (features: readonly string[]) => LearnedKind): KindWeigher {
  return (rules, features) => {
    const learned = read(features);
    // A compliment is praise or thanks (the labelling guide): without either, the rules' reading stands,
    // so a message that only tells of an illness is never filed as praise and stripped of its signal.
    if (learned.kind === "compliment" && !praiseFound(features)) return rules;
    const reading = `learned (${Math.round(learned.probability * 100)} %) from ${learned.because.join(", ") || "the wording as a whole"}`;
    return learned.kind === rules.kind
      ? { kind: rules.kind, because: `${rules.because}; ${reading}` }
      : { kind: learned.kind, because: `${reading}; the rules read ${rules.kind}: ${rules.because}` };
  };
}

/** A weigher over a model as `shippedModelJson` writes it, parsed when the first message is weighed. */
export function shippedKindWeigher(json: string): KindWeigher {
  return weigher(shippedReading<CaseKind>(json));
}

/**
 * The model trained on the dev split (`npm run understanding:train`), as Heed decides kinds with it. Its
 * weights are parsed when the first message is weighed, not when a function starts.
 */
export const LEARNED_KIND: KindWeigher = /* @__PURE__ */ shippedKindWeigher(SHIPPED_KIND_MODEL);
