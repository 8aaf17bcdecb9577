// Works out what kind of message this is, what it is about, its likely cause, its signals (dissatisfaction,
// abuse, legal threat, vulnerability…), what the customer wants and which language they wrote in, and
// records every phrase that led there so staff can see why. Rules and lexicons come from the policy.

import type { Policy } from "../../config/policy";
import type { Classification } from "../case";
import { decideCategory } from "./category";
import { decideCause } from "./cause";
import { decideKind } from "./kind";
import { detectLanguage } from "./language";
import { type Lexicon, matchLexicon, type Negation, normaliseText, prepareText } from "./phrases";
import { type ContactHistory, REPEAT_CONTACT_SIGNAL, repeatContactEvidence } from "./signals";

export type { ContactHistory } from "./signals";

export interface ClassificationInput {
  subject: string;
  /** The customer's own words: without quoted earlier messages and without their signature. */
  text: string;
  history?: ContactHistory;
}

export interface DetailedClassification extends Classification {
  /** What the customer asks for, where they say so (refund, replacement, repair, apology…). */
  wants: string[];
  /** Products, sites and services from the policy's topic list that the message mentions. */
  topics: string[];
  /** BCP-47 code of the language the customer wrote in. */
  language: string;
}

type Rules = Policy["classification"];

const negations = new WeakMap<Rules["negation"], Negation>();
function negationOf(rules: Rules["negation"]): Negation {
  let negation = negations.get(rules);
  if (!negation) {
    negation = { words: new Set(rules.words.map(normaliseText)), window: rules.window };
    negations.set(rules, negation);
  }
  return negation;
}

export function classify(input: ClassificationInput, rules: Rules): DetailedClassification {
  const negation = negationOf(rules.negation);
  const appliesTo = new Set(rules.negation.appliesTo);
  const negationFor = (rule: string) =>
    appliesTo.has(rule) || appliesTo.has(rule.slice(0, rule.indexOf(":"))) ? negation : undefined;

  const content = prepareText(`${input.subject}\n${input.text}`);
  const match = (lexicon: Lexicon, group: string) => matchLexicon(content, lexicon, group, negationFor);
  const kinds = match(rules.kinds, "kind");
  const categories = match(rules.categories, "category");
  const causes = match(rules.causes, "cause");
  const signals = match(rules.signals, "signal");
  const wants = match(rules.wants, "want");
  const topics = match(rules.topics, "topic");
  const language = detectLanguage(input.text || input.subject, rules.language);

  const signalNames = new Set(signals.hits.keys());
  const repeatContact = repeatContactEvidence(input.history, rules.repeatContact.minimumRecentCases);
  if (repeatContact) signalNames.add(REPEAT_CONTACT_SIGNAL);

  const subjectCategories = matchLexicon(prepareText(input.subject), rules.categories, "category").hits;
  return {
    kind: decideKind({
      kinds: new Set(kinds.hits.keys()),
      signals: signalNames,
      asksForSomething: wants.hits.size > 0,
    }),
    category: decideCategory({ ...categories, inSubject: subjectCategories }),
    cause: decideCause(causes.hits),
    signals: [...signalNames],
    wants: [...wants.hits.keys()],
    topics: [...topics.hits.keys()],
    language: language.language,
    evidence: [
      ...kinds.evidence,
      ...categories.evidence,
      ...causes.evidence,
      ...signals.evidence,
      ...(repeatContact ? [repeatContact] : []),
      ...wants.evidence,
      ...topics.evidence,
      ...language.evidence,
    ],
  };
}
