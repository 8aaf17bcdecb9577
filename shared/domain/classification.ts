// Works out what kind of message this is, what it is about, its likely cause and its signals
// (dissatisfaction, abuse, legal threat…), recording the phrases that led there so staff can see why.
// Rules and lexicons come from the policy; this module only applies them.

import type { Policy } from "../config/policy";
import type { CaseKind, Classification, Evidence, LikelyCause } from "./case";

type Lexicon = Record<string, readonly string[]>;

function phrasePattern(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  const start = /^\w/.test(phrase) ? "\\b" : "";
  const end = /\w$/.test(phrase) ? "\\b" : "";
  return new RegExp(`${start}${escaped}${end}`, "i");
}

const patternCache = new Map<string, RegExp>();
function matches(text: string, phrase: string): boolean {
  let pattern = patternCache.get(phrase);
  if (!pattern) {
    pattern = phrasePattern(phrase);
    patternCache.set(phrase, pattern);
  }
  return pattern.test(text);
}

/** Every label of the lexicon with the phrases of it found in the text, in lexicon order. */
function findAll(text: string, lexicon: Lexicon): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [label, phrases] of Object.entries(lexicon)) {
    const hits = phrases.filter((phrase) => matches(text, phrase));
    if (hits.length > 0) found.set(label, hits);
  }
  return found;
}

function evidenceOf(prefix: string, found: Map<string, string[]>): Evidence[] {
  return [...found].flatMap(([label, hits]) =>
    hits.map((matched) => ({ rule: `${prefix}:${label}`, matched })),
  );
}

function decideKind(kinds: Map<string, string[]>, signals: Map<string, string[]>): CaseKind {
  const has = (kind: string) => kinds.has(kind);
  // A customer need never say "complaint": a problem told with dissatisfaction is handled as one.
  if (has("complaint") || (has("problem") && signals.has("dissatisfaction"))) return "complaint";
  if (has("problem")) return "problem";
  if (has("compliment") && !signals.has("dissatisfaction")) return "compliment";
  if (has("request")) return "request";
  if (has("query")) return "query";
  return "query";
}

function decideCategory(categories: Map<string, string[]>): string {
  let best = "other";
  let bestCount = 0;
  for (const [category, hits] of categories) {
    if (hits.length > bestCount) {
      best = category;
      bestCount = hits.length;
    }
  }
  return best;
}

function decideCause(causes: Map<string, string[]>): LikelyCause {
  const failure = causes.get("system-or-procedure-failure")?.length ?? 0;
  const gap = causes.get("expectation-gap")?.length ?? 0;
  if (failure === 0 && gap === 0) return "unknown";
  return gap > failure ? "expectation-gap" : "system-or-procedure-failure";
}

export function classify(subject: string, text: string, rules: Policy["classification"]): Classification {
  const content = `${subject}\n${text}`;
  const kinds = findAll(content, rules.kinds);
  const categories = findAll(content, rules.categories);
  const causes = findAll(content, rules.causes);
  const signals = findAll(content, rules.signals);
  return {
    kind: decideKind(kinds, signals),
    category: decideCategory(categories),
    cause: decideCause(causes),
    signals: [...signals.keys()],
    evidence: [
      ...evidenceOf("kind", kinds),
      ...evidenceOf("category", categories),
      ...evidenceOf("cause", causes),
      ...evidenceOf("signal", signals),
    ],
  };
}
