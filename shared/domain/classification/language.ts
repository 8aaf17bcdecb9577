// Notices when a customer writes in a language other than the organisation's default (Welsh and French
// at least), so the reply and the colleague handling it can be chosen accordingly. A transparent count of
// each language's frequent short words, from the policy: no model, nothing loaded at run time.

import type { Evidence } from "../case";
import type { Policy } from "../policy/organisation-policy";

type LanguageRules = Policy["classification"]["language"];

export interface DetectedLanguage {
  /** BCP-47 code. */
  language: string;
  evidence: Evidence[];
}

const stopWordSets = new WeakMap<LanguageRules, Map<string, Set<string>>>();
function stopWordsOf(rules: LanguageRules): Map<string, Set<string>> {
  let sets = stopWordSets.get(rules);
  if (!sets) {
    sets = new Map(
      Object.entries(rules.stopWords).map(([language, words]) => [
        language,
        new Set(words.map((w) => w.toLowerCase())),
      ]),
    );
    stopWordSets.set(rules, sets);
  }
  return sets;
}

/** Words split at apostrophes too, so Welsh "rwy'n" and French "j'ai" yield their short words. */
function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
}

export function detectLanguage(text: string, rules: LanguageRules): DetectedLanguage {
  const words = tokens(text);
  const found = new Map<string, string[]>();
  for (const [language, stopWords] of stopWordsOf(rules)) {
    found.set(
      language,
      words.filter((word) => stopWords.has(word)),
    );
  }
  const defaultHits = found.get(rules.default)?.length ?? 0;
  let best = rules.default;
  let bestHits = defaultHits;
  for (const [language, hits] of found) {
    if (hits.length > bestHits) {
      best = language;
      bestHits = hits.length;
    }
  }
  if (best === rules.default || bestHits < rules.minimumHits)
    return { language: rules.default, evidence: [] };
  const sample = [...new Set(found.get(best))].slice(0, 6).join(", ");
  return { language: best, evidence: [{ rule: `language:${best}`, matched: sample }] };
}

const compiledShapes = new WeakMap<readonly string[], RegExp[]>();

/**
 * The shapes of limited English in a customer's own words ("he not come today", "is die last year", "what i
 * do now?"), when at least the policy's minimum of different ones are there: one slip is anyone's typo, two
 * shapes are how someone still learning English writes. None when the policy lists no shapes.
 */
export function limitedEnglishShapes(text: string, rules: LanguageRules): string[] {
  const { limitedEnglish } = rules;
  if (!limitedEnglish) return [];
  let shapes = compiledShapes.get(limitedEnglish.shapes);
  if (!shapes) {
    shapes = limitedEnglish.shapes.map((source) => new RegExp(source, "iu"));
    compiledShapes.set(limitedEnglish.shapes, shapes);
  }
  const found = shapes.flatMap((shape) => shape.exec(text)?.[0] ?? []);
  return found.length >= limitedEnglish.minimumShapes ? found : [];
}
