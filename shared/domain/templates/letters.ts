// Builds each letter Heed sends from a case: which catalogue message, and every value it needs, marked
// with who wrote it. The first name and the subject are the customer's; updates, options, what was
// agreed and the reasons are staff's; everything else is Heed's or the organisation's configuration.

import type { CaseRecord } from "../case";
import { headerSafe } from "../header-text";
import type { ProposedOption } from "../outcomes";
import type { Catalogue } from "./catalogue-schema";
import {
  type Contact,
  customerValue,
  heedValue,
  type RenderedMessage,
  renderMessage,
  type TemplateValues,
} from "./render";

/** Who the letter is from, in the customer's language. */
export interface Letterhead {
  catalogue: Catalogue;
  organisationName: string;
  /** The team the case is with, as the customer should read it ("our customer service team"). */
  teamName: string;
}

export function letterValues(record: CaseRecord, letterhead: Letterhead): TemplateValues {
  const firstName = record.customer.name?.trim().split(/\s+/)[0];
  return {
    ...(firstName ? { firstName: customerValue(headerSafe(firstName, 60)) } : {}),
    organisationName: heedValue(letterhead.organisationName),
    reference: heedValue(record.reference),
    subject: customerValue(headerSafe(record.subject, 120) || letterhead.catalogue.fallbackSubject),
    teamName: heedValue(letterhead.teamName),
  };
}

const staffText = (value: string) => ({ type: "text", value, source: "staff" }) as const;

export function renderReplyNotice(record: CaseRecord, letterhead: Letterhead): RenderedMessage {
  return renderMessage(letterhead.catalogue, "reply-received", letterValues(record, letterhead));
}

export function renderProgressUpdate(
  record: CaseRecord,
  letterhead: Letterhead,
  update: string,
): RenderedMessage {
  return renderMessage(letterhead.catalogue, "progress-update", {
    ...letterValues(record, letterhead),
    update: staffText(update),
  });
}

export function optionLine(option: ProposedOption, catalogue: Catalogue): string {
  const head = `${catalogue.optionWord} ${option.optionId}: ${option.label}`;
  return option.detail ? `${head} – ${option.detail}` : head;
}

export function renderOptionsProposal(
  record: CaseRecord,
  letterhead: Letterhead,
  options: readonly ProposedOption[],
  message: string | undefined,
): RenderedMessage {
  return renderMessage(letterhead.catalogue, "options-proposal", {
    ...letterValues(record, letterhead),
    ...(message ? { message: staffText(message) } : {}),
    options: {
      type: "list",
      items: options.map((option) => optionLine(option, letterhead.catalogue)),
      source: "staff",
    },
  });
}

export function formatLetterDate(date: Date, catalogue: Catalogue): string {
  return new Intl.DateTimeFormat(catalogue.locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  }).format(date);
}

export function renderResolvedOutcome(
  record: CaseRecord,
  letterhead: Letterhead,
  outcome: { agreed: string; feedbackUrl: string; feedbackUntil: Date },
): RenderedMessage {
  return renderMessage(letterhead.catalogue, "outcome-resolved", {
    ...letterValues(record, letterhead),
    agreed: staffText(outcome.agreed),
    feedbackUrl: { type: "link", url: outcome.feedbackUrl },
    feedbackUntil: heedValue(formatLetterDate(outcome.feedbackUntil, letterhead.catalogue)),
  });
}

export function renderUnresolvedOutcome(
  record: CaseRecord,
  letterhead: Letterhead,
  outcome: { reasons: string; outsideHelp: readonly Contact[] },
): RenderedMessage {
  return renderMessage(letterhead.catalogue, "outcome-unresolved", {
    ...letterValues(record, letterhead),
    reasons: staffText(outcome.reasons),
    outsideHelp: { type: "contacts", entries: outcome.outsideHelp },
  });
}
