// Finds configured phrases in what a customer wrote: case-insensitive, whole words only, across line
// breaks and curly apostrophes, and not where a negation just before cancels them ("not unhappy",
// "no complaints"). Classification and extraction both use it, so a phrase means the same everywhere.

import type { Evidence } from "../case";

/** Contractions written without their apostrophe ("i dont speak english good"), none of them a word of its own. */
const CONTRACTIONS = new Map(
  [
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "haven't",
    "hasn't",
    "hadn't",
    "couldn't",
    "wouldn't",
    "shouldn't",
    "can't",
    "i've",
    "you're",
    "they're",
  ].map((contraction) => [contraction.replace("'", ""), contraction]),
);
const WITHOUT_APOSTROPHE = new RegExp(`\\b(?:${[...CONTRACTIONS.keys()].join("|")})\\b`, "g");

/** Lower-case, straight apostrophes, every run of white space one space: the form phrases are matched in. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, " ")
    .replace(WITHOUT_APOSTROPHE, (word) => CONTRACTIONS.get(word) ?? word);
}

/** A phrase as a regular-expression source: special characters escaped, any run of white space allowed. */
export function phraseSource(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;
const isWordCharacter = (char: string | undefined) => char !== undefined && WORD_CHARACTER.test(char);

const normalisedPhrases = new Map<string, string>();
function normalisedPhrase(phrase: string): string {
  let normalised = normalisedPhrases.get(phrase);
  if (normalised === undefined) {
    normalised = normaliseText(phrase).trim();
    normalisedPhrases.set(phrase, normalised);
  }
  return normalised;
}

/** Start of each whole-word occurrence of the phrase in normalised text. */
export function* occurrences(text: string, phrase: string): Generator<number> {
  const needle = normalisedPhrase(phrase);
  if (needle === "") return;
  const needsStart = isWordCharacter(needle.charAt(0));
  const needsEnd = isWordCharacter(needle.charAt(needle.length - 1));
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (needsStart && isWordCharacter(text.charAt(at - 1))) continue;
    if (needsEnd && isWordCharacter(text.charAt(at + needle.length))) continue;
    yield at;
  }
}

export interface Negation {
  words: ReadonlySet<string>;
  window: number;
  /** Phrases that, later in the same sentence, undo the negation ("…but I will"). */
  overriddenBy?: readonly string[];
  /** Phrases that start with a negation word but negate nothing ("without doubt", "not only"). */
  idioms?: readonly string[];
}

/**
 * Clause breaks end a negation's reach: "not the first time, and I am unhappy" is unhappy. A new subject
 * ("I", "she") starts a clause too, so "if this isn't sorted I will go to the ombudsman" is not negated.
 */
const CLAUSE_BREAK = /[.,;:!?()]|\bbut\b|\bond\b|\bmais\b|\b(?:i|he|she|they)\b/g;

/** The words from a negation up to the phrase ("not very unhappy"), when one precedes it closely enough. */
function negationBefore(text: string, at: number, negation: Negation): string | undefined {
  const before = text.slice(Math.max(0, at - 80), at);
  const clause = before.split(CLAUSE_BREAK).pop() ?? "";
  const words = clause.trim().split(" ").filter(Boolean).slice(-negation.window);
  const isIdiom = (at: number) =>
    negation.idioms?.some((idiom) => `${words.slice(at).join(" ")} `.startsWith(`${idiom} `)) ?? false;
  const index = words.findIndex(
    (word, at) => negation.words.has(word.replace(/[^\p{L}']/gu, "")) && !isIdiom(at),
  );
  if (index < 0) return undefined;
  const after = text.slice(at, at + 120).split(/[.!?]/)[0] ?? "";
  if (negation.overriddenBy?.some((phrase) => after.includes(phrase))) return undefined;
  return words.slice(index).join(" ");
}

/** The negated wording when a negation closely before the position cancels what is found there ("not going to report you to the CAA"). */
export function negatedAt(text: string, at: number, negation: Negation): string | undefined {
  return negationBefore(text, at, negation);
}

export type PhraseResult =
  | { found: true; phrase: string; at: number }
  | { found: false; negatedAs?: string; setAsideAs?: string }
  | undefined;

/** Says why an occurrence does not count (for example "not-about-customer"), or undefined when it does. */
export type SetAside = (at: number) => string | undefined;

/**
 * Whether the phrase occurs in normalised text other than negated or set aside. When no occurrence
 * counts, the negated wording (or the reason it was set aside) is returned so staff can still see it.
 */
export function findPhrase(
  text: string,
  phrase: string,
  negation?: Negation,
  setAside?: SetAside,
): PhraseResult {
  let negatedAs: string | undefined;
  let setAsideAs: string | undefined;
  for (const at of occurrences(text, phrase)) {
    const negator = negation ? negationBefore(text, at, negation) : undefined;
    if (negator !== undefined) {
      negatedAs ??= `${negator} ${normalisedPhrase(phrase)}`;
      continue;
    }
    const reason = setAside?.(at);
    if (reason === undefined) return { found: true, phrase, at };
    setAsideAs ??= reason;
  }
  if (negatedAs === undefined && setAsideAs === undefined) return undefined;
  return { found: false, ...(negatedAs ? { negatedAs } : {}), ...(setAsideAs ? { setAsideAs } : {}) };
}

export function containsAny(text: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => !occurrences(text, phrase).next().done);
}

export type Lexicon = Readonly<Record<string, readonly string[]>>;

/** Normalised text with the set of its words, so phrases whose first word is absent are skipped cheaply. */
export interface PreparedText {
  text: string;
  words: ReadonlySet<string>;
}

const WORD_RUN = /[\p{L}\p{N}_']+/gu;

/**
 * Every run of word characters, with and without its apostrophes, so both "hasn't" and the "it" of "it's"
 * are there: any whole-word occurrence of a phrase starts with one of these words.
 */
export function prepareText(raw: string): PreparedText {
  const text = normaliseText(raw);
  const words = new Set<string>();
  for (const [run] of text.matchAll(WORD_RUN)) {
    words.add(run.replace(/^'+|'+$/g, ""));
    for (const part of run.split("'")) words.add(part);
  }
  return { text, words };
}

const firstWords = new Map<string, string | undefined>();
function firstWordOf(phrase: string): string | undefined {
  if (!firstWords.has(phrase))
    firstWords.set(phrase, /^[\p{L}\p{N}_']+/u.exec(normalisedPhrase(phrase))?.[0].replace(/'+$/, ""));
  return firstWords.get(phrase);
}

export interface LexiconMatch {
  /** Each label with the phrases of it found, in lexicon order. */
  hits: Map<string, string[]>;
  /** Each label found with where in the text its earliest phrase is. */
  firstAt: Map<string, number>;
  evidence: Evidence[];
}

export interface MatchOptions {
  negationFor?: (rule: string) => Negation | undefined;
  setAsideFor?: (rule: string) => SetAside | undefined;
}

/**
 * Every label of the lexicon with its phrases found in normalised text. Evidence rules read
 * `group:label`; a phrase found only negated is recorded as `negated:group:label`, one set aside as
 * `<reason>:group:label`, and neither is counted.
 */
export function matchLexicon(
  { text, words }: PreparedText,
  lexicon: Lexicon,
  group: string,
  { negationFor, setAsideFor }: MatchOptions = {},
): LexiconMatch {
  const hits = new Map<string, string[]>();
  const firstAt = new Map<string, number>();
  const evidence: Evidence[] = [];
  for (const [label, phrases] of Object.entries(lexicon)) {
    const rule = `${group}:${label}`;
    const negation = negationFor?.(rule);
    const setAside = setAsideFor?.(rule);
    for (const phrase of phrases) {
      const first = firstWordOf(phrase);
      if (first && !words.has(first)) continue;
      const result = findPhrase(text, phrase, negation, setAside);
      if (result?.found) {
        hits.set(label, [...(hits.get(label) ?? []), phrase]);
        firstAt.set(label, Math.min(firstAt.get(label) ?? result.at, result.at));
        evidence.push({ rule, matched: phrase });
      } else if (result?.negatedAs) {
        evidence.push({ rule: `negated:${rule}`, matched: result.negatedAs });
      } else if (result?.setAsideAs) {
        evidence.push({ rule: `${result.setAsideAs}:${rule}`, matched: normalisedPhrase(phrase) });
      }
    }
  }
  return { hits, firstAt, evidence };
}

/**
 * Each label's regular expressions (global) found in normalised text, recorded as `group:label` with what
 * they matched; a match set aside (for example in a supposition) is recorded as `<reason>:group:label`.
 */
export function matchPatterns(
  { text }: PreparedText,
  patterns: Readonly<Partial<Record<string, readonly RegExp[]>>>,
  group: string,
  setAsideFor?: MatchOptions["setAsideFor"],
): Pick<LexiconMatch, "hits" | "evidence"> {
  const hits = new Map<string, string[]>();
  const evidence: Evidence[] = [];
  for (const [label, expressions] of Object.entries(patterns)) {
    const rule = `${group}:${label}`;
    const setAside = setAsideFor?.(rule);
    for (const expression of expressions ?? []) {
      let setAsideAs: { reason: string; matched: string } | undefined;
      for (const match of text.matchAll(expression)) {
        const reason = setAside?.(match.index);
        if (reason === undefined) {
          hits.set(label, [...(hits.get(label) ?? []), match[0]]);
          evidence.push({ rule, matched: match[0] });
          setAsideAs = undefined;
          break;
        }
        setAsideAs ??= { reason, matched: match[0] };
      }
      if (setAsideAs) evidence.push({ rule: `${setAsideAs.reason}:${rule}`, matched: setAsideAs.matched });
    }
  }
  return { hits, evidence };
}
