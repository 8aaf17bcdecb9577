// The wording of every message Heed sends customers, one catalogue per language (messages/<lang>.json),
// so it can be reviewed, translated and changed without touching code: the messages and the values each
// may use. Each catalogue is checked against these (catalogue-schema.ts) when it is loaded
// (catalogues.ts): a missing message, an unknown placeholder or a placeholder of the wrong type stops the
// function, or for a deployed function its bundling, instead of sending a broken letter.

import { CASE_KINDS, type CaseKind } from "../case";

export const MESSAGE_IDS = [
  ...CASE_KINDS.map((kind) => `acknowledgement-${kind}` as const),
  "acknowledgement-care",
  "data-protection-acknowledgement",
  "acknowledgement-neutral",
  "reply-received",
  "progress-update",
  "options-proposal",
  "outcome-resolved",
  "outcome-unresolved",
  "case-page-link",
] as const;
export type MessageId = (typeof MESSAGE_IDS)[number];

/**
 * The care notes a catalogue words: one per vulnerability driver, one for when none is clear, and one for
 * a writer who told us of the person they write for (a relative, an attorney, a support worker).
 */
export const CARE_NOTES = [
  "bereavement",
  "health",
  "life-event",
  "resilience",
  "capability",
  "general",
  "someone-they-act-for",
] as const;
export type CareNote = (typeof CARE_NOTES)[number];

export function acknowledgementId(kind: CaseKind): MessageId {
  return `acknowledgement-${kind}`;
}

/**
 * `string` fills a placeholder; `list` is a bulleted list; `text` is free text in paragraphs (what staff
 * wrote); `link` is a URL shown with a label; `contacts` is a list of outside-help entries.
 */
export type VariableType = "string" | "list" | "text" | "link" | "contacts";

/** The values every letter to a customer may use. */
export const LETTER = {
  firstName: "string",
  organisationName: "string",
  reference: "string",
  subject: "string",
  teamName: "string",
} as const satisfies Record<string, VariableType>;

const ACKNOWLEDGEMENT = {
  ...LETTER,
  about: "string",
  questions: "list",
  responseTime: "string",
} as const satisfies Record<string, VariableType>;

export const MESSAGE_VARIABLES: Record<MessageId, Record<string, VariableType>> = {
  "acknowledgement-complaint": ACKNOWLEDGEMENT,
  "acknowledgement-problem": ACKNOWLEDGEMENT,
  "acknowledgement-request": ACKNOWLEDGEMENT,
  "acknowledgement-query": ACKNOWLEDGEMENT,
  /** A compliment that tells of the customer's own lasting condition also lists the adjustments offered. */
  "acknowledgement-compliment": { ...ACKNOWLEDGEMENT, adjustments: "list" },
  "acknowledgement-care": { ...ACKNOWLEDGEMENT, care: "string", asked: "list", adjustments: "list" },
  "data-protection-acknowledgement": { ...LETTER, responseTime: "string", rightsHelp: "contacts" },
  /** To a sender SES could not authenticate: the reference only, none of the sender's own words. */
  "acknowledgement-neutral": { organisationName: "string", reference: "string" },
  "reply-received": LETTER,
  "progress-update": { ...LETTER, update: "text" },
  "options-proposal": { ...LETTER, message: "text", options: "list" },
  "outcome-resolved": { ...LETTER, agreed: "text", feedbackUrl: "link", feedbackUntil: "string" },
  "outcome-unresolved": { ...LETTER, reasons: "text", outsideHelp: "contacts" },
  "case-page-link": LETTER,
};

export const FEEDBACK_PAGE_VARIABLES = new Set(["reference", "organisationName"]);
/** The case page fills these in its texts; dates are formatted in the catalogue's locale. */
export const CASE_PAGE_VARIABLES = new Set(["reference", "organisationName", "teamName", "subject", "date"]);

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

/** Every text of the case page with its path, nested groups included. */
export function casePageTexts(texts: object, path: string[] = []): [string[], string][] {
  return Object.entries(texts).flatMap(([key, value]): [string[], string][] =>
    typeof value === "string" ? [[[...path, key], value]] : casePageTexts(value as object, [...path, key]),
  );
}

export class TemplateCatalogueError extends Error {
  override name = "TemplateCatalogueError";
}
