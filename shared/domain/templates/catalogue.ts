// The wording of every message Heed sends customers, one catalogue per language (messages/<lang>.json),
// so it can be reviewed, translated and changed without touching code. Each catalogue is validated when
// this module loads: a missing message, an unknown placeholder or a placeholder of the wrong type stops
// the function at start-up instead of sending a broken letter.

import * as z from "zod";
import { CASE_KINDS, type CaseKind } from "../case";
import { validated } from "../policy/validated";
import cy from "./messages/cy.json" with { type: "json" };
import en from "./messages/en.json" with { type: "json" };

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

/** The care notes a catalogue words: one per vulnerability driver, and one for when none is clear. */
export const CARE_NOTES = [
  "bereavement",
  "health",
  "life-event",
  "resilience",
  "capability",
  "general",
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
  "acknowledgement-compliment": ACKNOWLEDGEMENT,
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

/** Subjects are headers: only the reference and the customer's own subject (made header-safe) go in. */
const SUBJECT_VARIABLES = new Set(["reference", "subject"]);
const FEEDBACK_PAGE_VARIABLES = new Set(["reference", "organisationName"]);
/** The case page fills these in its texts; dates are formatted in the catalogue's locale. */
const CASE_PAGE_VARIABLES = new Set(["reference", "organisationName", "teamName", "subject", "date"]);

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

const words = z.string().trim().min(1);
const variableName = z.string().regex(/^[A-Za-z]+$/);

const block = z.union([
  z.strictObject({ paragraph: words, when: variableName.optional(), unless: variableName.optional() }),
  z.strictObject({ list: variableName, intro: words.optional() }),
  z.strictObject({ text: variableName, intro: words.optional() }),
  z.strictObject({ link: variableName, label: words }),
  z.strictObject({ contacts: variableName, intro: words.optional() }),
]);
export type Block = z.infer<typeof block>;

export const messageTemplate = z.strictObject({ subject: words, blocks: z.array(block).min(1) });
export type MessageTemplate = z.infer<typeof messageTemplate>;

const catalogueSchema = z
  .strictObject({
    /** BCP-47 code, also the HTML `lang` of every letter. */
    language: z.string().regex(/^[a-z]{2,3}$/),
    /** Locale for dates in letters, e.g. `en-GB`. */
    locale: z.string().min(2),
    /** Stands in for a customer's message that had no subject. */
    fallbackSubject: words,
    /** How each category reads in "what we understood"; `other` for any category not listed. */
    categories: z.record(z.string().regex(/^[a-z0-9-]+$/), words),
    /** One closed question per detail a case may be missing. */
    questions: z.strictObject({ "transaction-reference": words, phone: words }),
    /**
     * How a letter recognises what a customer told us that may make them vulnerable, by the FCA's
     * drivers (bereavement apart); `general` when the words do not say which.
     */
    care: z.strictObject(
      Object.fromEntries(CARE_NOTES.map((note) => [note, words])) as Record<
        (typeof CARE_NOTES)[number],
        typeof words
      >,
    ),
    /** How each adjustment in how we deal with a customer reads in a letter ("letters in large print"). */
    adjustments: z.record(z.string().regex(/^[a-z0-9-]+$/), words),
    contactLabels: z.strictObject({ phone: words, web: words, email: words }),
    /** Precedes an option's number: "Option 2: …". */
    optionWord: words,
    messages: z.strictObject(
      Object.fromEntries(MESSAGE_IDS.map((id) => [id, messageTemplate])) as Record<
        MessageId,
        typeof messageTemplate
      >,
    ),
    /** The public page behind the feedback link. */
    feedbackPage: z.strictObject({
      title: words,
      intro: words,
      question: words,
      ratings: z.tuple([words, words, words, words, words]),
      comment: words,
      submit: words,
      thanks: words,
      alreadyGiven: words,
      expired: words,
      invalid: words,
      ratingRequired: words,
      commentTooLong: words,
    }),
    /** The customer's case page behind the link in every letter, and the link's wording in letters. */
    casePage: z.strictObject({
      title: words,
      intro: words,
      statusHeading: words,
      status: z.strictObject({ open: words, resolved: words, "closed-unresolved": words }),
      understoodHeading: words,
      understoodFallback: words,
      nextHeading: words,
      nextOpen: words,
      nextClosed: words,
      commitmentsHeading: words,
      noCommitments: words,
      commitmentOpen: words,
      commitmentKept: words,
      commitmentMissed: words,
      lettersHeading: words,
      noLetters: words,
      sentOn: words,
      yourMessagesHeading: words,
      receivedOn: words,
      attachmentsReceived: words,
      addHeading: words,
      addIntro: words,
      messageLabel: words,
      transactionReferenceLabel: words,
      phoneLabel: words,
      filesLabel: words,
      filesHint: words,
      submit: words,
      added: words,
      problems: z.strictObject({
        empty: words,
        messageTooLong: words,
        tooManyFiles: words,
        filesTooLarge: words,
        fileType: words,
        phone: words,
        transactionReference: words,
        pageExpired: words,
        rateLimited: words,
      }),
      invalidTitle: words,
      invalid: words,
      requestHeading: words,
      requestIntro: words,
      referenceLabel: words,
      referenceHint: words,
      emailLabel: words,
      requestSubmit: words,
      requestSent: words,
      requestProblem: words,
      requestLimited: words,
      serverError: words,
      linkLabel: words,
      linkUntil: words,
    }),
  })
  .superRefine((catalogue, ctx) => {
    if (!("other" in catalogue.categories))
      ctx.addIssue({ code: "custom", path: ["categories"], message: "a wording for `other` is needed" });
    for (const id of MESSAGE_IDS) checkMessage(id, catalogue.messages[id], ctx);
    for (const name of placeholdersIn(catalogue.feedbackPage.intro))
      if (!FEEDBACK_PAGE_VARIABLES.has(name))
        ctx.addIssue({
          code: "custom",
          path: ["feedbackPage", "intro"],
          message: `unknown placeholder {{${name}}}`,
        });
    for (const [path, text] of casePageTexts(catalogue.casePage))
      for (const name of placeholdersIn(text))
        if (!CASE_PAGE_VARIABLES.has(name))
          ctx.addIssue({
            code: "custom",
            path: ["casePage", ...path],
            message: `unknown placeholder {{${name}}}`,
          });
  });

/** Every text of the case page with its path, nested groups included. */
export function casePageTexts(texts: object, path: string[] = []): [string[], string][] {
  return Object.entries(texts).flatMap(([key, value]): [string[], string][] =>
    typeof value === "string" ? [[[...path, key], value]] : casePageTexts(value as object, [...path, key]),
  );
}

export type Catalogue = z.infer<typeof catalogueSchema>;

function checkMessage(id: MessageId, template: MessageTemplate, ctx: z.RefinementCtx): void {
  for (const problem of templateErrors(id, MESSAGE_VARIABLES[id], template))
    ctx.addIssue({ code: "custom", path: ["messages", id, ...problem.path], message: problem.message });
}

/** What is wrong with a letter template given the values it may use: unknown or mistyped placeholders. */
export function templateErrors(
  id: string,
  variables: Record<string, VariableType>,
  template: MessageTemplate,
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const issue = (path: (string | number)[], message: string) => problems.push({ path, message });
  for (const name of placeholdersIn(template.subject))
    if (!SUBJECT_VARIABLES.has(name)) issue(["subject"], `{{${name}}} may not go into a subject`);
  template.blocks.forEach((item, index) => {
    const texts = [
      "paragraph" in item ? item.paragraph : undefined,
      "intro" in item ? item.intro : undefined,
      "label" in item ? item.label : undefined,
    ];
    for (const text of texts)
      for (const name of placeholdersIn(text ?? ""))
        if (variables[name] !== "string")
          issue(["blocks", index], `{{${name}}} is not a text value of ${id}`);
    const named = item as Partial<Record<string, string>>;
    for (const type of ["list", "text", "link", "contacts"] as const) {
      const name = named[type];
      if (name !== undefined && variables[name] !== type)
        issue(["blocks", index, type], `${id} has no ${type} value called ${name}`);
    }
    for (const key of ["when", "unless"] as const) {
      const name = named[key];
      if (name !== undefined && !(name in variables))
        issue(["blocks", index, key], `${id} has no value called ${name}`);
    }
  });
  return problems;
}

export class TemplateCatalogueError extends Error {
  override name = "TemplateCatalogueError";
}

export function parseCatalogue(input: unknown): Catalogue {
  return validated(catalogueSchema, input, "invalid message catalogue", TemplateCatalogueError);
}

export const DEFAULT_LANGUAGE = "en";

export const CATALOGUES: Readonly<Record<string, Catalogue>> = Object.fromEntries(
  [en, cy].map((json) => {
    const catalogue = parseCatalogue(json);
    return [catalogue.language, catalogue];
  }),
);

/** The catalogue of the customer's language, or English when Heed has no letters in it. */
export function catalogueFor(language: string | undefined): Catalogue {
  const catalogue = CATALOGUES[language ?? DEFAULT_LANGUAGE] ?? CATALOGUES[DEFAULT_LANGUAGE];
  if (!catalogue) throw new TemplateCatalogueError(`no catalogue for the default language`);
  return catalogue;
}
