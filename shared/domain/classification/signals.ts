// Adds what the words alone cannot show to the signals found in the text: a customer who keeps having
// to get in touch. The caller counts the customer's recent cases; this decides whether that is repeat
// contact under the policy and records the figures as evidence.

import type { Evidence } from "../case";

/** The signal raised from the customer's contact history; the policy may add phrases for it too. */
export const REPEAT_CONTACT_SIGNAL = "repeat-contact";
/** Raised whenever the dissatisfaction evidence makes the message a complaint. */
export const DISSATISFACTION_SIGNAL = "dissatisfaction";
/** Subject access, erasure, rectification or a breach: head office's data protection officer handles it. */
export const DATA_PROTECTION_SIGNAL = "data-protection";
/** Personal data sent or shown to the wrong person; it raises the data-protection signal too. */
export const DATA_BREACH_SIGNAL = "data-breach";
/** Solicitors, courts, ombudsmen and regulators raised as a step the customer may take. */
export const LEGAL_THREAT_SIGNAL = "legal-threat";
/** The customer's MP or councillor taking up the case or copied in: management reviews it, though no legal threat. */
export const ELECTED_REPRESENTATIVE_SIGNAL = "elected-representative";
/** Insults, threats or profanity aimed at staff. */
export const ABUSE_SIGNAL = "abuse";
/** Kept only when the sentence it is in is about the customer (or someone they act for). */
export const VULNERABILITY_SIGNAL = "vulnerability";

/** The customer's other cases in a recent window, as counted by the caller from the case store. */
export interface ContactHistory {
  recentCases: number;
  windowDays: number;
}

export function repeatContactEvidence(
  history: ContactHistory | undefined,
  minimumRecentCases: number,
): Evidence | undefined {
  if (!history || history.recentCases < minimumRecentCases) return undefined;
  const cases = history.recentCases === 1 ? "case" : "cases";
  return {
    rule: `signal:${REPEAT_CONTACT_SIGNAL}`,
    matched: `${history.recentCases} other ${cases} in the last ${history.windowDays} days`,
  };
}
