// The shape every letter catalogue (messages/<lang>.json) must have, and the checks that span it: every
// message, each placeholder known to its message and of the right type. Loaded only where a catalogue is
// checked: by catalogues.ts as written, and when the functions are bundled (infra/constructs/checked-policies.ts).

import * as z from "zod";
import { validated } from "../policy/validated";
import {
  CARE_NOTES,
  CASE_PAGE_VARIABLES,
  casePageTexts,
  FEEDBACK_PAGE_VARIABLES,
  MESSAGE_IDS,
  MESSAGE_VARIABLES,
  type MessageId,
  placeholdersIn,
  TemplateCatalogueError,
  type VariableType,
} from "./catalogue";

/** Subjects are headers: only the reference and the customer's own subject (made header-safe) go in. */
const SUBJECT_VARIABLES = new Set(["reference", "subject"]);

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

export type Catalogue = z.infer<typeof catalogueSchema>;

function checkMessage(id: MessageId, template: MessageTemplate, ctx: z.RefinementCtx): void {
  for (const problem of templateErrors(id, MESSAGE_VARIABLES[id], template))
    ctx.addIssue({ code: "custom", path: ["messages", id, ...problem.path], message: problem.message });
}

export function parseCatalogue(input: unknown): Catalogue {
  return validated(catalogueSchema, input, "invalid message catalogue", TemplateCatalogueError);
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
