// What the customer's case page may show of a case, chosen from the record and its timeline: the
// reference, the same restatement as the acknowledgement, the team, the commitments made to the customer,
// the letters sent and the customer's own messages. Everything else (notes, referral reasons, signals,
// staff names, other senders' messages) is never selected, so it cannot leak by mistake.

import type { CountryCode } from "libphonenumber-js";
import { sniffContentType } from "./attachments";
import type { CaseRecord, CaseStatus, TimelineEvent } from "./case";
import type { CommitmentState } from "./commitments";
import type { ExtractedDetail } from "./extraction/detail";
import { normalisePhone } from "./extraction/phone";
import { type ClosedQuestion, closedQuestions } from "./templates/acknowledgement";
import { acknowledgementId, placeholdersIn } from "./templates/catalogue";
import type { Catalogue } from "./templates/catalogue-schema";

/** What the add-to-case form takes: limits stated in the page's hint and enforced on every post. */
export const ADDITION_LIMITS = {
  maxMessageLength: 5000,
  maxFiles: 5,
  /** In all: API Gateway and Lambda pass at most about 6 MB, and the files arrive base64-encoded. */
  maxTotalFileBytes: 4 * 1024 * 1024,
  /** Checked against the type the bytes show, never the name or the type the browser claimed. */
  fileTypes: ["application/pdf", "image/jpeg", "image/png", "image/gif", "text/plain"],
} as const;

export type AdditionError = keyof Catalogue["casePage"]["problems"];

export interface CasePageCommitment {
  description: string;
  state: CommitmentState;
  /** When it is planned for, or when it was kept. */
  date: string;
}

export interface CasePageLetter {
  subject: string;
  sentAt: string;
  text: string;
}

export interface CasePageMessage {
  subject: string;
  receivedAt: string;
  text: string;
  attachments: string[];
}

export interface CasePageCase {
  reference: string;
  status: CaseStatus;
  subject: string;
  /** What we understood, as the acknowledgement put it. */
  understood: string;
  teamName: string;
  /** The details the acknowledgement asked for that the case still lacks: asked again as fields. */
  questions: ClosedQuestion[];
  commitments: CasePageCommitment[];
  letters: CasePageLetter[];
  messages: CasePageMessage[];
}

/** A commitment as the customer may read it: what was said and when, never who owns it. */
export interface CommitmentToShow {
  description: string;
  state: CommitmentState;
  dueAt: string;
  settledAt?: string;
}

/** Fills `{{name}}` placeholders from plain values; what is not given stays empty. */
export function fillText(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_match, name: string) => values[name] ?? "");
}

/**
 * The acknowledgement's restatement of what we understood: the block of the case's acknowledgement that
 * names what the case is about. A data protection request, or a catalogue without such a block, falls
 * back to the subject.
 */
export function understoodText(record: CaseRecord, catalogue: Catalogue): string {
  const values = {
    about: catalogue.categories[record.classification.category] ?? catalogue.categories.other,
    subject: record.subject || catalogue.fallbackSubject,
  };
  const blocks = catalogue.messages[acknowledgementId(record.classification.kind)].blocks;
  const restatement = record.classification.signals.includes("data-protection-request")
    ? undefined
    : blocks.find((block) => "paragraph" in block && placeholdersIn(block.paragraph).includes("about"));
  const template =
    restatement && "paragraph" in restatement ? restatement.paragraph : catalogue.casePage.understoodFallback;
  return fillText(template, values);
}

export function casePageCase(
  record: CaseRecord,
  timeline: readonly TimelineEvent[],
  commitments: readonly CommitmentToShow[],
  catalogue: Catalogue,
  teamName: string,
): CasePageCase {
  const letters: CasePageLetter[] = [];
  const messages: CasePageMessage[] = [];
  for (const event of timeline) {
    if (event.type === "message-sent") {
      letters.push({ subject: event.subject, sentAt: event.at, text: event.text });
    } else if (event.type === "message-received" && event.fromCustomer && event.channel !== "staff") {
      messages.push({
        subject: event.subject,
        receivedAt: event.at,
        text: event.text,
        attachments: event.attachments.map((attachment) => attachment.displayName),
      });
    }
  }
  return {
    reference: record.reference,
    status: record.status,
    subject: record.subject || catalogue.fallbackSubject,
    understood: understoodText(record, catalogue),
    teamName,
    questions: closedQuestions(record),
    commitments: commitments.map((commitment) => ({
      description: commitment.description,
      state: commitment.state,
      date: commitment.state === "kept" && commitment.settledAt ? commitment.settledAt : commitment.dueAt,
    })),
    letters,
    messages,
  };
}

/** A file as the customer's browser posted it. */
export interface PostedFile {
  filename: string;
  declaredType: string;
  bytes: Uint8Array;
}

/** What the customer posted from the add-to-case form, before it is checked. */
export interface PostedAddition {
  message: string;
  transactionReference: string;
  phone: string;
  files: PostedFile[];
}

/** A checked addition: text, the answers to the acknowledgement's closed questions, and typed files. */
export interface CaseAddition {
  message: string;
  transactionReference?: string;
  /** E.164. */
  phone?: string;
  files: (PostedFile & { detectedType: string })[];
}

export type AdditionCheck =
  | { valid: true; addition: CaseAddition }
  | { valid: false; errors: AdditionError[] };

const TRANSACTION_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/-]{2,39}$/;

/**
 * Checks a post against the page's limits. A file's type is what its bytes show, never its name or the
 * type the browser sent; a file input left empty arrives as a nameless, empty part and is ignored.
 */
export function checkAddition(posted: PostedAddition, phoneRegion: CountryCode): AdditionCheck {
  const errors: AdditionError[] = [];
  const message = posted.message.replace(/\r\n?/g, "\n").trim();
  const files = posted.files
    .filter((file) => file.bytes.byteLength > 0 || file.filename !== "")
    .map((file) => ({ ...file, detectedType: sniffContentType(file.bytes) }));
  const transactionReference = posted.transactionReference.trim();
  const phoneText = posted.phone.trim();
  const phone = phoneText ? normalisePhone(phoneText, phoneRegion) : undefined;

  if (!message && !transactionReference && !phoneText && files.length === 0) errors.push("empty");
  if (message.length > ADDITION_LIMITS.maxMessageLength) errors.push("messageTooLong");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(message)) errors.push("messageTooLong");
  if (transactionReference && !TRANSACTION_REFERENCE.test(transactionReference))
    errors.push("transactionReference");
  if (phoneText && !phone) errors.push("phone");
  if (files.length > ADDITION_LIMITS.maxFiles) errors.push("tooManyFiles");
  if (files.reduce((total, file) => total + file.bytes.byteLength, 0) > ADDITION_LIMITS.maxTotalFileBytes)
    errors.push("filesTooLarge");
  const accepted: readonly string[] = ADDITION_LIMITS.fileTypes;
  if (files.some((file) => !accepted.includes(file.detectedType))) errors.push("fileType");
  if (errors.length > 0) return { valid: false, errors: [...new Set(errors)] };
  return {
    valid: true,
    addition: {
      message,
      ...(transactionReference ? { transactionReference } : {}),
      ...(phone ? { phone } : {}),
      files,
    },
  };
}

/** The details the customer gave in the page's fields, as Heed records extracted details. */
export function detailsFromAddition(addition: CaseAddition): ExtractedDetail[] {
  const details: ExtractedDetail[] = [];
  if (addition.transactionReference)
    details.push({
      field: "transaction-reference",
      value: addition.transactionReference,
      source: "case-page",
      confidence: "high",
    });
  if (addition.phone)
    details.push({ field: "phone", value: addition.phone, source: "case-page", confidence: "high" });
  return details;
}
