// How often this customer has been in touch lately: the number of their other cases created within the
// policy's repeat-contact window. It feeds the repeat-contact signal and is shown on the case.

import type { Policy } from "../domain/policy/organisation-policy";
import type { ContactHistory } from "../domain/understanding";
import type { CaseStore } from "../ports";

const DAY_MS = 86_400_000;

export interface ContactHistoryDependencies {
  cases: Pick<CaseStore, "findCaseReferences" | "getCase">;
  policy: Policy;
}

export async function contactHistory(
  email: string,
  now: Date,
  { cases, policy }: ContactHistoryDependencies,
): Promise<ContactHistory> {
  const { windowDays } = policy.classification.repeatContact;
  const since = new Date(now.getTime() - windowDays * DAY_MS).toISOString();
  const references = await cases.findCaseReferences("email", email);
  const records = await Promise.all(references.map((reference) => cases.getCase(reference)));
  const recentCases = records.filter((record) => record && record.createdAt >= since).length;
  return { recentCases, windowDays };
}

/** The history of a customer seen for the first time. */
export function noEarlierContact({ policy }: Pick<ContactHistoryDependencies, "policy">): ContactHistory {
  return { recentCases: 0, windowDays: policy.classification.repeatContact.windowDays };
}
