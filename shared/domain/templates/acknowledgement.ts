// The first reply a customer gets: the reference and how to quote it, a plain restatement of what we
// understood with an invitation to correct it, one closed question per detail we still need, and what
// happens next in process terms — never promising an outcome or a deadline. A data protection request
// gets its own acknowledgement, naming the team that handles such requests and where to learn more.

import type { CaseRecord } from "../case";
import { acknowledgementId } from "./catalogue";
import type { Letterhead } from "./letters";
import { letterValues } from "./letters";
import { type Contact, heedValue, type RenderedMessage, renderMessage } from "./render";

export type ClosedQuestion = "transaction-reference" | "phone";

const NEEDS_TRANSACTION_REFERENCE = new Set(["delivery", "billing-refund", "product-fault"]);

/** A closed question for each detail the case is missing; a compliment is not questioned. */
export function closedQuestions(record: CaseRecord): ClosedQuestion[] {
  if (record.classification.kind === "compliment") return [];
  const questions: ClosedQuestion[] = [];
  if (
    NEEDS_TRANSACTION_REFERENCE.has(record.classification.category) &&
    record.transactionReferences.length === 0
  ) {
    questions.push("transaction-reference");
  }
  if (!record.customer.phone) questions.push("phone");
  return questions;
}

export function isDataProtectionRequest(record: CaseRecord): boolean {
  return record.classification.signals.includes("data-protection-request");
}

export interface AcknowledgementExtras {
  /** The configured response-time statement in the customer's language, worded as policy; null for none. */
  responseTimeStatement: string | null;
  /** Where a data protection request's customer can learn about their rights. */
  rightsHelp: readonly Contact[];
}

/**
 * The acknowledgement for a sender SES could not authenticate (neither SPF nor DKIM passed): anyone may
 * have put that address in From, so nothing the sender chose (subject, name, words) is sent back to it,
 * and Heed cannot be used to relay text to a third party.
 */
export function renderNeutralAcknowledgement(record: CaseRecord, letterhead: Letterhead): RenderedMessage {
  return renderMessage(letterhead.catalogue, "acknowledgement-neutral", {
    organisationName: heedValue(letterhead.organisationName),
    reference: heedValue(record.reference),
  });
}

export function renderAcknowledgement(
  record: CaseRecord,
  letterhead: Letterhead,
  extras: AcknowledgementExtras,
): RenderedMessage {
  const { catalogue } = letterhead;
  const values = {
    ...letterValues(record, letterhead),
    ...(extras.responseTimeStatement ? { responseTime: heedValue(extras.responseTimeStatement) } : {}),
  };
  if (isDataProtectionRequest(record)) {
    return renderMessage(catalogue, "data-protection-acknowledgement", {
      ...values,
      rightsHelp: { type: "contacts", entries: extras.rightsHelp },
    });
  }
  return renderMessage(catalogue, acknowledgementId(record.classification.kind), {
    ...values,
    about: heedValue(
      catalogue.categories[record.classification.category] ?? catalogue.categories.other ?? "",
    ),
    questions: {
      type: "list",
      items: closedQuestions(record).map((question) => catalogue.questions[question]),
      source: "heed",
    },
  });
}
