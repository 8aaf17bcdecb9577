// The case: what Heed records for every customer problem, and the timeline of everything that happened to it.
// Plain data and pure functions only; stores and queues live behind the ports.

import type { AttachmentRecord } from "./attachments";
import type { ExtractedDetail } from "./extraction/detail";
import type { Finding } from "./promise-check";
import { truncateText } from "./stored-text";

export const REFERRAL_LEVELS = ["frontline", "supervisor", "management", "head-office"] as const;
export type ReferralLevel = (typeof REFERRAL_LEVELS)[number];

export const CASE_KINDS = ["complaint", "problem", "request", "query", "compliment"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** How an input reached Heed; `case-page` is the customer adding to their case from its page. */
export type Channel = "email" | "web-form" | "staff" | "case-page";
export type CaseStatus = "open" | "resolved" | "closed-unresolved";
export type LikelyCause = "expectation-gap" | "system-or-procedure-failure" | "unknown";

/** pending → sending → sent | failed; `not-required` when screening decided no reply may go out. */
export type AcknowledgementState = "pending" | "sending" | "sent" | "failed" | "not-required";
export type ReferralState = "pending" | "sent";

export interface Evidence {
  rule: string;
  matched: string;
}

export interface Classification {
  kind: CaseKind;
  category: string;
  cause: LikelyCause;
  signals: string[];
  evidence: Evidence[];
}

export interface CustomerDetails {
  name: string | undefined;
  email: string;
  phone: string | undefined;
  address: string | undefined;
  postcode: string | undefined;
}

export interface Referral {
  level: ReferralLevel;
  reasonCode: string;
  reason: string;
  state: ReferralState;
  sentAt?: string;
  /** Set when a colleague re-referred the case: who did, and the id its referral message carries. */
  referredBy?: string;
  referralId?: string;
}

export interface Acknowledgement {
  state: AcknowledgementState;
  reason?: string;
  messageId?: string;
  sentAt?: string;
  /** When the current `sending` claim was taken: past a lease, the reconciler settles it as unknown. */
  claimedAt?: string;
}

/** Something staff should know at a glance, with when it was noticed and a short detail. */
export type CaseFlagCode =
  | "possible-spoof"
  | "customer-not-informed"
  | "invalid-reference-quoted"
  | "reply-from-other-sender"
  | "unauthenticated-sender";

export interface CaseFlag {
  at: string;
  detail: string;
}

export interface CaseRecord {
  reference: string;
  customerReference: string;
  channel: Channel;
  status: CaseStatus;
  createdAt: string;
  updatedAt: string;
  customer: CustomerDetails;
  subject: string;
  summary: string;
  transactionReferences: string[];
  /** Every detail Heed took from the message, with where it came from. */
  extracted: ExtractedDetail[];
  classification: Classification;
  referral: Referral;
  acknowledgement: Acknowledgement;
  intakeId: string;
  inboundMessageId: string | undefined;
  /** Set when a member of staff forwarded the customer's message to the intake address. */
  forwardedBy?: string;
  customerType?: "internal" | "external";
  identifiedBy?: "customer" | "staff";
  /** BCP-47 code of the language the customer wrote in; acknowledgements follow it where a template exists. */
  language?: string;
  wants?: string[];
  amountClaimed?: number;
  topics?: string[];
  /** Adjustments the customer asked for in how we deal with them (a phone call, large print, one contact…). */
  adjustments?: string[];
  /** For web-form cases: the privacy notice the customer was shown and how they asked to be contacted. */
  form?: { submissionId: string; noticeVersion: string; contactPreference: "email" | "phone" | "post" };
  /** The customer's other cases in the repeat-contact window when this one was recorded ("third in 10 days"). */
  repeatContact?: { recentCases: number; windowDays: number };
  flags: Partial<Record<CaseFlagCode, CaseFlag>>;
  /** When the case was resolved or closed unresolved: its retention period counts from here. */
  closedAt?: string;
  /** Kept past its retention period, and not erased, until the hold is lifted. */
  legalHold?: LegalHold;
  /** Set when retention or erasure removed everything personal: only classification and dates remain. */
  anonymisedAt?: string;
  /** Epoch seconds after which DynamoDB TTL removes the case: the backstop should the retention purge not run. */
  expiresAt?: number;
  /** When Heed last sent the customer a message; the quiet-period nudge counts working days from here. */
  lastContactAt?: string;
  /** How the case ended: resolved (what was agreed) or unresolved (why, and where else to get help). */
  outcome?: CaseOutcome;
  /** The customer's answer to the feedback request that came with the resolved outcome. */
  feedback?: CaseFeedback;
  /** The member of staff who took the case on, and when. */
  claim?: StaffClaim;
  /** When a member of staff first acted on the case (claimed, noted, corrected, re-referred, offered). */
  firstStaffActionAt?: string;
  /** Staff corrections of what Heed understood; the case holds the corrected value, each entry the original. */
  corrections?: Correction[];
  /** Regulated complaint handling: the payment-services attribute, the regulated letters sent, pauses. */
  complaintHandling?: ComplaintHandling;
}

export interface StaffClaim {
  by: string;
  at: string;
}

/** Details staff may correct; the customer's email address identifies them and is not among them. */
export const CORRECTABLE_DETAILS = ["name", "phone", "address", "postcode", "transaction-reference"] as const;
export type CorrectableDetail = (typeof CORRECTABLE_DETAILS)[number];
export type CorrectedField = CorrectableDetail | "kind" | "category" | "cause" | "signals";

export interface Correction {
  field: CorrectedField;
  /** What Heed had before the correction; undefined when it had nothing. */
  original: string | undefined;
  corrected: string;
  reason: string;
  by: string;
  at: string;
}

const NO_SIGNALS = "none";

/** How a signals correction keeps the signals before and after: in order, comma-separated, or "none". */
export function correctedSignalsText(signals: readonly string[]): string {
  return [...signals].sort().join(", ") || NO_SIGNALS;
}

/** The signals a signals correction's before or after names. */
export function signalsInCorrection(text: string | undefined): string[] {
  return !text || text === NO_SIGNALS ? [] : text.split(", ");
}

interface TimelineBase {
  caseReference: string;
  /** Stable per event, so a retried step rewrites the same entry instead of adding a second one. */
  eventId: string;
  at: string;
}

export interface MessageReceivedEvent extends TimelineBase {
  type: "message-received";
  channel: Channel;
  from: string;
  /** The display name the sender's address came with, as written (shown beside the address, never alone). */
  fromName?: string;
  subject: string;
  messageId: string | undefined;
  inReplyTo: string | undefined;
  text: string;
  textTruncated: boolean;
  rawLocation: string | undefined;
  attachments: AttachmentRecord[];
  /** False when a reply came from an address that is not the case's customer: attached, not trusted. */
  fromCustomer: boolean;
  /** The sender failed SPF or DMARC: kept, but not taken as the customer's answer. */
  possibleSpoof?: boolean;
}

/** Why Heed wrote to the customer. */
export type LetterPurpose =
  | "acknowledgement"
  | "reply-notice"
  | "progress-update"
  | "options-proposal"
  | "outcome-resolved"
  | "outcome-unresolved"
  /** A fresh link to the case page, sent because the customer asked for one. */
  | "case-page-link"
  | "regulated-letter";

export interface LetterSentEvent extends TimelineBase {
  type: "message-sent";
  purpose: LetterPurpose;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  messageId: string;
  providerMessageId: string;
  /** The catalogue message and language the letter was written from. */
  template?: string;
  language?: string;
  /** The member of staff who wrote it; absent for automatic messages. */
  sentBy?: string;
}

export interface LetterNotSentEvent extends TimelineBase {
  type: "message-not-sent";
  purpose: LetterPurpose;
  reason: string;
  sentBy?: string;
}

/** A phrase the promise and tone check caught, and which part of what staff wrote it is in. */
export interface BlockedPhrase extends Finding {
  field: string;
}

/** Staff asked Heed to send something that promised, blamed or dismissed: it was not sent. */
export interface LetterBlockedEvent extends TimelineBase {
  type: "message-blocked";
  purpose: LetterPurpose;
  by: string;
  /** The role the colleague acted in (their level or `admin`). */
  role?: string;
  findings: BlockedPhrase[];
}

export interface CommitmentRecordedEvent extends TimelineBase {
  type: "commitment-recorded";
  commitmentId: string;
  description: string;
  dueAt: string;
  owner: string;
  by: string;
  /** The role the colleague acted in (their level or `admin`). */
  role?: string;
}

export interface CommitmentKeptEvent extends TimelineBase {
  type: "commitment-kept";
  commitmentId: string;
  by: string;
  /** The role the colleague acted in (their level or `admin`). */
  role?: string;
  note?: string;
}

/** The owner was reminded (through the case's referral queue) that a commitment falls due soon. */
export interface CommitmentReminderEvent extends TimelineBase {
  type: "commitment-reminder";
  commitmentId: string;
  dueAt: string;
  owner: string;
  level: ReferralLevel;
}

/** A commitment was still open when it fell due; it went to the supervisors' queue. */
export interface CommitmentMissedEvent extends TimelineBase {
  type: "commitment-missed";
  commitmentId: string;
  dueAt: string;
  owner: string;
  level: ReferralLevel;
}

/** The customer had heard nothing from us for the quiet period; the case's team was nudged. */
export interface QuietPeriodNudgeEvent extends TimelineBase {
  type: "quiet-period-nudge";
  lastContactAt: string;
  workingDays: number;
  level: ReferralLevel;
}

export interface OptionsProposedEvent extends TimelineBase {
  type: "options-proposed";
  proposalId: string;
  options: ProposedOption[];
  by: string;
  /** The role the colleague acted in (their level or `admin`). */
  role?: string;
}

/** The customer's choice among proposed options, as staff recorded it. */
export interface OptionChosenEvent extends TimelineBase {
  type: "option-chosen";
  proposalId: string;
  optionId: string;
  label: string;
  by: string;
  /** The role the colleague acted in (their level or `admin`). */
  role?: string;
  note?: string;
}

export interface OutcomeRecordedEvent extends TimelineBase {
  type: "outcome-recorded";
  outcome: CaseOutcome;
}

export interface FeedbackReceivedEvent extends TimelineBase {
  type: "feedback-received";
  feedback: CaseFeedback;
}

/**
 * Mail feedback: SES reported that a letter bounced or that the customer reported it as spam. Stored as
 * `delivery-problem`, with `complaint` (SES's word) for a spam report.
 */
export interface MailFeedbackEvent extends TimelineBase {
  type: "delivery-problem";
  messageId: string;
  problem: "bounce" | "complaint";
  /** SES's bounce type: `Permanent`, `Transient` or `Undetermined`. */
  bounceType?: string;
  /** True when Heed will send nothing more to the address. */
  addressSuppressed: boolean;
}

export interface ReferredEvent extends TimelineBase {
  type: "referred";
  level: ReferralLevel;
  reasonCode: string;
  reason: string;
}

export interface CaseReopenedEvent extends TimelineBase {
  type: "reopened";
  reason: string;
}

/** A delivery report mailed back to the intake address named a letter we sent: it bounced. */
export interface DeliveryReportEvent extends TimelineBase {
  type: "delivery-failed";
  messageId: string;
  reportIntakeId: string;
}

/** A referral or a repeated-theme alert was emailed to the team of its level; one event per notification id. */
export interface StaffNotifiedEvent extends TimelineBase {
  type: "staff-notified";
  notification: "referral" | "repeated-theme";
  /** The referral id (`case#level`) or the repeated-theme alert id. */
  notificationId: string;
  level: ReferralLevel;
  to: string;
  /** Cases the email covered: more than one for a digest. */
  caseCount: number;
  messageId: string;
}

/** What every staff action records: who acted, and at which level (or `admin`) they acted. */
interface StaffActionBase extends TimelineBase {
  by: string;
  role: string;
}

export interface CaseClaimedEvent extends StaffActionBase {
  type: "claimed";
  /** The colleague who held the case before, when it was taken over. */
  previous?: string;
}

export interface NoteAddedEvent extends StaffActionBase {
  type: "note-added";
  text: string;
}

export interface ReReferredEvent extends StaffActionBase {
  type: "re-referred";
  fromLevel: ReferralLevel;
  level: ReferralLevel;
  reason: string;
  referralId: string;
}

export interface DetailCorrectedEvent extends StaffActionBase {
  type: "detail-corrected";
  correction: Correction;
}

export interface ClassificationCorrectedEvent extends StaffActionBase {
  type: "classification-corrected";
  corrections: Correction[];
}

/** A refund or goodwill gesture agreed within the authority of the colleague who agreed it (resolve 1.4). */
export interface OfferAgreedEvent extends StaffActionBase {
  type: "offer-agreed";
  offer: "refund" | "goodwill";
  amount: number;
  currency: string;
  description: string;
  /** The authority check, in a sentence: "A refund of £40.00 is within the £50.00 that frontline staff may agree." */
  authority: string;
}

/** A regulated letter went to the customer and stopped (or lengthened) the named complaint clocks. */
export interface RegulatedLetterSentEvent extends StaffActionBase {
  type: "regulated-letter-sent";
  letterId: string;
  label: string;
  /** The message-sent event of the letter itself. */
  messageEventId: string;
  decision?: string;
  redress?: { amount: number; currency: string; description: string };
  stopsClocks: string[];
  extendsClocks: string[];
}

/** A complaint clock was about to run out: the case's level and the supervisors were warned. */
export interface ComplaintClockWarningEvent extends TimelineBase {
  type: "complaint-clock-warning";
  clockId: string;
  dueAt: string;
  levels: ReferralLevel[];
}

/** A complaint clock ran out with nothing sent to stop it: management was told. */
export interface ComplaintClockBreachEvent extends TimelineBase {
  type: "complaint-clock-breach";
  clockId: string;
  dueAt: string;
  level: ReferralLevel;
}

/** Staff said whether the complaint is about payment services, which chooses its clock. */
export interface PaymentServicesSetEvent extends StaffActionBase {
  type: "payment-services-set";
  paymentServices: boolean;
}

/** Staff paused the complaint's clocks that pause for the reason (waiting for the customer's information). */
export interface ComplaintClocksPausedEvent extends StaffActionBase {
  type: "complaint-clocks-paused";
  reason: string;
  /** What the organisation is waiting for, in the colleague's words. */
  waitingFor: string;
  clocks: string[];
}

/** Staff resumed the paused clocks; each runs on to a deadline moved by the days it was held. */
export interface ComplaintClocksResumedEvent extends StaffActionBase {
  type: "complaint-clocks-resumed";
  pausedSince: string;
  clocks: { clockId: string; dueAt: string; pausedDays: number }[];
}

export type TimelineEvent =
  | MessageReceivedEvent
  | LetterSentEvent
  | LetterNotSentEvent
  | ReferredEvent
  | CaseReopenedEvent
  | DeliveryReportEvent
  | LetterBlockedEvent
  | CommitmentRecordedEvent
  | CommitmentKeptEvent
  | CommitmentReminderEvent
  | CommitmentMissedEvent
  | QuietPeriodNudgeEvent
  | OptionsProposedEvent
  | OptionChosenEvent
  | OutcomeRecordedEvent
  | FeedbackReceivedEvent
  | MailFeedbackEvent
  | StaffNotifiedEvent
  | CaseClaimedEvent
  | NoteAddedEvent
  | ReReferredEvent
  | DetailCorrectedEvent
  | ClassificationCorrectedEvent
  | OfferAgreedEvent
  | RegulatedLetterSentEvent
  | ComplaintClockWarningEvent
  | ComplaintClockBreachEvent
  | PaymentServicesSetEvent
  | ComplaintClocksPausedEvent
  | ComplaintClocksResumedEvent;

/** Text kept on the case item; the full message stays in the raw-mail bucket. */
export const MAX_STORED_TEXT = 16_000;

export function summarise(text: string, length = 280): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= length ? flat : `${truncateText(flat, length - 1).trimEnd()}…`;
}

/** A form has no subject line; the start of the message stands in for one, as staff see it in lists. */
export function formSubject(message: string): string {
  return summarise(message, 78);
}

// The parts of the record that other modules work on: how the case ended and what the customer thought
// of it (outcomes.ts), a legal hold (retention.ts), and what regulated handling records (complaint-clocks.ts).

export interface ProposedOption {
  /** `1`, `2`… in the order staff listed them, so the customer can answer "option 2". */
  optionId: string;
  label: string;
  detail?: string;
  /** The refund or goodwill the option offers, checked against the proposer's authority. */
  money?: AgreedMoney;
}

/** A refund or goodwill amount given as a field (never only in free text), in the organisation's currency. */
export interface AgreedMoney {
  type: "refund" | "goodwill";
  amount: number;
  currency: string;
}

export type OutcomeType = "resolved" | "unresolved";

export interface CaseOutcome {
  outcomeId: string;
  type: OutcomeType;
  at: string;
  /** The member of staff who recorded it, and the role they acted in. */
  by: string;
  role?: string;
  /** Resolved: the refund or goodwill agreed, checked against the colleague's authority. */
  money?: AgreedMoney;
  /** Resolved: what was agreed with the customer. */
  agreed?: string;
  /** Unresolved: why the problem could not be resolved. */
  reasons?: string;
  /** Unresolved: ids of the outside-help entries the customer was referred to. */
  outsideHelp?: string[];
  /** Resolved: the feedback link works until this time. */
  feedbackUntil?: string;
}

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

export interface CaseFeedback {
  outcomeId: string;
  rating: Rating;
  comment?: string;
  at: string;
}

export interface LegalHold {
  by: string;
  at: string;
  /** Why the data must be kept (a claim, an ombudsman referral, an investigation); no personal data. */
  reason: string;
}

/** Why staff may pause a complaint's clocks: waiting for information only the customer can supply. */
export const PAUSE_REASONS = ["awaiting-customer-information"] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** A time the complaint's clocks were held, from when staff paused them until they resumed them. */
export interface ClockPause {
  reason: PauseReason;
  from: string;
  until?: string;
}

/** What regulated handling records on a complaint: its payment-services attribute, the letters sent, pauses. */
export interface ComplaintHandling {
  paymentServices?: boolean;
  letters?: { letterId: string; at: string }[];
  pauses?: ClockPause[];
}
