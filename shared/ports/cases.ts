// The case table's cases: the case item and its timeline, lookups that find a case, customers, and
// the changes staff and the customer's case page make to a case item.

import type {
  Acknowledgement,
  CaseFlag,
  CaseFlagCode,
  CaseRecord,
  Classification,
  Correction,
  CustomerDetails,
  Evidence,
  Referral,
  ReferralLevel,
  TimelineEvent,
} from "../domain/case";
import type { CaseAccess } from "../domain/case-access";
import type { DueItem } from "../domain/follow-ups";
import type { ExtractedDetail } from "../domain/understanding";
import type { QueueEntry } from "./referrals";
import type {
  CaseReportRow,
  ComplaintReturnCell,
  ComplaintReturnMeasure,
  ReferralReportRow,
} from "./reports";

export type LookupKind = "email" | "message-id" | "intake-message-id" | "phone" | "postcode" | "transaction";

export interface CaseItems {
  events?: readonly TimelineEvent[];
  lookups?: readonly { kind: LookupKind; value: string }[];
  /**
   * Items of the case's own that elsewhere are written on a condition, put here without one: only where
   * nothing can have written or changed them yet (a case this attempt has just created, a letter it
   * alone claimed and has just sent), so writing them again on a retry of that attempt stores the same.
   */
  dueItems?: readonly DueItem[];
  queueEntries?: readonly QueueEntry[];
  /** The Message-ID of the input the case came from, by which the intake ledger finds its entry. */
  intakeMessage?: { messageId: string; intakeId: string };
  /** Complaints return entries, each the case counted under one measure of a cell. */
  complaintReturn?: readonly { cell: ComplaintReturnCell; measure: ComplaintReturnMeasure }[];
  /** Report rows, each put whole, so writing one again stores the same or a later state. */
  caseReports?: readonly CaseReportRow[];
  referralReports?: readonly ReferralReportRow[];
}

export interface CustomerRecord {
  customerReference: string;
  email: string;
  createdAt: string;
}

export interface CaseStore {
  /** Writes the case item once; `exists` when a retry finds it already written (nothing is changed then). */
  createCase(record: CaseRecord): Promise<"created" | "exists">;
  getCase(reference: string): Promise<CaseRecord | undefined>;
  /** Idempotent by `eventId`. */
  appendEvent(event: TimelineEvent): Promise<void>;
  timeline(reference: string): Promise<TimelineEvent[]>;
  findCaseReferences(kind: LookupKind, value: string): Promise<string[]>;
  addLookup(kind: LookupKind, value: string, caseReference: string): Promise<void>;
  /** Writes several ways to find one case together; idempotent, so a retry may repeat it. */
  addLookups(caseReference: string, lookups: readonly { kind: LookupKind; value: string }[]): Promise<void>;
  /**
   * Writes the items of one step together, without conditions: each is keyed by what it records, so a
   * retry writes the same again (an event written twice keeps the later copy).
   */
  addToCase(caseReference: string, items: CaseItems): Promise<void>;
  markReferred(reference: string, sentAt: string): Promise<void>;
  /**
   * pending → sending, conditionally: only one caller ever wins, so only one acknowledgement is sent.
   * With `referred` (the case's referral as sent just now), it is marked sent in the same write when the
   * claim is won.
   */
  claimAcknowledgement(reference: string, at: string, referred?: Referral): Promise<boolean>;
  /** sending → `result`; with `contactAt`, the case's last contact is recorded in the same write. */
  settleAcknowledgement(
    reference: string,
    result: Acknowledgement,
    at: string,
    contactAt?: string,
  ): Promise<void>;
  setFlag(reference: string, code: CaseFlagCode, flag: CaseFlag): Promise<void>;
  /** A closed case becomes open again; returns false when it was already open. */
  reopen(reference: string, at: string): Promise<boolean>;
  /**
   * Keeps what a later message showed: the case's signals become `signals`, the new evidence is added,
   * and the referral moves up to `referral.to` when given. False when the referral is no longer at
   * `referral.from` (someone moved it meanwhile); nothing is changed then.
   */
  raiseSignals(reference: string, change: RaisedSignals, at: string): Promise<boolean>;
  /** Returns the existing customer for this email, or records a new one with the offered reference. */
  findOrCreateCustomer(email: string, offeredReference: string, at: string): Promise<CustomerRecord>;
}

export interface RaisedSignals {
  signals: string[];
  evidence: Evidence[];
  referral?: { from: ReferralLevel; to: Referral };
}

/** The changes staff make to a case item; every one also notes the first staff action. */
export interface StaffCaseChanges {
  /** Takes the case for `by`; a case held by someone else is taken over only when `takeOver` is set. */
  claim(reference: string, by: string, at: string, takeOver: boolean): Promise<ClaimResult>;
  /** Moves the case to another level; false when it is no longer at `from`. */
  changeReferral(reference: string, from: ReferralLevel, referral: Referral, at: string): Promise<boolean>;
  /** Sets the corrected values and keeps the corrections with their originals. */
  correct(
    reference: string,
    changes: CaseCorrectionChanges,
    corrections: Correction[],
    at: string,
  ): Promise<void>;
  /** For actions that only add to the timeline (notes, offers). */
  noteStaffAction(reference: string, at: string): Promise<void>;
}

export type ClaimResult = { claimed: true; previous?: string } | { claimed: false; heldBy: string };

export interface CaseCorrectionChanges {
  customer?: Partial<Pick<CustomerDetails, "name" | "phone" | "address" | "postcode">>;
  transactionReferences?: string[];
  classification?: Partial<Pick<Classification, "kind" | "category" | "cause" | "signals">>;
}

/** The case's details once the customer's answers are in: whole lists, so writing them again changes nothing. */
export interface GivenDetails {
  extracted: ExtractedDetail[];
  transactionReferences: string[];
  /** E.164; the customer's own answer replaces what Heed had inferred. */
  phone?: string;
}

/** Details the customer gave on their case page, in answer to the acknowledgement's closed questions. */
export interface CustomerGivenDetails {
  recordGivenDetails(reference: string, given: GivenDetails, at: string): Promise<void>;
}

/** Access events per case: written on every read of personal data, listed for head office. */
export interface AccessLog {
  record(access: CaseAccess): Promise<void>;
  list(caseReference: string): Promise<CaseAccess[]>;
}
