// Decides what kind of message this is, in the labelling guide's order of precedence: complaint (any
// dissatisfaction), compliment (praise with none), problem (something gone wrong, told neutrally),
// request (asks us to do something), query (asks for information). The first that applies wins, and the
// decision says what it rests on. A message that asks nothing is no query: with thanks it is praise,
// otherwise a report of something.

import type { CaseKind } from "../case";
import type { DissatisfactionDecision } from "./dissatisfaction";

export interface KindFindings {
  dissatisfaction: DissatisfactionDecision;
  /** Phrases of praise or thanks found. */
  praise: readonly string[];
  /** Phrases telling of something gone wrong. */
  failure: readonly string[];
  /** Asks about the customer's personal data (a copy, erasure, correction): a request, whatever is wrong with it. */
  dataRequest: readonly string[];
  /** Phrases asking us to do something. */
  request: readonly string[];
  /** Phrases asking for information. */
  query: readonly string[];
  /** What the customer says they want (a refund, a call back…). */
  wants: readonly string[];
  /** Phrases saying an earlier difficulty was put right ("Priya sorted it"). */
  resolution: readonly string[];
  /** Plain thanks ("thank you"): the point of a message that asks nothing, a sign-off of one that does. */
  thanks: readonly string[];
}

export interface KindDecision {
  kind: CaseKind;
  /** In words staff read: what the decision rests on. */
  because: string;
}

const list = (phrases: readonly string[]) => phrases.join(", ");

/** What the customer may want that is information only: an explanation is told, not done. */
const INFORMATION_WANTS: ReadonlySet<string> = new Set(["explanation"]);

export function decideKind(findings: KindFindings): KindDecision {
  const { dissatisfaction, praise, failure, dataRequest, request, query, wants, resolution, thanks } =
    findings;
  // Thanks for a difficulty that was put right ("frustrated at first, but Priya sorted it") is praise.
  if (dissatisfaction.dissatisfied && praise.length > 0 && resolution.length > 0)
    return { kind: "compliment", because: `praise: ${list(praise)}; put right: ${list(resolution)}` };
  if (dissatisfaction.dissatisfied) return { kind: "complaint", because: dissatisfaction.because.join("; ") };
  // Praise that is the point of the message: alone, or strong enough to outweigh a fault mentioned in passing.
  if (praise.length >= 2 || (praise.length === 1 && failure.length === 0 && request.length === 0))
    return { kind: "compliment", because: `praise: ${list(praise)}` };
  // Praise for a fault put right that asks nothing more ("the leak was fixed by Wednesday, good job") tells
  // of the fault only to say what was done about it.
  if (praise.length > 0 && resolution.length > 0 && request.length === 0 && query.length === 0)
    return { kind: "compliment", because: `praise: ${list(praise)}; put right: ${list(resolution)}` };
  // "My date of birth is wrong on your system, please correct it" asks for a correction: the guide's request.
  if (dataRequest.length > 0)
    return { kind: "request", because: `asks about their personal data: ${list(dataRequest)}` };
  if (failure.length > 0) return { kind: "problem", because: `something gone wrong: ${list(failure)}` };
  if (request.length > 0) return { kind: "request", because: `asks us to act: ${list(request)}` };
  // "When will I get my money back?" asks about a refund rather than asking for one; "I'd like an
  // explanation of the letter" asks for information only.
  const wantsService = wants.filter((want) => !INFORMATION_WANTS.has(want));
  if (wantsService.length > 0 && query.length === 0)
    return { kind: "request", because: `wants: ${list(wantsService)}` };
  if (wants.length > 0 && query.length === 0)
    return { kind: "query", because: `wants to be told: ${list(wants)}` };
  if (query.length > 0) return { kind: "query", because: `asks: ${list(query)}` };
  if (thanks.length > 0) return { kind: "compliment", because: `thanks, and asks nothing: ${list(thanks)}` };
  // A query asks for information; a message that asks nothing and thanks nobody tells us something: a report.
  return { kind: "problem", because: "tells us something and asks nothing" };
}
