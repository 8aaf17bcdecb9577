// Decides what a message is about: the category whose phrases it uses most, with a phrase in the
// subject line counting twice (customers put the heart of the matter there), and on a tie the one
// mentioned first (customers lead with the problem). "other" when none fits.

export const OTHER_CATEGORY = "other";

export interface CategoryFindings {
  /** Each category with its phrases found in subject and text. */
  hits: ReadonlyMap<string, readonly string[]>;
  /** Where each category is first mentioned in subject and text. */
  firstAt: ReadonlyMap<string, number>;
  /** Each category with its phrases found in the subject alone. */
  inSubject: ReadonlyMap<string, readonly string[]>;
}

export function decideCategory({ hits, firstAt, inSubject }: CategoryFindings): string {
  let best = OTHER_CATEGORY;
  let bestScore = 0;
  for (const [category, phrases] of hits) {
    const score = phrases.length + (inSubject.get(category)?.length ?? 0);
    const earlier = (firstAt.get(category) ?? 0) < (firstAt.get(best) ?? 0);
    if (score > bestScore || (score === bestScore && earlier)) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}
