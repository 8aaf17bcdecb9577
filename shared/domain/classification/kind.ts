// Decides what kind of message this is from the customer's point of view. A customer need never say
// "complaint": a problem told with dissatisfaction, abuse or a legal threat is handled as one, and so
// is plain dissatisfaction (a gap between what they expected and what they got).

import type { CaseKind } from "../case";

export interface KindFindings {
  /** Labels of the kind lexicon found (complaint, problem, request, query, compliment). */
  kinds: ReadonlySet<string>;
  signals: ReadonlySet<string>;
  /** Whether the customer says what they want done (a refund, a call back…). */
  asksForSomething: boolean;
}

export function decideKind({ kinds, signals, asksForSomething }: KindFindings): CaseKind {
  const unhappy = signals.has("dissatisfaction") || signals.has("abuse") || signals.has("legal-threat");
  if (kinds.has("complaint")) return "complaint";
  // Thanks after a difficulty that was put right ("frustrated at first, but…") stays a compliment.
  if (unhappy && (kinds.has("problem") || !kinds.has("compliment"))) return "complaint";
  if (kinds.has("problem")) return "problem";
  if (kinds.has("compliment")) return "compliment";
  if (kinds.has("request") || signals.has("data-protection-request")) return "request";
  // "When will I get my money back?" asks about a refund rather than asking for one.
  if (asksForSomething && !kinds.has("query")) return "request";
  return "query";
}
