// Keeping customers informed after the first letter: contact, outcomes, feedback and commitments kept
// beside the case, moments Heed must look at a case again, and signed feedback links.

import type { Commitment } from "../domain/commitments";
import type { DueItem } from "../domain/follow-ups";
import type { CaseFeedback, CaseOutcome, FeedbackReportEntry } from "../domain/outcomes";

/** What staff did about a case beyond the case item itself: contact, outcome, feedback, commitments. */
export interface CaseCommunicationStore {
  /** Records when Heed last sent the customer something; an earlier time never replaces a later one. */
  noteContact(reference: string, at: string): Promise<void>;
  /** Sets the outcome and the matching status while the case is open; false when it was not open. */
  recordOutcome(reference: string, outcome: CaseOutcome): Promise<boolean>;
  /** Keeps the one answer to the current outcome's feedback request; false if answered or superseded. */
  recordFeedback(reference: string, feedback: CaseFeedback): Promise<boolean>;
  addToFeedbackReport(entry: FeedbackReportEntry): Promise<void>;
  /** Feedback received in a month (`yyyy-mm`), oldest first. */
  feedbackReport(month: string): Promise<FeedbackReportEntry[]>;
  saveCommitment(commitment: Commitment): Promise<void>;
  getCommitment(reference: string, commitmentId: string): Promise<Commitment | undefined>;
  listCommitments(reference: string): Promise<Commitment[]>;
  /** open → kept or missed; false when it was no longer open. */
  settleCommitment(
    reference: string,
    commitmentId: string,
    settlement: { state: "kept" | "missed"; at: string; keptBy?: string; note?: string },
  ): Promise<boolean>;
  /** A once-only claim named `key` on the case (e.g. the notice for one reply); false if already taken. */
  claimOnce(reference: string, key: string, at: string): Promise<boolean>;
  /** Gives back a claim whose work did not happen (nothing was sent), so a retry can take it again. */
  releaseClaim(reference: string, key: string): Promise<void>;
}

/** Moments Heed must look at a case again, found by date rather than by scanning cases. */
export interface DueItems {
  /** Idempotent: the same item scheduled twice is stored once. */
  schedule(item: DueItem): Promise<void>;
  /** Items due at or before `now` and not yet done, from the last `lookbackDays` days, oldest first. */
  due(now: Date, lookbackDays: number): Promise<DueItem[]>;
  markDone(item: DueItem, at: string): Promise<void>;
}

export interface FeedbackClaims {
  caseReference: string;
  outcomeId: string;
  expiresAt: string;
}

export type FeedbackTokenReading =
  | { valid: true; claims: FeedbackClaims }
  | { valid: false; reason: "expired"; claims: FeedbackClaims }
  | { valid: false; reason: "invalid" };

/** Signed, expiring feedback links: the token is the customer's only credential for the feedback page. */
export interface FeedbackTokens {
  issue(claims: FeedbackClaims): string;
  read(token: string, now: Date): FeedbackTokenReading;
}
