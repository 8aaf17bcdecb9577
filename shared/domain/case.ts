// The case: what Heed records for every customer problem, and the timeline of everything that happened to it.
// Plain data and pure functions only; stores and queues live behind the ports.

import type { AttachmentRecord } from "./attachments";
import type { ExtractedDetail } from "./understanding";

export const REFERRAL_LEVELS = ["frontline", "supervisor", "management", "head-office"] as const;
export type ReferralLevel = (typeof REFERRAL_LEVELS)[number];

export const CASE_KINDS = ["complaint", "problem", "request", "query", "compliment"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export type Channel = "email" | "web-form" | "staff";
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
}

export interface Acknowledgement {
  state: AcknowledgementState;
  reason?: string;
  messageId?: string;
  sentAt?: string;
}

/** Something staff should know at a glance, with when it was noticed and a short detail. */
export type CaseFlagCode =
  | "possible-spoof"
  | "customer-not-informed"
  | "invalid-reference-quoted"
  | "reply-from-other-sender";

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
  /** For web-form cases: the privacy notice the customer was shown and how they asked to be contacted. */
  form?: { submissionId: string; noticeVersion: string; contactPreference: "email" | "phone" | "post" };
  /** The customer's other cases in the repeat-contact window when this one was recorded ("third in 10 days"). */
  repeatContact?: { recentCases: number; windowDays: number };
  flags: Partial<Record<CaseFlagCode, CaseFlag>>;
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
  subject: string;
  messageId: string | undefined;
  inReplyTo: string | undefined;
  text: string;
  textTruncated: boolean;
  rawLocation: string | undefined;
  attachments: AttachmentRecord[];
  /** False when a reply came from an address that is not the case's customer: attached, not trusted. */
  fromCustomer: boolean;
}

export interface MessageSentEvent extends TimelineBase {
  type: "message-sent";
  purpose: "acknowledgement";
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  messageId: string;
  providerMessageId: string;
}

export interface MessageNotSentEvent extends TimelineBase {
  type: "message-not-sent";
  purpose: "acknowledgement";
  reason: string;
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

export interface DeliveryFailedEvent extends TimelineBase {
  type: "delivery-failed";
  messageId: string;
  reportIntakeId: string;
}

export type TimelineEvent =
  | MessageReceivedEvent
  | MessageSentEvent
  | MessageNotSentEvent
  | ReferredEvent
  | CaseReopenedEvent
  | DeliveryFailedEvent;

/** Text kept on the case item; the full message stays in the raw-mail bucket. */
export const MAX_STORED_TEXT = 16_000;

export function summarise(text: string, length = 280): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}
