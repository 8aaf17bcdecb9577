// What the classifier learned from the labelled set, weighed beside its rules: a reading of the kind, and
// readings of whether the customer may be vulnerable, and whether the message is a data-protection matter,
// where the rules found no sign of either.

import { type KindWeigher, LEARNED_KIND, RULES_ALONE } from "./learned-kind";
import {
  LEARNED_DATA_PROTECTION,
  LEARNED_VULNERABILITY,
  NOT_LEARNED,
  type SignalWeigher,
} from "./learned-signal";

export interface LearnedReadings {
  kind: KindWeigher;
  vulnerability: SignalWeigher;
  dataProtection: SignalWeigher;
}

/** The models trained on the dev split, as Heed reads every message. */
export const LEARNED: LearnedReadings = {
  kind: LEARNED_KIND,
  vulnerability: LEARNED_VULNERABILITY,
  dataProtection: LEARNED_DATA_PROTECTION,
};

/** The rules' reading alone: what their tests check. */
export const RULES_ONLY: LearnedReadings = {
  kind: RULES_ALONE,
  vulnerability: NOT_LEARNED,
  dataProtection: NOT_LEARNED,
};
