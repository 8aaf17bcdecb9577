// Decides whether a customer is dissatisfied, from the kinds of evidence the labelling guide names:
// explicit words, chasing and repetition, broken promises, elapsed time, redress demanded and distress.
// One explicit word is enough; the quieter kinds count together, or alongside something gone wrong,
// so "I'm still waiting for the part you said would come" is a complaint though nobody says so.

export const DISSATISFACTION_EVIDENCE = [
  "explicit",
  "chasing",
  "broken-promise",
  "elapsed-time",
  "redress",
  "refund-demanded",
  "distress",
] as const;
export type DissatisfactionEvidence = (typeof DISSATISFACTION_EVIDENCE)[number];

/** Evidence that shows dissatisfaction on its own: nobody asks for an apology when all went well. */
const ENOUGH_ALONE: ReadonlySet<DissatisfactionEvidence> = new Set([
  "explicit",
  "chasing",
  "broken-promise",
  "redress",
]);
/** Evidence that shows dissatisfaction when the customer also tells of something gone wrong. */
const ENOUGH_WITH_FAILURE: ReadonlySet<DissatisfactionEvidence> = new Set(["refund-demanded", "distress"]);

export interface DissatisfactionFindings {
  /** Each type of evidence found, with its phrases (negated ones already left out). */
  found: ReadonlyMap<string, readonly string[]>;
  /** Whether the customer tells of something that has gone wrong. */
  failure: boolean;
  /** Abuse aimed at staff or a legal step raised: dissatisfaction whatever else is said. */
  hostile: readonly string[];
  /** A solicitor or ombudsman mentioned only to say they will not go there: weaker, never nothing. */
  deniedLegalStep?: boolean;
}

export interface DissatisfactionDecision {
  dissatisfied: boolean;
  /** The evidence the decision rests on, in words staff read ("chasing: still waiting"). */
  because: string[];
}

export function decideDissatisfaction({
  found,
  failure,
  hostile,
  deniedLegalStep = false,
}: DissatisfactionFindings): DissatisfactionDecision {
  const types = DISSATISFACTION_EVIDENCE.filter((type) => (found.get(type)?.length ?? 0) > 0);
  const because = [
    ...hostile.map((signal) => `${signal.replaceAll("-", " ")}`),
    ...(deniedLegalStep ? ["a legal step mentioned, though denied"] : []),
    ...types.map((type) => `${type.replaceAll("-", " ")}: ${found.get(type)?.join(", ")}`),
  ];
  const dissatisfied =
    hostile.length > 0 ||
    types.some((type) => ENOUGH_ALONE.has(type)) ||
    // A legal step mentioned only to deny it counts with one more kind of quieter evidence ("I don't want
    // solicitors involved … it's been 10 weeks").
    types.length + (deniedLegalStep ? 1 : 0) >= 2 ||
    (failure && (deniedLegalStep || types.some((type) => ENOUGH_WITH_FAILURE.has(type))));
  return { dissatisfied, because: dissatisfied ? because : [] };
}
