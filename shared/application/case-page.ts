// The customer's case page: opening it from a signed link, adding to the case from it, and asking for a
// fresh link when one no longer works. An addition is an input like any other: one intake ledger entry
// with exactly one outcome (threaded into the case), the same attachment storage and reply notice as an
// emailed reply, and a timeline entry staff see at once. A link request gets the same answer whether or
// not the reference and address matched, so the page tells no one which cases exist.

import { timingSafeEqual } from "node:crypto";
import type { CaseRecord, MessageReceivedEvent } from "../domain/case";
import {
  type AdditionError,
  type CaseAddition,
  casePageCase,
  checkAddition,
  detailsFromAddition,
  type PostedAddition,
} from "../domain/case-page";
import type { IntakeEntry } from "../domain/intake";
import { normaliseEmailAddress } from "../domain/mail";
import { parseReference } from "../domain/reference";
import type { AdditionValues, CasePageView } from "../domain/templates/case-page";
import { catalogueFor } from "../domain/templates/letter-language";
import { letterValues } from "../domain/templates/letters";
import { renderMessage } from "../domain/templates/render";
import type { ExtractedDetail } from "../domain/understanding";
import type {
  AttachmentStore,
  CaseCommunicationStore,
  CustomerGivenDetails,
  IntakeLedger,
  RateLimiter,
  RateLimitRule,
} from "../ports";
import { addCaseLookups } from "./case-lookups";
import type { CasePageLinkSettings } from "./case-page-links";
import { deliver, letterheadFor, MailUnavailableError, restartQuietPeriod } from "./customer-mail";
import { reopenOnReply } from "./intake-email";
import { rateLimitNetwork } from "./intake-form";
import { noticeReply, type ReplyNoticeDependencies } from "./reply-notice";

export interface CasePageLimits {
  additionsPerCase: RateLimitRule;
  additionsPerIp: RateLimitRule;
  linkRequestsPerReference: RateLimitRule;
  linkRequestsPerAddress: RateLimitRule;
  linkRequestsPerIp: RateLimitRule;
}

export interface CasePageDependencies extends ReplyNoticeDependencies {
  casePage: CasePageLinkSettings;
  store: Pick<CaseCommunicationStore, "listCommitments">;
  givenDetails: CustomerGivenDetails;
  ledger: IntakeLedger;
  attachments: AttachmentStore;
  rateLimiter: RateLimiter;
  newId: () => string;
  limits: CasePageLimits;
}

export type CasePageAnswer =
  | { status: "shown" | "added"; view: CasePageView }
  | { status: "not-found" | "refused" | "rate-limited" | "form-expired"; view: CasePageView };

const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SOURCE = "POST /case/{token}";

function casePageIntakeId(submissionId: string): string {
  return `case-page:${submissionId}`;
}

function organisationName(deps: CasePageDependencies): string {
  return deps.policy.organisation.name;
}

/** The neutral page for any link that does not open a case: forged, expired, revoked or for no case. */
function notFound(deps: CasePageDependencies): CasePageAnswer {
  return {
    status: "not-found",
    view: {
      state: "link-request",
      catalogue: catalogueFor(undefined),
      organisationName: organisationName(deps),
      outcome: "invalid-link",
    },
  };
}

/**
 * The case a link opens, or nothing. The signature is checked against the address the case holds now,
 * so erasure (which removes the case or its address) revokes every link to it.
 */
async function caseOfLink(token: string, deps: CasePageDependencies): Promise<CaseRecord | undefined> {
  const reference = deps.casePage.tokens.caseReferenceOf(token);
  if (!reference) return undefined;
  const record = await deps.cases.getCase(reference);
  if (!record || record.anonymisedAt || !record.customer.email) return undefined;
  const reading = deps.casePage.tokens.read(token, record.customer.email, deps.clock.now());
  return reading.valid ? record : undefined;
}

async function caseView(
  record: CaseRecord,
  token: string,
  deps: CasePageDependencies,
  extra: { added?: boolean; errors?: AdditionError[]; values?: AdditionValues } = {},
): Promise<CasePageView> {
  const letterhead = letterheadFor(record, deps);
  const [timeline, commitments] = await Promise.all([
    deps.cases.timeline(record.reference),
    deps.store.listCommitments(record.reference),
  ]);
  return {
    state: "case",
    catalogue: letterhead.catalogue,
    organisationName: letterhead.organisationName,
    case: casePageCase(record, timeline, commitments, letterhead.catalogue, letterhead.teamName),
    form: { formToken: deps.casePage.tokens.formToken(token), submissionId: deps.newId() },
    ...extra,
  };
}

/** The page a link opens; with `problems`, shown again for a post refused before it could be read. */
export async function openCasePage(
  token: string,
  deps: CasePageDependencies,
  errors?: AdditionError[],
): Promise<CasePageAnswer> {
  const record = await caseOfLink(token, deps);
  if (!record) return notFound(deps);
  const view = await caseView(record, token, deps, errors ? { errors } : {});
  return { status: errors ? "refused" : "shown", view };
}

/** One post of the add-to-case form, as the handler read it. */
export interface AdditionPost extends PostedAddition {
  formToken: string;
  submissionId: string;
  sourceIp: string;
}

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function addToCase(
  token: string,
  post: AdditionPost,
  deps: CasePageDependencies,
): Promise<CasePageAnswer> {
  const record = await caseOfLink(token, deps);
  if (!record) return notFound(deps);
  const values: AdditionValues = {
    message: post.message,
    transactionReference: post.transactionReference,
    phone: post.phone,
  };
  const answer = async (status: CasePageAnswer["status"], errors: AdditionError[]) =>
    ({ status, view: await caseView(record, token, deps, { errors, values }) }) as CasePageAnswer;

  if (
    !sameToken(deps.casePage.tokens.formToken(token), post.formToken) ||
    !SUBMISSION_ID.test(post.submissionId)
  )
    return answer("form-expired", ["pageExpired"]);
  const region = deps.policy.extraction.defaultRegion as Parameters<typeof checkAddition>[1];
  const checked = checkAddition(post, region);
  if (!checked.valid) return answer("refused", checked.errors);

  const intakeId = casePageIntakeId(post.submissionId);
  // A double submit finds the first post's entry and adds nothing more.
  const existing = await deps.ledger.get(intakeId);
  if (!existing) {
    const now = deps.clock.now();
    const { tokens } = deps.casePage;
    const { additionsPerCase, additionsPerIp } = deps.limits;
    const allowed =
      (await deps.rateLimiter.take(additionsPerCase, tokens.pseudonym("case", record.reference), now)) &&
      (await deps.rateLimiter.take(
        additionsPerIp,
        tokens.pseudonym("ip", rateLimitNetwork(post.sourceIp)),
        now,
      ));
    if (!allowed) return answer("rate-limited", ["rateLimited"]);
  }
  const entry =
    existing ??
    (await deps.ledger.open({
      intakeId,
      channel: "case-page",
      receivedAt: deps.clock.now().toISOString(),
      proposedCaseReference: record.reference,
      source: SOURCE,
    }));
  if (!entry.result) await recordAddition(record, entry, checked.addition, deps);
  return { status: "added", view: await caseView(record, token, deps, { added: true }) };
}

/**
 * Files first (under keys generated from the entry, so a retry rewrites the same objects), then the
 * timeline entry, the customer's answers, a reopening, the ledger outcome, and last the reply notice and
 * the quiet period: everything before the outcome is idempotent, so a retried post finishes the job.
 */
async function recordAddition(
  record: CaseRecord,
  entry: IntakeEntry,
  addition: CaseAddition,
  deps: CasePageDependencies,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const attachments = await Promise.all(
    addition.files.map((file, index) =>
      deps.attachments.put(
        record.reference,
        `${entry.intakeId}#${index}`,
        { filename: file.filename, contentType: file.declaredType, size: file.bytes.byteLength },
        (async function* () {
          yield file.bytes;
        })(),
      ),
    ),
  );
  const received: MessageReceivedEvent = {
    type: "message-received",
    caseReference: record.reference,
    eventId: `received:${entry.intakeId}`,
    at,
    channel: "case-page",
    from: record.customer.email,
    subject: record.subject,
    messageId: undefined,
    inReplyTo: undefined,
    text: additionText(addition, record),
    textTruncated: false,
    rawLocation: undefined,
    attachments,
    fromCustomer: true,
  };
  await deps.cases.appendEvent(received);
  const given = detailsFromAddition(addition);
  if (given.length > 0) await recordAnswers(record, addition, given, at, deps);
  if (record.status !== "open" && deps.intakePolicy.reopenClosedCaseOnReply)
    await reopenOnReply(record, entry, at, deps);
  await deps.ledger.recordOutcome(
    entry.intakeId,
    { outcome: "threaded", caseReference: record.reference },
    at,
  );
  deps.log.info("intake recorded", {
    intakeId: entry.intakeId,
    outcome: "threaded",
    caseReference: record.reference,
    attachments: attachments.length,
  });
  try {
    await noticeReply(record.reference, received.eventId, deps);
    await restartQuietPeriod({ ...record, status: "open" }, at, deps);
  } catch (error) {
    // The addition is recorded; the notice is a courtesy that a failing mail service must not undo.
    if (!(error instanceof MailUnavailableError)) throw error;
    deps.log.warn("reply notice deferred", {
      caseReference: record.reference,
      reason: "mail-service-unavailable",
    });
  }
}

/** The message as staff read it on the timeline, with the answers given in fields after it. */
function additionText(addition: CaseAddition, record: CaseRecord): string {
  const catalogue = catalogueFor(record.language).casePage;
  return [
    addition.message,
    addition.transactionReference
      ? `${catalogue.transactionReferenceLabel}: ${addition.transactionReference}`
      : "",
    addition.phone ? `${catalogue.phoneLabel}: ${addition.phone}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

async function recordAnswers(
  record: CaseRecord,
  addition: CaseAddition,
  given: ExtractedDetail[],
  at: string,
  deps: CasePageDependencies,
): Promise<void> {
  const known = new Set(
    record.extracted.map((detail) => `${detail.field}\n${detail.value}\n${detail.source}`),
  );
  const extracted = [
    ...record.extracted,
    ...given.filter((detail) => !known.has(`${detail.field}\n${detail.value}\n${detail.source}`)),
  ];
  const transactionReferences = [
    ...new Set([
      ...record.transactionReferences,
      ...(addition.transactionReference ? [addition.transactionReference] : []),
    ]),
  ];
  await deps.givenDetails.recordGivenDetails(
    record.reference,
    { extracted, transactionReferences, ...(addition.phone ? { phone: addition.phone } : {}) },
    at,
  );
  await addCaseLookups(
    {
      ...record,
      extracted,
      transactionReferences,
      customer: { ...record.customer, phone: addition.phone ?? record.customer.phone },
    },
    deps.cases,
  );
}

export interface LinkRequest {
  reference: string;
  email: string;
  sourceIp: string;
}

/**
 * Sends a fresh link to the address on the case when the reference and address match it. The answer
 * is "sent" whether they matched or not; only a malformed request or a rate limit is said to be so, and
 * both are decided before the case is looked up.
 */
export async function requestFreshLink(
  request: LinkRequest,
  deps: CasePageDependencies,
): Promise<CasePageAnswer> {
  const email = normaliseEmailAddress(request.email);
  const parsed = parseReference(request.reference);
  const values = { reference: request.reference, email: request.email };
  const view = (outcome: "sent" | "problem" | "limited"): CasePageView => ({
    state: "link-request",
    catalogue: catalogueFor(undefined),
    organisationName: organisationName(deps),
    outcome,
    ...(outcome === "sent" ? {} : { values }),
  });
  if (!parsed.valid || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
    return { status: "refused", view: view("problem") };

  const now = deps.clock.now();
  const { tokens } = deps.casePage;
  const { linkRequestsPerIp, linkRequestsPerReference, linkRequestsPerAddress } = deps.limits;
  const limits: [RateLimitRule, string][] = [
    [linkRequestsPerIp, tokens.pseudonym("ip", rateLimitNetwork(request.sourceIp))],
    [linkRequestsPerReference, tokens.pseudonym("case", parsed.reference)],
    [linkRequestsPerAddress, tokens.pseudonym("email", email)],
  ];
  for (const [rule, subject] of limits) {
    if (!(await deps.rateLimiter.take(rule, subject, now)))
      return { status: "rate-limited", view: view("limited") };
  }

  const record = await deps.cases.getCase(parsed.reference);
  if (record && !record.anonymisedAt && record.customer.email === email) {
    await sendFreshLink(record, deps);
  } else {
    deps.log.info("case page link not sent", { reason: "no-match" });
  }
  return { status: "shown", view: view("sent") };
}

async function sendFreshLink(record: CaseRecord, deps: CasePageDependencies): Promise<void> {
  const letterhead = letterheadFor(record, deps);
  const rendered = renderMessage(letterhead.catalogue, "case-page-link", letterValues(record, letterhead));
  try {
    await deliver(
      record,
      {
        purpose: "case-page-link",
        eventId: `case-page-link:${deps.newId()}`,
        rendered,
        automatic: "auto-generated",
      },
      deps,
      await deps.cases.timeline(record.reference),
    );
  } catch (error) {
    // The answer stays the same; the customer can ask again once the mail service is back.
    if (!(error instanceof MailUnavailableError)) throw error;
    deps.log.warn("case page link not sent", {
      caseReference: record.reference,
      reason: "mail-service-unavailable",
    });
  }
}
