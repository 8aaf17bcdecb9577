// Works out whom a sentence is about, so a signal is the customer's own: "I am registered blind" or
// "my mother has dementia" (someone they act for) bear on how we deal with the customer; "Gareth's mum
// was ill" in a thank-you note does not. Works on the normalised text the phrases are matched in.

/** The sentence of normalised text around a position: from the previous stop to the next. */
export function sentenceAround(text: string, at: number): string {
  const before = text.slice(0, at);
  const start = Math.max(
    before.lastIndexOf(". "),
    before.lastIndexOf("! "),
    before.lastIndexOf("? "),
    before.lastIndexOf("; "),
  );
  const rest = text.slice(at).search(/[.!?;](?:\s|$)/);
  return text.slice(start < 0 ? 0 : start + 2, rest < 0 ? text.length : at + rest);
}

const WORDS = /[\p{L}\p{N}']+/gu;

/** The first word of the sentence that puts the customer in it, or undefined when none does. */
export function customerWordIn(sentence: string, customerWords: ReadonlySet<string>): string | undefined {
  for (const [word] of sentence.matchAll(WORDS)) if (customerWords.has(word)) return word;
  return undefined;
}
