// Issuing the link to a customer's case page: signed for the case and the address on it, expiring after
// the configured number of days. Every letter carries one (customer-mail adds it), and a customer whose
// link expired can ask the page for a fresh one.

import type { CaseRecord } from "../domain/case";
import type { CasePageTokens } from "../ports";

export interface CasePageLinkSettings {
  tokens: CasePageTokens;
  /** The public origin of the HTTP API that serves `/case/{token}`, without a trailing slash. */
  baseUrl: string;
  linkValidDays: number;
}

export const CASE_PAGE_PATH = "/case";

export function casePageLink(
  record: CaseRecord,
  settings: CasePageLinkSettings,
  now: Date,
): { url: string; until: Date } {
  const until = new Date(now.getTime() + settings.linkValidDays * 86_400_000);
  const token = settings.tokens.issue(
    { caseReference: record.reference, expiresAt: until.toISOString() },
    record.customer.email,
  );
  return { url: `${settings.baseUrl}${CASE_PAGE_PATH}/${token}`, until };
}
