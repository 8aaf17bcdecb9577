// Every message to a customer takes this one path: the promise and tone check over Heed's and staff's
// words, the mail headers (one recipient, threading to the customer's latest message, Auto-Submitted only
// on automatic messages), the one mailer, and then the record: the message on the timeline with the
// Message-ID SES gave it (and a lookup, so replies thread), and the quiet period restarted.

import { defaultCommunicationPolicy } from "../config/communication-policy";
import type { CaseRecord, LetterPurpose, TimelineEvent } from "../domain/case";
import { type DueItem, quietPeriodItem } from "../domain/follow-ups";
import { allowedPhrases, type CommunicationPolicy, teamName } from "../domain/policy/communication-policy";
import type { Policy } from "../domain/policy/organisation-policy";
import { checkPromisesAndTone, type Finding } from "../domain/promise-check";
import { LOOP_HEADER } from "../domain/screening";
import { withCasePageLink } from "../domain/templates/case-page";
import { catalogueFor } from "../domain/templates/letter-language";
import type { Letterhead } from "../domain/templates/letters";
import type { RenderedMessage } from "../domain/templates/render";
import {
  type CaseCommunicationStore,
  type CaseStore,
  type Clock,
  type DueItems,
  type Log,
  type Mailer,
  MailRecipientNotVerifiedError,
  MailRejectedError,
  MailSuppressedError,
  type OutboundLetter,
} from "../ports";
import { type CasePageLinkSettings, casePageLink } from "./case-page-links";

/** Where contact, commitments and due items are kept; without them no quiet period is started. */
export interface FollowUpDependencies {
  store: CaseCommunicationStore;
  dueItems: DueItems;
}

export interface CustomerMailDependencies {
  cases: CaseStore;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  policy: Policy;
  /** Defaults to the repository's communication-policy.json. */
  communication?: CommunicationPolicy;
  followUps?: FollowUpDependencies;
  settings: { intakeAddress: string };
  /** When set, every letter closes with a signed link to the customer's case page. */
  casePage?: CasePageLinkSettings;
}

/** How the message relates to the conversation: automatic replies carry Auto-Submitted, staff letters do not. */
export type Automatic = "auto-replied" | "auto-generated" | undefined;

export interface Letter {
  purpose: LetterPurpose;
  /** Stable per message, so a retried send records the same timeline entry. */
  eventId: string;
  rendered: RenderedMessage;
  automatic: Automatic;
  /** The member of staff who wrote it. */
  sentBy?: string;
  /**
   * Sending it starts the quiet period: the nudge at its end is written with the letter's event. The
   * caller records the contact, as of the delivery's `sentAt`.
   */
  startsQuietPeriod?: boolean;
  /** Whether the customer's address is suppressed, as the caller read it just before; left out, the mailer reads it. */
  recipientSuppressed?: boolean;
}

/**
 * The mail service failed before it accepted the letter (throttling, an outage): nothing was sent, so
 * the caller may try again. A failure after the letter was accepted is never this error.
 */
export class MailUnavailableError extends Error {
  override name = "MailUnavailableError";
}

export type LetterNotSentReason =
  | "promise-check"
  | "rejected-by-mail-service"
  | "address-suppressed"
  /** The SES account is in the SES sandbox and the customer's address is not verified there. */
  | "recipient-not-verified"
  /** The mail service failed for a while; the action the letter reported on stands. */
  | "mail-service-unavailable";

export type Delivery =
  | { sent: true; messageId: string; sentAt: string }
  | { sent: false; reason: LetterNotSentReason; findings?: Finding[] };

export function communicationOf(deps: Pick<CustomerMailDependencies, "communication">): CommunicationPolicy {
  return deps.communication ?? defaultCommunicationPolicy;
}

/** The letterhead in the customer's language, naming the team the case is with. */
export function letterheadFor(
  record: CaseRecord,
  deps: Pick<CustomerMailDependencies, "policy" | "communication">,
): Letterhead {
  const catalogue = catalogueFor(record.language);
  return {
    catalogue,
    organisationName: deps.policy.organisation.name,
    teamName: teamName(record.referral.level, catalogue.language, deps.policy, communicationOf(deps)),
  };
}

/** The customer's latest message Heed has an id for: replies go under it, and the first one heads the thread. */
export function threadingHeaders(
  record: CaseRecord,
  timeline?: readonly TimelineEvent[],
): Record<string, string> {
  const fromCustomer = (timeline ?? [])
    .filter((event) => event.type === "message-received" && event.fromCustomer && event.messageId)
    .map((event) => (event.type === "message-received" ? event.messageId : undefined))
    .filter((id): id is string => id !== undefined);
  const latest = fromCustomer.at(-1) ?? record.inboundMessageId;
  if (!latest) return {};
  const chain = [...new Set([record.inboundMessageId, latest].filter((id): id is string => !!id))];
  return { "In-Reply-To": `<${latest}>`, References: chain.map((id) => `<${id}>`).join(" ") };
}

function headersFor(record: CaseRecord, letter: Letter, timeline?: readonly TimelineEvent[]) {
  return {
    ...(letter.automatic ? { "Auto-Submitted": letter.automatic, "X-Auto-Response-Suppress": "All" } : {}),
    [LOOP_HEADER]: record.reference,
    ...threadingHeaders(record, timeline),
  };
}

/**
 * Checks, sends and records one letter. A letter that fails the check, or that the mail service refuses
 * for good, is recorded as not sent (and the case flagged: the customer was not informed); a passing
 * fault of the mail service is thrown as MailUnavailableError, so the caller can try again.
 */
export async function deliver(
  record: CaseRecord,
  letter: Letter,
  deps: CustomerMailDependencies,
  timeline?: readonly TimelineEvent[],
): Promise<Delivery> {
  const rendered = deps.casePage
    ? withCasePageLink(
        letter.rendered,
        catalogueFor(letter.rendered.language),
        casePageLink(record, deps.casePage, deps.clock.now()),
      )
    : letter.rendered;
  const findings = checkPromisesAndTone(
    rendered.checkedText,
    allowedPhrases(deps.policy, communicationOf(deps)),
  );
  if (findings.length > 0) {
    await recordLetterNotSent(record, letter, "promise-check", deps);
    deps.log.error("letter blocked by the promise check", {
      caseReference: record.reference,
      template: letter.rendered.templateId,
      findings: findings.map((finding) => finding.kind),
    });
    return { sent: false, reason: "promise-check", findings };
  }

  const outbound: OutboundLetter = {
    from: deps.settings.intakeAddress,
    to: record.customer.email,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    headers: headersFor(record, letter, timeline),
    ...(letter.recipientSuppressed === undefined ? {} : { recipientSuppressed: letter.recipientSuppressed }),
  };
  let sent: { providerMessageId: string; messageId: string };
  try {
    sent = await deps.mailer.send(outbound);
  } catch (error) {
    if (!(error instanceof MailRejectedError))
      throw new MailUnavailableError("the mail service did not accept the letter", { cause: error });
    const reason = letterNotSentReasonOf(error);
    await recordLetterNotSent(record, letter, reason, deps);
    deps.log.warn("letter not sent", { caseReference: record.reference, purpose: letter.purpose, reason });
    return { sent: false, reason };
  }

  const at = deps.clock.now().toISOString();
  // The letter on the timeline and findable by its Message-ID, so a reply threads: one step, written together.
  const sentEvent: TimelineEvent = {
    type: "message-sent",
    caseReference: record.reference,
    eventId: letter.eventId,
    at,
    purpose: letter.purpose,
    to: outbound.to,
    subject: outbound.subject,
    text: outbound.text,
    headers: outbound.headers,
    messageId: sent.messageId,
    providerMessageId: sent.providerMessageId,
    template: rendered.templateId,
    language: rendered.language,
    ...(letter.sentBy ? { sentBy: letter.sentBy } : {}),
  };
  await deps.cases.addToCase(record.reference, {
    events: [sentEvent],
    lookups: [{ kind: "message-id", value: sent.messageId }],
    // The letter was sent once, by this caller: its nudge, keyed by its time, is new.
    dueItems: letter.startsQuietPeriod ? quietPeriodNudge(record, at, deps) : [],
  });
  deps.log.info("letter sent", { caseReference: record.reference, purpose: letter.purpose });
  return { sent: true, messageId: sent.messageId, sentAt: at };
}

/**
 * The customer heard from us at `at`: the quiet period starts again from here. Cases that are no longer
 * open need no nudge.
 */
export async function restartQuietPeriod(record: CaseRecord, at: string, deps: CustomerMailDependencies) {
  if (!deps.followUps) return;
  await deps.followUps.store.noteContact(record.reference, at);
  await scheduleQuietPeriod(record, at, deps);
}

/**
 * The nudge at the end of the quiet period that a contact at `at` starts, for an open case. The nudge
 * says nothing unless `at` is still the case's last contact, so it may be scheduled ahead of the write
 * that records the contact.
 */
export async function scheduleQuietPeriod(record: CaseRecord, at: string, deps: CustomerMailDependencies) {
  for (const nudge of quietPeriodNudge(record, at, deps)) await deps.followUps?.dueItems.schedule(nudge);
}

/** The nudge that a contact at `at` starts, when there is one: none without follow-ups or for a closed case. */
function quietPeriodNudge(record: CaseRecord, at: string, deps: CustomerMailDependencies): DueItem[] {
  if (!deps.followUps || record.status !== "open") return [];
  const { quietPeriod, workingWeek } = communicationOf(deps);
  return [quietPeriodItem(record.reference, at, new Date(at), quietPeriod.workingDays, workingWeek)];
}

function letterNotSentReasonOf(error: MailRejectedError): LetterNotSentReason {
  if (error instanceof MailSuppressedError) return "address-suppressed";
  if (error instanceof MailRecipientNotVerifiedError) return "recipient-not-verified";
  return "rejected-by-mail-service";
}

const LETTER_NOT_SENT_DETAIL: Record<LetterNotSentReason, string> = {
  "promise-check": "a message to the customer was held back by the promise and tone check",
  "mail-service-unavailable": "a message to the customer could not be sent: the mail service was unavailable",
  "rejected-by-mail-service": "a message to the customer could not be sent to their address",
  "address-suppressed": "a message to the customer could not be sent to their address",
  "recipient-not-verified":
    "SES sandbox: recipient not verified. The SES account can only send to verified addresses until it has production access",
};

/** The letter is on the timeline as not sent, and the case flagged: the customer was not informed. */
export async function recordLetterNotSent(
  record: CaseRecord,
  letter: Letter,
  reason: LetterNotSentReason,
  deps: CustomerMailDependencies,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.cases.appendEvent({
    type: "message-not-sent",
    caseReference: record.reference,
    eventId: letter.eventId,
    at,
    purpose: letter.purpose,
    reason,
    ...(letter.sentBy ? { sentBy: letter.sentBy } : {}),
  });
  await deps.cases.setFlag(record.reference, "customer-not-informed", {
    at,
    detail: LETTER_NOT_SENT_DETAIL[reason],
  });
}
