// The first reply a customer gets: the reference, what we understood, the questions we still need
// answered, and what happens next — in process terms, never promising an outcome or a deadline.

import type { CaseRecord } from "../case";
import { headerSafe } from "../header-text";

export interface AcknowledgementContext {
  organisationName: string;
  teamName: string;
  responseTimeStatement: string | null;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

const KIND_WORDS: Record<CaseRecord["classification"]["kind"], string> = {
  complaint: "you are unhappy with",
  problem: "you have had a problem with",
  request: "you would like us to help with",
  query: "you have a question about",
  compliment: "you wanted to tell us about",
};

const CATEGORY_WORDS: Record<string, string> = {
  delivery: "a delivery",
  "billing-refund": "a payment, bill or refund",
  "product-fault": "a product that is not working as it should",
  "staff-conduct": "how a member of our staff dealt with you",
  "website-system": "our website or systems",
  "data-protection": "your personal data",
};

const NEEDS_TRANSACTION_REFERENCE = new Set(["delivery", "billing-refund", "product-fault"]);

function greeting(name: string | undefined): string {
  const first = name?.trim().split(/\s+/)[0];
  return first ? `Dear ${first},` : "Hello,";
}

export function closedQuestions(record: CaseRecord): string[] {
  const questions: string[] = [];
  if (
    NEEDS_TRANSACTION_REFERENCE.has(record.classification.category) &&
    record.transactionReferences.length === 0
  ) {
    questions.push("Do you have an order, invoice or account number for this? If so, please reply with it.");
  }
  if (!record.customer.phone) {
    questions.push(
      "Would you like us to be able to call you? If so, please reply with the best number to use.",
    );
  }
  return questions;
}

export function renderAcknowledgement(record: CaseRecord, context: AcknowledgementContext): RenderedMessage {
  const about = CATEGORY_WORDS[record.classification.category] ?? "the matter you described";
  const subjectLine = headerSafe(record.subject, 120) || "your message";
  const questions = closedQuestions(record);
  const lines = [
    greeting(record.customer.name),
    "",
    `Thank you for contacting ${context.organisationName}. We have recorded your message under the reference ${record.reference}. Please quote it in the subject line if you write to us again about this, and it will be added to the same record.`,
    "",
    `What we understood: ${KIND_WORDS[record.classification.kind]} ${about}, in your message "${subjectLine}". If we have misunderstood anything, please reply and tell us.`,
  ];
  if (questions.length > 0) lines.push("", "To help us look into this:", ...questions.map((q) => `- ${q}`));
  lines.push(
    "",
    `What happens next: your message has been passed to ${context.teamName}, who will review it and contact you about the next steps.`,
  );
  if (context.responseTimeStatement) lines.push(context.responseTimeStatement);
  lines.push(
    "",
    "Is there anything else about this that you would like us to know?",
    "",
    `${context.organisationName}`,
    "",
    "This is an automatic acknowledgement of your message.",
  );
  return {
    subject: headerSafe(`Re: ${subjectLine} [${record.reference}]`, 180),
    text: lines.join("\n"),
  };
}
