// Turns one post of the web contact form into exactly one outcome, as intake does for an email: a new
// case (referred and acknowledged by completeCase), a suppression when the post looks automated, or a
// refusal with its reason code. Every post leaves an intake ledger entry, and posting the same
// submission again returns the same reference instead of making a second case.

import { createHmac, timingSafeEqual } from "node:crypto";
import { defaultRetentionPolicy } from "../config/retention-policy";
import { type CaseRecord, formSubject, summarise } from "../domain/case";
import {
  ANSWER_FIELDS,
  categoryLabel,
  type FieldErrors,
  type FormDefinition,
  type FormRejectionReason,
  type FormSession,
  type FormSubmission,
  type FormSuppressionReason,
  type FormValues,
  fieldErrorCode,
  formIntakeId,
  type PostedForm,
  rejectedFormIntakeId,
} from "../domain/form-submission";
import type { IntakeEntry, IntakeOutcome } from "../domain/intake";
import type { PrivacyNotice } from "../domain/policy/privacy-notice";
import { newReference } from "../domain/reference";
import type { Confirmation } from "../domain/templates/form-page";
import { type Understanding, understand } from "../domain/understanding";
import type {
  IntakeLedger,
  RandomBytes,
  RateLimiter,
  RateLimitRule,
  ThemeLedger,
  Tombstones,
} from "../ports";
import { type CompletionDependencies, completeCase } from "./complete-case";
import { contactHistory } from "./contact-history";
import { isErasedPerson } from "./erased-person";
import { formTokenSignature, newFormSession } from "./form-session";
import { type NewCase, recordCase } from "./record-case";
import { describeFailure } from "./record-failure";

export interface FormSettings {
  /** Signs the page's render time and keys the hashes in rate-limit counters. */
  signingKey: string;
  /** Exact origins, besides the one the API was addressed at, from which the form may be posted. */
  allowedOrigins: readonly string[];
  /** A post sooner than this after the page was rendered is taken to be automated. */
  minSecondsToSubmit: number;
  postsPerIp: RateLimitRule;
  postsPerEmail: RateLimitRule;
}

export interface FormIntakeDependencies extends CompletionDependencies {
  ledger: IntakeLedger;
  themes: ThemeLedger;
  rateLimiter: RateLimiter;
  tombstones: Pick<Tombstones, "covers">;
  random: RandomBytes;
  newSubmissionId: () => string;
  form: FormDefinition;
  notice: PrivacyNotice;
  settings: CompletionDependencies["settings"] & FormSettings;
}

/** What recording a kept submission needs: no page, limits or signing key, so the reconciler has it too. */
export type FormRecordingDependencies = Pick<
  FormIntakeDependencies,
  Exclude<keyof FormIntakeDependencies, "rateLimiter" | "newSubmissionId" | "form" | "notice" | "settings">
> & { settings: CompletionDependencies["settings"] };

/** One HTTP post of the form, as the handler read it from the request. */
export interface FormPost {
  requestId: string;
  sourceIp: string;
  /** The `Origin` header, when the client sent one. */
  origin: string | undefined;
  /** The origin the request was addressed to, as API Gateway received it. */
  ownOrigin: string;
  /** The fields, read from the body at the edge, or why they could not be. */
  form: PostedForm;
}

export type FormPostResult =
  | { status: "accepted"; reference: string; confirmation: Confirmation }
  | {
      status: "rejected";
      reason: FormRejectionReason;
      fieldErrors: FieldErrors;
      unknownFields: string[];
      /** The customer's answers as typed, and a session to post them with, for the page shown again. */
      values: FormValues;
      session: FormSession;
      retryAfterSeconds?: number;
    };

/** A page left open longer than this is asked to be sent again, with a fresh token. */
const FORM_TOKEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const FORM_SOURCE = "POST /api/forms";

type TokenCheck =
  | { valid: true; ageMs: number }
  | { valid: false; reason: "invalid-form-token" | "expired-form-token" };

function checkToken(session: FormSession | undefined, now: Date, key: string): TokenCheck {
  if (!session) return { valid: false, reason: "invalid-form-token" };
  const [renderedAtText = "", signature = ""] = session.formToken.split(".");
  const renderedAt = Number(renderedAtText);
  const expected = Buffer.from(
    formTokenSignature(key, session.submissionId, renderedAt, session.noticeVersion),
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { valid: false, reason: "invalid-form-token" };
  }
  const ageMs = now.getTime() - renderedAt;
  if (ageMs > FORM_TOKEN_MAX_AGE_MS) return { valid: false, reason: "expired-form-token" };
  return { valid: true, ageMs };
}

/** A keyed hash: counters can be matched to the next request but not read back as an address. */
function pseudonym(key: string, kind: string, value: string): string {
  return createHmac("sha256", key).update(`rate-limit\n${kind}\n${value}`).digest("base64url").slice(0, 32);
}

/** IPv6 clients are counted by their /64, which one household or device usually holds whole. */
export function rateLimitNetwork(ip: string): string {
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [
        ...headGroups,
        ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill("0"),
        ...tailGroups,
      ]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

function secondsLeftInWindow(rule: RateLimitRule, now: Date): number {
  const seconds = Math.floor(now.getTime() / 1000);
  return rule.windowSeconds - (seconds % rule.windowSeconds);
}

export async function receiveFormPost(post: FormPost, deps: FormIntakeDependencies): Promise<FormPostResult> {
  const now = deps.clock.now();
  const refuse = (reason: FormRejectionReason, details: Partial<RejectionDetails> = {}) =>
    reject(post, reason, details, deps);

  if (!post.origin) return refuse("missing-origin");
  if (post.origin !== post.ownOrigin && !deps.settings.allowedOrigins.includes(post.origin)) {
    return refuse("foreign-origin");
  }
  if ("refused" in post.form) return refuse(post.form.refused);

  const validation = deps.form.validate(post.form.fields);
  const token = checkToken(validation.session, now, deps.settings.signingKey);
  const session = token.valid ? validation.session : undefined;
  if (!validation.valid) {
    const [first] = Object.entries(validation.fieldErrors);
    const reason =
      validation.unknownFields.length > 0 || !first
        ? "unknown-field"
        : fieldErrorCode(first[0] as keyof FieldErrors, first[1].kind);
    return refuse(reason, { ...validation, session });
  }
  if (!token.valid || !validation.session) {
    return refuse(token.valid ? "invalid-form-token" : token.reason, { values: validation.values });
  }

  const submission: FormSubmission = {
    ...validation.answers,
    submissionId: validation.session.submissionId,
    noticeVersion: validation.session.noticeVersion,
  };
  const automated: FormSuppressionReason | undefined = validation.honeypotFilled
    ? "honeypot"
    : token.ageMs < deps.settings.minSecondsToSubmit * 1000
      ? "too-fast"
      : undefined;
  const intakeId = formIntakeId(submission.submissionId);

  // A second post of the same submission (a double click, a refresh, a retry) finds the first one's
  // entry: it is answered with the same reference, and neither counted against the limits again.
  const existing = await deps.ledger.get(intakeId);
  if (existing) return settle(existing, submission, automated, deps);

  const limited = await exceededLimit(post, submission.email, now, deps);
  if (limited) {
    return refuse(limited.reason, { ...validation, session, retryAfterSeconds: limited.retryAfterSeconds });
  }

  // The submission goes into the ledger before the case is recorded: a form post has no raw object
  // to go back to, so this entry is what a retry after a crash records the case from.
  const entry = await deps.ledger.open({
    intakeId,
    channel: "web-form",
    receivedAt: now.toISOString(),
    proposedCaseReference: newReference("case", deps.random),
    source: FORM_SOURCE,
    ...(automated ? {} : { submission }),
  });
  return settle(entry, submission, automated, deps);
}

/** The first limit a new submission goes over, if any, and the seconds until that limit's window ends. */
async function exceededLimit(
  post: FormPost,
  email: string,
  now: Date,
  deps: FormIntakeDependencies,
): Promise<{ reason: "rate-limited-ip" | "rate-limited-email"; retryAfterSeconds: number } | undefined> {
  const { postsPerIp, postsPerEmail, signingKey } = deps.settings;
  const limits = [
    {
      reason: "rate-limited-ip",
      rule: postsPerIp,
      subject: pseudonym(signingKey, "ip", rateLimitNetwork(post.sourceIp)),
    },
    { reason: "rate-limited-email", rule: postsPerEmail, subject: pseudonym(signingKey, "email", email) },
  ] as const;
  for (const { reason, rule, subject } of limits) {
    if (!(await deps.rateLimiter.take(rule, subject, now))) {
      return { reason, retryAfterSeconds: secondsLeftInWindow(rule, now) };
    }
  }
  return undefined;
}

/**
 * The reconciler's way in for a post whose entry is past its lease without an outcome: an accepted post
 * is recorded from the submission its entry kept, exactly as a repeat post would record it; an entry
 * that kept none (an automated post, which keeps nothing) is closed as suppressed, never left silent.
 */
export async function resumeFormEntry(entry: IntakeEntry, deps: FormRecordingDependencies): Promise<void> {
  if (entry.submission) {
    await settle(entry, entry.submission, undefined, deps);
    return;
  }
  await recordWithoutCase(entry, { outcome: "suppressed", reason: "submission-not-kept" }, deps);
}

/** The one outcome of a post that makes no case: recorded in the ledger, and logged by its reason only. */
async function recordWithoutCase(
  entry: IntakeEntry,
  outcome: Extract<IntakeOutcome, { outcome: "suppressed" | "quarantined" }>,
  deps: FormRecordingDependencies,
): Promise<void> {
  await deps.ledger.recordOutcome(entry.intakeId, outcome, now(deps));
  deps.log.info("form intake recorded", { intakeId: entry.intakeId, ...outcome });
}

/**
 * Brings the submission's ledger entry to its one outcome, or reports the outcome it already has.
 * The first post's answers win: a later post of the same submission changes nothing recorded.
 */
async function settle(
  entry: IntakeEntry,
  posted: FormSubmission,
  automated: FormSuppressionReason | undefined,
  deps: FormRecordingDependencies,
): Promise<FormPostResult> {
  const submission = entry.submission ?? posted;
  const accepted = (reference: string, understood: Understood): FormPostResult => ({
    status: "accepted",
    reference,
    confirmation: confirmation(reference, submission, understood, deps),
  });
  // Whatever became of the post, the page answers as for any post: it tells nobody about a suppression,
  // an erasure or a case recorded earlier.
  const answered = async (reference: string) => {
    const history = await contactHistory(submission.email, deps.clock.now(), deps);
    return accepted(reference, understand({ ...formMessage(submission), history }, deps.policy));
  };

  if (entry.result) {
    if (entry.result.outcome !== "case-created") return answered(entry.proposedCaseReference);
    const record = await deps.cases.getCase(entry.result.caseReference);
    if (!record) return answered(entry.result.caseReference);
    await completeAfterward(record, deps);
    return accepted(record.reference, record);
  }
  if (automated && !entry.submission) {
    await recordWithoutCase(entry, { outcome: "suppressed", reason: automated }, deps);
    return answered(entry.proposedCaseReference);
  }
  // As for email: a post from a person whose data was erased waits for staff.
  if (await isErasedPerson(submission.email, entry, deps.tombstones)) {
    await recordWithoutCase(entry, { outcome: "quarantined", reason: "erased-person" }, deps);
    return answered(entry.proposedCaseReference);
  }

  const { record } = await recordCase(newFormCase(entry, submission), deps);
  await deps.ledger.recordOutcome(
    entry.intakeId,
    { outcome: "case-created", caseReference: record.reference },
    now(deps),
  );
  deps.log.info("form intake recorded", {
    intakeId: entry.intakeId,
    outcome: "case-created",
    caseReference: record.reference,
  });
  await completeAfterward(record, deps);
  return accepted(record.reference, record);
}

/**
 * Referral and acknowledgement follow the record. If either fails for now, the case stays recorded with
 * that step pending, the customer still gets their reference, and posting the submission again (or a
 * reconciler) finishes the step; completeCase never repeats a step that already happened.
 */
async function completeAfterward(record: CaseRecord, deps: FormRecordingDependencies): Promise<void> {
  try {
    await completeCase(record, deps);
  } catch (error) {
    deps.log.error("case completion deferred", {
      caseReference: record.reference,
      ...describeFailure(error),
    });
  }
}

function now(deps: Pick<FormIntakeDependencies, "clock">): string {
  return deps.clock.now().toISOString();
}

/** The post as words to understand: the customer's own fields beat anything read from the message. */
function formMessage(submission: FormSubmission): NewCase["message"] {
  return {
    channel: "web-form",
    subject: formSubject(submission.message),
    text: submission.message,
    sender: { email: submission.email, name: submission.name },
    given: {
      name: submission.name,
      phone: submission.phone,
      address: submission.address,
      postcode: submission.postcode,
      transactionReference: submission.orderReference,
      category: submission.category,
    },
  };
}

function newFormCase(entry: IntakeEntry, submission: FormSubmission): NewCase {
  return {
    entry,
    message: formMessage(submission),
    acknowledgement: { state: "pending" },
    details: {
      form: {
        submissionId: submission.submissionId,
        noticeVersion: submission.noticeVersion,
        contactPreference: submission.contactPreference,
      },
    },
    received: {
      from: submission.email,
      subject: formSubject(submission.message),
      messageId: undefined,
      inReplyTo: undefined,
      text: submission.message,
      textTruncated: false,
      rawLocation: undefined,
      fromCustomer: true,
    },
  };
}

/** What the confirmation page says the post was understood as: the case's, or the post's own reading. */
type Understood = Pick<Understanding, "classification"> & {
  referral: Pick<Understanding["referral"], "level">;
};

function confirmation(
  reference: string,
  submission: FormSubmission,
  understanding: Understood,
  deps: FormRecordingDependencies,
): Confirmation {
  const { organisation } = deps.policy;
  return {
    organisationName: organisation.name,
    reference,
    name: submission.name,
    email: submission.email,
    kind: understanding.classification.kind,
    categoryLabel: categoryLabel(understanding.classification.category),
    orderReference: submission.orderReference,
    contactPreference: submission.contactPreference,
    phone: submission.phone,
    postalAddress: [submission.address, submission.postcode].filter(Boolean).join(", ") || undefined,
    teamName: organisation.teams[understanding.referral.level],
    messageSummary: summarise(submission.message, 200),
  };
}

interface RejectionDetails {
  fieldErrors: FieldErrors;
  unknownFields: string[];
  values: FormValues;
  session: FormSession | undefined;
  retryAfterSeconds: number;
}

/** Records the refusal, with reason codes only, and hands back what the page needs to be shown again. */
async function reject(
  post: FormPost,
  reason: FormRejectionReason,
  details: Partial<RejectionDetails>,
  deps: FormIntakeDependencies,
): Promise<FormPostResult> {
  const intakeId = rejectedFormIntakeId(post.requestId);
  const fieldErrors = details.fieldErrors ?? {};
  const fieldErrorCodes: string[] = ANSWER_FIELDS.flatMap((field) => {
    const fieldError = fieldErrors[field];
    return fieldError ? [fieldErrorCode(field, fieldError.kind)] : [];
  });
  if ((details.unknownFields ?? []).length > 0) fieldErrorCodes.unshift("unknown-field");
  const at = deps.clock.now();
  await deps.ledger.recordRefusal(
    {
      intakeId,
      channel: "web-form",
      receivedAt: at.toISOString(),
      // Every entry reserves a reference; a refused post never uses it.
      proposedCaseReference: newReference("case", deps.random),
      source: FORM_SOURCE,
      result: {
        outcome: "rejected",
        reason,
        ...(fieldErrorCodes.length > 0 ? { problems: fieldErrorCodes } : {}),
        decidedAt: at.toISOString(),
      },
    },
    Math.ceil(at.getTime() / 1000) + defaultRetentionPolicy.uncasedInputDays * 86_400,
  );
  deps.log.info("form post rejected", { intakeId, reason });
  return {
    status: "rejected",
    reason,
    fieldErrors,
    unknownFields: details.unknownFields ?? [],
    values: details.values ?? {},
    session: details.session ?? newFormSession(deps),
    ...(details.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: details.retryAfterSeconds }),
  };
}
