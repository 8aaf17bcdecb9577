// Works out whom a sentence is about, so a signal is the customer's own: "I am registered blind" or
// "my mother has dementia" (someone they act for) bear on how we deal with the customer; "Gareth's mum
// was ill" in a thank-you note does not. Works on the normalised text the phrases are matched in.

/** Where the sentence around a position starts and ends in normalised text: from the previous stop to the next. */
export function sentenceBounds(text: string, at: number): { start: number; end: number } {
  const before = text.slice(0, at);
  const stop = Math.max(
    before.lastIndexOf(". "),
    before.lastIndexOf("! "),
    before.lastIndexOf("? "),
    before.lastIndexOf("; "),
  );
  const rest = text.slice(at).search(/[.!?;](?:\s|$)/);
  return { start: stop < 0 ? 0 : stop + 2, end: rest < 0 ? text.length : at + rest };
}

/** The sentence of normalised text around a position. */
export function sentenceAround(text: string, at: number): string {
  const { start, end } = sentenceBounds(text, at);
  return text.slice(start, end);
}

const WORDS = /[\p{L}\p{N}']+/gu;

/** The first word of the sentence that puts the customer in it, or undefined when none does. */
export function customerWordIn(sentence: string, customerWords: ReadonlySet<string>): string | undefined {
  for (const [word] of sentence.matchAll(WORDS)) if (customerWords.has(word)) return word;
  return undefined;
}

/** Someone other than the customer placed by the phrase: "put him in hospital", "took her to hospital". */
const SOMEONE_ELSE_PLACED = /\b(?:him|them|her)\s+(?:(?:in|into|to|on|at)\s+(?:a\s+|the\s+)?)?$/;
const PLACE_PREPOSITION = /^(?:in|into|to|on|at)\b/;

/** Whether the phrase at the position places someone else, not the customer ("I'll put him in hospital"). */
export function aboutSomeoneNamedBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 16), at);
  const placed = SOMEONE_ELSE_PLACED.exec(before);
  // "her" alone before a condition is hers ("her dementia"): only a place puts someone there.
  return (
    placed !== null &&
    (/\s(?:in|into|to|on|at)\s+(?:a\s+|the\s+)?$/.test(placed[0]) || PLACE_PREPOSITION.test(text.slice(at)))
  );
}
