// How long Heed keeps what a customer sent, as pure decisions: a case is kept while open, while under a
// legal hold, and for its case type's period counted from closure; input that never became part of a
// case is kept for a short period from receipt. What is left of an expired case is statistics only.

import type { CaseKind, CaseRecord } from "./case";

export type { LegalHold } from "./case";

import type { IntakeEntry } from "./intake";

export interface CaseTypeRetention {
  retainYears: number;
  /** Why this period: the reasoning an auditor or the ICO would ask for. */
  basis: string;
}

export interface RetentionPolicy {
  /** Which regulator's record-keeping rule sets a minimum period for complaints. */
  regulator: "none" | "fca-disp" | "fca-disp-mifid";
  caseTypes: Record<CaseKind, CaseTypeRetention>;
  /** Suppressed, quarantined and refused input (no case holds it) is kept this many days from receipt. */
  uncasedInputDays: number;
  /** What expiry leaves of a case: an anonymised record for statistics, or nothing. */
  expiry: "anonymise" | "delete";
  /** DynamoDB TTL removes a case's items this many days after its period ends, should the purge not run. */
  ttlGraceDays: number;
}

/** DISP 1.9.1R: complaint records for at least five years for MiFID business, three years otherwise. */
export const REGULATORY_MINIMUM_YEARS: Record<RetentionPolicy["regulator"], number> = {
  none: 0,
  "fca-disp": 3,
  "fca-disp-mifid": 5,
};

/** Case types the FCA counts as complaints: any expression of dissatisfaction. */
export const REGULATED_CASE_TYPES: readonly CaseKind[] = ["complaint", "problem"];

export type RetentionDecision =
  | { action: "keep"; reason: "open" | "legal-hold" | "already-anonymised" }
  | { action: "keep"; reason: "within-period"; until: Date }
  | { action: "expire"; until: Date };

const CLOSED_STATUSES = new Set<CaseRecord["status"]>(["resolved", "closed-unresolved"]);
const DAY_MS = 86_400_000;

/** A calendar period: 29 February plus a year is 1 March, never earlier than a full year. */
export function addYears(from: Date, years: number): Date {
  const until = new Date(from.getTime());
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
}

/** When the case was closed: its closure time, or its last change for cases closed before it was kept. */
export function closedAt(record: CaseRecord): Date | undefined {
  if (!CLOSED_STATUSES.has(record.status)) return undefined;
  return new Date(record.closedAt ?? record.updatedAt);
}

export function retentionDecision(record: CaseRecord, policy: RetentionPolicy, now: Date): RetentionDecision {
  if (record.anonymisedAt) return { action: "keep", reason: "already-anonymised" };
  if (record.legalHold) return { action: "keep", reason: "legal-hold" };
  const closed = closedAt(record);
  if (!closed) return { action: "keep", reason: "open" };
  const until = addYears(closed, policy.caseTypes[record.classification.kind].retainYears);
  return until <= now ? { action: "expire", until } : { action: "keep", reason: "within-period", until };
}

/** When DynamoDB TTL may remove the case's items: after the period and a grace for the purge to run. */
export function expiresAtSeconds(until: Date, policy: RetentionPolicy): number {
  return Math.floor((until.getTime() + policy.ttlGraceDays * DAY_MS) / 1000);
}

/** Input no case holds (suppressed, quarantined, refused, or whose case is gone) past its short period. */
export function uncasedInputExpired(entry: IntakeEntry, policy: RetentionPolicy, now: Date): boolean {
  if (entry.purgedAt) return false;
  return Date.parse(entry.receivedAt) + policy.uncasedInputDays * DAY_MS <= now.getTime();
}

/**
 * What remains of an expired case: how it was classified and referred, and when, so counts and trends
 * still add up. Nothing that identifies the customer or repeats what they wrote stays.
 */
export function anonymisedCase(record: CaseRecord, at: string): CaseRecord {
  return {
    reference: record.reference,
    customerReference: "",
    channel: record.channel,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: at,
    ...(record.closedAt ? { closedAt: record.closedAt } : {}),
    customer: { name: undefined, email: "", phone: undefined, address: undefined, postcode: undefined },
    subject: "",
    summary: "",
    transactionReferences: [],
    extracted: [],
    classification: { ...record.classification, evidence: [] },
    referral: { ...record.referral },
    acknowledgement: { state: record.acknowledgement.state },
    intakeId: record.intakeId,
    inboundMessageId: undefined,
    ...(record.language ? { language: record.language } : {}),
    flags: {},
    anonymisedAt: at,
  };
}
