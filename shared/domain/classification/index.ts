// Works out what kind of message this is, what it is about, its likely cause, its signals (abuse, legal
// threat, vulnerability, data protection…), what the customer wants and which language they wrote in.
// What is said (evidence phrases), who it is about (the customer or someone else) and how it is meant
// (negated, denied) are read apart; every decision is recorded with what it rests on, so staff see why.

import type { Policy } from "../../config/policy";
import type { Classification, Evidence } from "../case";
import { decideCategory } from "./category";
import { decideCause } from "./cause";
import { decideDissatisfaction } from "./dissatisfaction";
import { decideKind } from "./kind";
import { detectLanguage } from "./language";
import {
  type Lexicon,
  matchLexicon,
  matchPatterns,
  type Negation,
  normaliseText,
  prepareText,
  type SetAside,
} from "./phrases";
import { customerWordIn, sentenceAround } from "./scope";
import {
  type ContactHistory,
  DISSATISFACTION_SIGNAL,
  REPEAT_CONTACT_SIGNAL,
  repeatContactEvidence,
  VULNERABILITY_SIGNAL,
} from "./signals";

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
  /** Adjustments the customer asks for in how we deal with them (a phone call, large print…). */
  adjustments: string[];
  /** BCP-47 code of the language the customer wrote in. */
  language: string;
}

type Rules = Policy["classification"];

/** What the rules need compiled once: negation word sets, the customer's words, the patterns. */
interface CompiledRules {
  negation: Negation;
  wideNegation: Negation;
  customerWords: ReadonlySet<string>;
  patterns: Partial<Record<string, RegExp[]>>;
}

const compiled = new WeakMap<Rules, CompiledRules>();
function compile(rules: Rules): CompiledRules {
  let found = compiled.get(rules);
  if (!found) {
    const words = new Set(rules.negation.words.map(normaliseText));
    found = {
      negation: { words, window: rules.negation.window },
      wideNegation: { words, window: rules.negation.wide.window },
      customerWords: new Set(rules.scope.customer.map(normaliseText)),
      patterns: Object.fromEntries(
        Object.entries(rules.dissatisfactionPatterns).map(([type, sources]) => [
          type,
          (sources ?? []).map((source) => new RegExp(source, "iu")),
        ]),
      ),
    };
    compiled.set(rules, found);
  }
  return found;
}

const appliesTo = (list: readonly string[], rule: string) =>
  list.includes(rule) || list.includes(rule.slice(0, rule.indexOf(":")));

export function classify(input: ClassificationInput, rules: Rules): DetailedClassification {
  const { negation, wideNegation, customerWords, patterns } = compile(rules);
  const content = prepareText(`${input.subject}\n${input.text}`);
  const aboutCustomer: SetAside = (at) =>
    customerWordIn(sentenceAround(content.text, at), customerWords) ? undefined : "not-about-customer";
  const options = {
    negationFor: (rule: string) =>
      appliesTo(rules.negation.wide.appliesTo, rule)
        ? wideNegation
        : appliesTo(rules.negation.appliesTo, rule)
          ? negation
          : undefined,
    setAsideFor: (rule: string) => (rule === `signal:${VULNERABILITY_SIGNAL}` ? aboutCustomer : undefined),
  };
  const match = (lexicon: Lexicon, group: string) => matchLexicon(content, lexicon, group, options);
  const kinds = match(rules.kinds, "kind");
  const stated = match(rules.dissatisfaction, "dissatisfaction");
  const measured = matchPatterns(content, patterns, "dissatisfaction");
  const categories = match(rules.categories, "category");
  const causes = match(rules.causes, "cause");
  const signals = match(rules.signals, "signal");
  const wants = match(rules.wants, "want");
  const topics = match(rules.topics, "topic");
  const adjustments = match(rules.adjustments, "adjustment");
  const resolution = matchLexicon(content, { resolution: rules.resolution }, "kind", options);
  const language = detectLanguage(input.text || input.subject, rules.language);

  const hits = (found: ReadonlyMap<string, readonly string[]>, label: string) => found.get(label) ?? [];
  const dissatisfactionFound = new Map(stated.hits);
  for (const [type, phrases] of measured.hits)
    dissatisfactionFound.set(type, [...hits(dissatisfactionFound, type), ...phrases]);
  const dissatisfaction = decideDissatisfaction({
    found: dissatisfactionFound,
    failure: kinds.hits.has("problem"),
    hostile: ["abuse", "legal-threat"].filter((signal) => signals.hits.has(signal)),
  });
  const decision = decideKind({
    dissatisfaction,
    praise: hits(kinds.hits, "compliment"),
    failure: hits(kinds.hits, "problem"),
    request: [...hits(kinds.hits, "request"), ...hits(signals.hits, "data-protection")],
    query: hits(kinds.hits, "query"),
    wants: [...wants.hits.keys()],
    resolution: hits(resolution.hits, "resolution"),
  });

  const signalNames = new Set(signals.hits.keys());
  const decisions: Evidence[] = [{ rule: `decision:kind`, matched: `${decision.kind}: ${decision.because}` }];
  if (dissatisfaction.dissatisfied) signalNames.add(DISSATISFACTION_SIGNAL);
  // A thank-you that mentions a hard time asks for no change in how we deal with the customer.
  if (
    decision.kind === "compliment" &&
    signalNames.has(VULNERABILITY_SIGNAL) &&
    adjustments.hits.size === 0
  ) {
    signalNames.delete(VULNERABILITY_SIGNAL);
    decisions.push({
      rule: `set-aside:signal:${VULNERABILITY_SIGNAL}`,
      matched: "mentioned in praise, with no change asked for in how we deal with the customer",
    });
  }
  const repeatContact = repeatContactEvidence(input.history, rules.repeatContact.minimumRecentCases);
  if (repeatContact) signalNames.add(REPEAT_CONTACT_SIGNAL);

  const subjectCategories = matchLexicon(prepareText(input.subject), rules.categories, "category").hits;
  return {
    kind: decision.kind,
    category: decideCategory({ ...categories, inSubject: subjectCategories }),
    cause: decideCause(causes.hits),
    signals: [...signalNames],
    wants: [...wants.hits.keys()],
    topics: [...topics.hits.keys()],
    adjustments: [...adjustments.hits.keys()],
    language: language.language,
    evidence: [
      ...decisions,
      ...stated.evidence,
      ...measured.evidence,
      ...kinds.evidence,
      ...resolution.evidence,
      ...categories.evidence,
      ...causes.evidence,
      ...signals.evidence,
      ...(repeatContact ? [repeatContact] : []),
      ...wants.evidence,
      ...adjustments.evidence,
      ...topics.evidence,
      ...language.evidence,
    ],
  };
}
