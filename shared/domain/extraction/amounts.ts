// Finds sums of money the customer mentions (£250, £1,250.50, 250 pounds) and decides which one they
// are claiming: the one they ask to have back, else the largest mentioned. The referral policy compares
// it with what each level of staff may agree to.

import { containsAny, normaliseText } from "../classification/phrases";

export interface FoundAmount {
  /** In pounds sterling. */
  value: number;
  index: number;
}

/** "£250", "GBP 250", or the sum first: "250 pounds", "250 quid", "80 £", "80 livres". */
const AMOUNT =
  /(?:£\s?|\bGBP\s?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)|(?<![\p{L}\p{N}.,£])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(?:pounds|quid|gbp|livres|punnoedd|punt|£)(?![\p{L}])/giu;

export function findAmounts(text: string): FoundAmount[] {
  return [...text.matchAll(AMOUNT)].map((match) => {
    const whole = (match[1] ?? match[3] ?? "0").replace(/,/g, "");
    const fraction = (match[2] ?? match[4] ?? "").padEnd(2, "0");
    return { value: Number(`${whole}.${fraction || "00"}`), index: match.index };
  });
}

/** A full stop ends a sentence only before a space or the end, so "£1,250.50" stays whole. */
const SENTENCE_END = /[.!?](?=\s|$)|\n/g;
/** Clauses within a sentence: "I paid £250 | and want a refund of £50". */
const CLAUSE_END = /[.!?,:](?=\s|$)|[\n;]|\s(?:and|but|or)\s/g;

function stretchAround(text: string, index: number, ends: RegExp): string {
  let start = 0;
  for (const end of text.matchAll(ends)) {
    if (end.index >= index) return text.slice(start, end.index);
    start = end.index + end[0].length;
  }
  return text.slice(start);
}

/**
 * The sum claimed: the largest in a clause that asks for money back, else the largest in such a
 * sentence, else the largest mentioned at all.
 * @param claimWords words that make an amount near them the one claimed (refund, compensation…)
 */
export function amountClaimed(text: string, claimWords: readonly string[]): number | undefined {
  const amounts = findAmounts(text);
  if (amounts.length === 0) return undefined;
  const near = (ends: RegExp) =>
    amounts.filter((amount) =>
      containsAny(normaliseText(stretchAround(text, amount.index, ends)), claimWords),
    );
  const inClause = near(CLAUSE_END);
  const inSentence = inClause.length > 0 ? inClause : near(SENTENCE_END);
  return Math.max(...(inSentence.length > 0 ? inSentence : amounts).map((amount) => amount.value));
}
