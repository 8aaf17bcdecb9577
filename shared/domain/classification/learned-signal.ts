// A second reading of whether a message carries a signal, learned from the labelled dev split: a
// logistic regression over the words and word pairs the kind model reads and over every piece of
// evidence the rules found (whose condition it is, what they set aside and why), trained by `npm run
// understanding:signals -- --write`. The rules read first; a learned reading adds its signal only where
// they found none and it is sure enough, and names the features it rests on, so staff see why.

import type { Evidence } from "../case";
import { SHIPPED_DATA_PROTECTION_MODEL } from "./learned-data-protection-weights";
import {
  type LearnedModel,
  type LearnedReading,
  learnedFeatures,
  readModel,
  shippedReading,
} from "./learned-model";
import { SHIPPED_VULNERABILITY_MODEL } from "./learned-vulnerability-weights";

/** What a signal model chooses between. */
export const CARRIES = ["carries", "lacks"] as const;
export type Carries = (typeof CARRIES)[number];

/** How sure a learned reading must be to add a signal the rules did not find. */
export const LEARNED_SIGNAL_THRESHOLD = 0.5;

/** Every rule's evidence but the decisions drawn from it: the kind decided, and the learned reading itself. */
const SIGNAL_EVIDENCE = /^(?!decision:|learned:)/;

/** What a signal model reads in a message: its words and word pairs, and every rule that found something in it. */
export function signalFeatures(
  message: { subject: string; text: string },
  evidence: readonly Evidence[],
): string[] {
  return learnedFeatures(message, evidence, SIGNAL_EVIDENCE);
}

export interface LearnedSignal {
  /** How likely the message is to carry the signal. */
  probability: number;
  /** The features that pushed hardest towards the signal, strongest first, in words staff read. */
  because: readonly string[];
}

/** Reads whether a message carries a signal from what a signal model reads in it. */
export type SignalWeigher = (features: readonly string[]) => LearnedSignal;

/** No learned reading: the rules' signals stand as they found them. */
export const NOT_LEARNED: SignalWeigher = () => ({ probability: 0, because: [] });

const asSignal =
  (read: (features: readonly string[]) => LearnedReading<Carries>): SignalWeigher =>
  (features) => {
    const { kind, probability, because } = read(features);
    return kind === "carries" ? { probability, because } : { probability: 1 - probability, because: [] };
  };

/** A weigher over a signal model in memory, as training makes it. */
export const learnedSignalWeigher = (model: LearnedModel<Carries>): SignalWeigher =>
  asSignal((features) => readModel(model, features));

/** A weigher over a signal model as `shippedModelJson` writes it, parsed when the first message is read. */
export const shippedSignalWeigher = (json: string): SignalWeigher => asSignal(shippedReading<Carries>(json));

/** The vulnerability model trained on the dev split, as Heed reads messages with it. */
export const LEARNED_VULNERABILITY: SignalWeigher =
  /* @__PURE__ */ shippedSignalWeigher(SHIPPED_VULNERABILITY_MODEL);

/** The data-protection model trained on the dev split, as Heed reads every message with it. */
export const LEARNED_DATA_PROTECTION: SignalWeigher = /* @__PURE__ */ shippedSignalWeigher(
  SHIPPED_DATA_PROTECTION_MODEL,
);
