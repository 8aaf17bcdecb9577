// The web contact form as data: its fields, the rules each answer must meet, how answers are
// normalised (postcode `AB1 2CD`, phone in E.164) and the plain-English reason for every refusal.
// The form endpoint and the page renderer both read it, so what the page asks and what the
// endpoint accepts cannot drift apart. Pure: no I/O, no clock, no keys; reading the HTTP body into
// fields happens at the edge (shared/adapters/http/form-body.ts).

import * as z from "zod";
import { OTHER_CATEGORY } from "./classification/category";
import { normalisePhone, normalisePostcode } from "./extraction";
import { normaliseEmailAddress } from "./mail";

export const CONTACT_METHODS = ["email", "phone", "post"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** The questions the customer answers, in the order the page asks them. */
export const ANSWER_FIELDS = [
  "name",
  "email",
  "phone",
  "address",
  "postcode",
  "orderReference",
  "category",
  "message",
  "contactPreference",
] as const;
export type AnswerField = (typeof ANSWER_FIELDS)[number];

/** Hidden from people, tempting to bots: anything typed into it marks the post as automated. */
export const HONEYPOT_FIELD = "website";

/** Longest answer accepted for each field, in characters after normalisation. */
export const FIELD_LIMITS: Readonly<Record<AnswerField, number>> = {
  name: 100,
  email: 254,
  phone: 30,
  address: 300,
  postcode: 16,
  orderReference: 64,
  category: 64,
  message: 4000,
  contactPreference: 16,
};

export interface FormAnswers {
  name: string;
  email: string;
  phone?: string;
  address?: string;
  postcode?: string;
  orderReference?: string;
  category: string;
  message: string;
  contactPreference: ContactMethod;
}

/** What the page carries between rendering and posting; the token is checked by the application. */
export interface FormSession {
  submissionId: string;
  formToken: string;
  noticeVersion: string;
}

/** A validated, normalised submission: what the ledger keeps and the case is recorded from. */
export interface FormSubmission extends FormAnswers {
  submissionId: string;
  noticeVersion: string;
}

export type FieldErrorKind = "missing" | "invalid" | "too-long" | "forbidden-character";

export interface FieldError {
  kind: FieldErrorKind;
  /** What to tell the customer, shown beside the field. */
  message: string;
}

export type FieldErrors = Partial<Record<AnswerField, FieldError>>;

/** What the customer typed, as typed, so a page shown again keeps their answers. */
export type FormValues = Partial<Record<AnswerField, string>>;

export type FormValidation =
  | {
      valid: true;
      answers: FormAnswers;
      session: FormSession | undefined;
      honeypotFilled: boolean;
      values: FormValues;
    }
  | {
      valid: false;
      fieldErrors: FieldErrors;
      /** Names the form does not have, e.g. a client-supplied `priority` or `status`. */
      unknownFields: string[];
      session: FormSession | undefined;
      values: FormValues;
    };

export interface FormCategory {
  key: string;
  label: string;
}

export interface FormDefinition {
  categories: FormCategory[];
  validate(input: Record<string, unknown>): FormValidation;
}

const CATEGORY_LABELS: Record<string, string> = {
  delivery: "A delivery",
  "billing-refund": "A payment, bill or refund",
  "product-fault": "A faulty or damaged product",
  "staff-conduct": "How a member of our staff dealt with you",
  "website-system": "Our website or app",
  "data-protection": "Your personal data",
  [OTHER_CATEGORY]: "Something else",
};

export function categoryLabel(key: string): string {
  const label = CATEGORY_LABELS[key];
  if (label) return label;
  const words = key.replaceAll("-", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The form for the policy's categories (plus "other"), with its validation compiled once, on the first
 * post: rendering the page never needs it.
 */
export function defineForm(policyCategories: readonly string[]): FormDefinition {
  const keys = [...policyCategories.filter((key) => key !== OTHER_CATEGORY), OTHER_CATEGORY];
  let schema: ReturnType<typeof formSchema> | undefined;
  return {
    categories: keys.map((key) => ({ key, label: categoryLabel(key) })),
    validate: (input) => {
      schema ??= formSchema(keys as [string, ...string[]]);
      return validate(schema, input);
    },
  };
}

// C0 controls other than tab, line feed and carriage return (which are whitespace and normalised),
// DEL, C1 controls, and UTF-16 surrogates that are not part of a pair.
const FORBIDDEN_ANYWHERE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Bidirectional overrides and isolates can make a short answer read as something else. */
const FORBIDDEN_ON_ONE_LINE = /[\u202a-\u202e\u2066-\u2069]/;
/** No name, address or order number has angle brackets; markup there is an attack, not an answer. */
const MARKUP = /[<>]/;

function oneLine(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

function manyLines(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .trim();
}

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

// Issue messages are field error kinds; the customer-facing wording is chosen from them afterwards.
const presence = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "missing" : "invalid"),
};

interface TextOptions {
  multiline?: boolean;
  /** For free-form answers with no format of their own; the message may quote markup, kept as text. */
  refuseMarkup?: boolean;
}

function textSchema(field: AnswerField, { multiline = false, refuseMarkup = false }: TextOptions = {}) {
  return z
    .string(presence)
    .refine((value) => !FORBIDDEN_ANYWHERE.test(value), { error: "forbidden-character" })
    .refine((value) => multiline || !FORBIDDEN_ON_ONE_LINE.test(value), { error: "forbidden-character" })
    .refine((value) => !refuseMarkup || !MARKUP.test(value), { error: "forbidden-character" })
    .transform(multiline ? manyLines : oneLine)
    .pipe(z.string().max(FIELD_LIMITS[field], { error: "too-long" }));
}

function normalised(field: AnswerField, normalise: (value: string) => string | undefined) {
  return textSchema(field).transform((value, context) => {
    const result = normalise(value);
    if (result === undefined) {
      context.issues.push({ code: "custom", message: "invalid", input: value });
      return z.NEVER;
    }
    return result;
  });
}

const required = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

function formSchema(categories: [string, ...string[]]) {
  return z.strictObject({
    name: required(textSchema("name", { refuseMarkup: true })),
    email: required(
      textSchema("email")
        .transform(normaliseEmailAddress)
        .pipe(z.email({ error: "invalid" })),
    ),
    phone: optional(normalised("phone", (value) => normalisePhone(value, "GB"))),
    address: optional(
      textSchema("address", { multiline: true, refuseMarkup: true }).transform((value) =>
        value
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean)
          .join(", "),
      ),
    ),
    postcode: optional(normalised("postcode", normalisePostcode)),
    orderReference: optional(textSchema("orderReference", { refuseMarkup: true })),
    category: required(z.enum(categories, presence)),
    message: required(textSchema("message", { multiline: true })),
    contactPreference: required(z.enum(CONTACT_METHODS, presence)),
    // Known, so not refused as unknown; the session is checked on its own and the honeypot is read as is.
    submissionId: z.unknown().optional(),
    formToken: z.unknown().optional(),
    noticeVersion: z.unknown().optional(),
    [HONEYPOT_FIELD]: z.unknown().optional(),
  });
}

const sessionSchema = z.strictObject({
  submissionId: z.uuid(),
  formToken: z.string().regex(/^\d{1,15}\.[A-Za-z0-9_-]{43}$/),
  noticeVersion: z.string().regex(/^[A-Za-z0-9.-]{1,32}$/),
});

const FIELD_ERROR_KINDS: readonly string[] = ["missing", "invalid", "too-long", "forbidden-character"];

function validate(schema: ReturnType<typeof formSchema>, input: Record<string, unknown>): FormValidation {
  const values = valuesOf(input);
  const session = sessionSchema.safeParse({
    submissionId: input.submissionId,
    formToken: input.formToken,
    noticeVersion: input.noticeVersion,
  });
  const common = { session: session.success ? session.data : undefined, values };
  const result = schema.safeParse(input);
  const fieldErrors: FieldErrors = {};
  const unknownFields: string[] = [];
  for (const issue of result.error?.issues ?? []) {
    if (issue.code === "unrecognized_keys") {
      unknownFields.push(...issue.keys);
      continue;
    }
    const field = issue.path[0] as AnswerField;
    const kind = (FIELD_ERROR_KINDS.includes(issue.message) ? issue.message : "invalid") as FieldErrorKind;
    fieldErrors[field] ??= { kind, message: fieldErrorMessage(field, kind) };
  }
  for (const field of fieldsNeededToContact(input.contactPreference)) {
    if (blankToUndefined(input[field]) === undefined) {
      fieldErrors[field] ??= { kind: "missing", message: fieldErrorMessage(field, "missing") };
    }
  }
  if (!result.success || Object.keys(fieldErrors).length > 0) {
    return { valid: false, fieldErrors, unknownFields, ...common };
  }
  const { submissionId: _id, formToken: _token, noticeVersion: _version, website, ...answers } = result.data;
  return { valid: true, answers, honeypotFilled: blankToUndefined(website) !== undefined, ...common };
}

/** Calling needs a number; writing needs an address and a postcode. */
function fieldsNeededToContact(preference: unknown): AnswerField[] {
  if (preference === "phone") return ["phone"];
  if (preference === "post") return ["address", "postcode"];
  return [];
}

function valuesOf(input: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of ANSWER_FIELDS) {
    const value = input[field];
    if (typeof value === "string") values[field] = value;
  }
  return values;
}

const MESSAGES: Record<AnswerField, Partial<Record<FieldErrorKind, string>>> = {
  name: { missing: "Enter your full name" },
  email: {
    missing: "Enter your email address",
    invalid: "Enter an email address like name@example.com",
  },
  phone: {
    missing: "Enter a telephone number so that we can call you, or choose another way for us to contact you",
    invalid: "Enter a telephone number, like 0161 496 0000 or +44 161 496 0000",
  },
  address: {
    missing:
      "Enter your postal address so that we can write to you, or choose another way for us to contact you",
  },
  postcode: {
    missing: "Enter your postcode so that we can write to you, or choose another way for us to contact you",
    invalid: "Enter a full UK postcode, like SW1A 1AA",
  },
  orderReference: {},
  category: { missing: "Select what your message is about" },
  message: { missing: "Enter your message" },
  contactPreference: { missing: "Select how you would like us to contact you" },
};

const NOUNS: Record<AnswerField, string> = {
  name: "Your name",
  email: "Email address",
  phone: "Telephone number",
  address: "Postal address",
  postcode: "Postcode",
  orderReference: "Order or transaction reference",
  category: "What your message is about",
  message: "Your message",
  contactPreference: "How you would like us to contact you",
};

/**
 * A whole number as the form writes it, digits grouped in threes ("5,000"), as en-GB does without loading
 * the locale data the first Intl call loads (tens of milliseconds at a cold start).
 */
export function formNumber(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function fieldErrorMessage(field: AnswerField, kind: FieldErrorKind): string {
  const specific = MESSAGES[field][kind];
  if (specific) return specific;
  const noun = NOUNS[field];
  switch (kind) {
    case "too-long":
      return `${noun} must be ${formNumber(FIELD_LIMITS[field])} characters or fewer`;
    case "forbidden-character":
      return `${noun} contains characters we cannot accept, such as control or invisible characters`;
    case "missing":
      return `Enter ${noun.charAt(0).toLowerCase()}${noun.slice(1)}`;
    case "invalid":
      return `Check ${noun.charAt(0).toLowerCase()}${noun.slice(1)} and enter it again`;
  }
}

const FIELD_CODES = {
  name: "name",
  email: "email",
  phone: "phone",
  address: "address",
  postcode: "postcode",
  orderReference: "order-reference",
  category: "category",
  message: "message",
  contactPreference: "contact-preference",
} as const satisfies Record<AnswerField, string>;
type FieldCode = (typeof FIELD_CODES)[AnswerField];

export type FieldErrorCode =
  | `missing-${FieldCode}`
  | `invalid-${FieldCode}`
  | `${FieldCode}-too-long`
  | `forbidden-character-in-${FieldCode}`;

/** Reason codes for the intake ledger and API errors, e.g. `invalid-email`, `message-too-long`. */
export function fieldErrorCode(field: AnswerField, kind: FieldErrorKind): FieldErrorCode {
  const code = FIELD_CODES[field];
  switch (kind) {
    case "missing":
      return `missing-${code}`;
    case "invalid":
      return `invalid-${code}`;
    case "too-long":
      return `${code}-too-long`;
    case "forbidden-character":
      return `forbidden-character-in-${code}`;
  }
}

/** Why a post was refused; recorded in the ledger without any of the post's content. */
export type FormRejectionReason =
  | "missing-origin"
  | "foreign-origin"
  | "unsupported-media-type"
  | "body-too-large"
  | "malformed-body"
  | "unknown-field"
  | "invalid-form-token"
  | "expired-form-token"
  | "rate-limited-ip"
  | "rate-limited-email"
  | FieldErrorCode;

/** Posts that look automated: answered like any other, recorded, never made into a case. */
export type FormSuppressionReason = "honeypot" | "too-fast";

/** A post's fields as the edge read them, or why it could not (it records no content either way). */
export type PostedForm =
  | { fields: Record<string, unknown> }
  | { refused: "unsupported-media-type" | "body-too-large" | "malformed-body" };

export function formIntakeId(submissionId: string): string {
  return `form:${submissionId}`;
}

/** Ledger id of a refused post, which has no trustworthy submission id of its own. */
export function rejectedFormIntakeId(requestId: string): string {
  return `form-rejected:${requestId}`;
}
