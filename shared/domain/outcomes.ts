// How a case ends and what the customer thought of it (resolve 2.2/2.4, 2.7, 3.1/3.2): the options staff
// proposed and the one the customer chose, a resolved outcome (what was agreed) or an unresolved one
// (why, and where else to get help), and the one-question feedback that follows. Pure data and rules; the
// outcome types are part of the case record (case.ts) and are named here too.

import type {
  AgreedMoney,
  CaseFeedback,
  CaseKind,
  CaseRecord,
  ProposedOption,
  Rating,
  ReferralLevel,
} from "./case";

export type {
  AgreedMoney,
  CaseFeedback,
  CaseOutcome,
  OutcomeType,
  ProposedOption,
  Rating,
} from "./case";
export { RATINGS } from "./case";

/** One feedback answer as the monthly report lists it, with what the case was about. */
export interface FeedbackReportEntry extends CaseFeedback {
  caseReference: string;
  kind: CaseKind;
  category: string;
  level: ReferralLevel;
}

export interface FeedbackSummary {
  count: number;
  /** Mean rating to two decimals; null when there is no feedback. */
  averageRating: number | null;
  byRating: Record<`${Rating}`, number>;
  byCategory: Record<string, { count: number; averageRating: number }>;
}

/** An entry of the configured directory of outside help (Citizens Advice, an ombudsman, an ADR body). */
export interface OutsideHelpEntry {
  id: string;
  /** Where the entry is offered: unresolved outcomes, data protection acknowledgements, or both. */
  usedFor: readonly ("unresolved" | "data-protection")[];
  /** Offered on unresolved outcomes only for cases in these categories; every category when absent. */
  categories?: readonly string[];
}

export function outsideHelpFor<T extends OutsideHelpEntry>(
  record: Pick<CaseRecord, "classification">,
  directory: readonly T[],
  use: OutsideHelpEntry["usedFor"][number],
): T[] {
  return directory.filter(
    (entry) =>
      entry.usedFor.includes(use) &&
      (use !== "unresolved" ||
        !entry.categories ||
        entry.categories.includes(record.classification.category)),
  );
}

/** The options as staff wrote them, numbered for the customer. */
export function numberOptions(
  options: readonly { label: string; detail?: string | undefined; money?: AgreedMoney | undefined }[],
): ProposedOption[] {
  return options.map((option, index) => ({
    optionId: String(index + 1),
    label: option.label.trim(),
    ...(option.detail?.trim() ? { detail: option.detail.trim() } : {}),
    ...(option.money ? { money: option.money } : {}),
  }));
}

function mean(values: readonly number[]): number {
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100;
}

export function summariseFeedback(entries: readonly FeedbackReportEntry[]): FeedbackSummary {
  const byRating = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
  const ratingsByCategory = new Map<string, number[]>();
  for (const entry of entries) {
    byRating[`${entry.rating}`] += 1;
    ratingsByCategory.set(entry.category, [...(ratingsByCategory.get(entry.category) ?? []), entry.rating]);
  }
  return {
    count: entries.length,
    averageRating: entries.length === 0 ? null : mean(entries.map((entry) => entry.rating)),
    byRating,
    byCategory: Object.fromEntries(
      [...ratingsByCategory].map(([category, ratings]) => [
        category,
        { count: ratings.length, averageRating: mean(ratings) },
      ]),
    ),
  };
}
