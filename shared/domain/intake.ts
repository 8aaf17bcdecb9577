// The intake ledger: one entry per accepted input (a raw email object, a form post), ending in exactly
// one outcome. Redelivered inputs find their entry and reuse its case reference instead of making another.
// Refused form posts get an entry too, with the reason code only.

import type { Channel } from "./case";
import type { FormRejectionReason, FormSubmission, FormSuppressionReason } from "./form-submission";
import { normaliseEmailAddress, normaliseMessageId } from "./mail";
import type { QuarantineReason, SuppressionReason } from "./screening";

export type IntakeOutcome =
  | { outcome: "case-created"; caseReference: string }
  | { outcome: "threaded"; caseReference: string }
  | { outcome: "suppressed"; reason: SuppressionReason | FormSuppressionReason | UnfinishedPostReason }
  | { outcome: "suppressed"; reason: "duplicate-delivery"; duplicateOf: string }
  | { outcome: "quarantined"; reason: QuarantineReason | ErasureQuarantineReason }
  | { outcome: "rejected"; reason: FormRejectionReason; problems?: string[] };

/**
 * A form post left without an outcome whose entry kept no submission to finish it from: only an
 * automated post (honeypot, too fast) is kept that way, so the reconciler closes it as suppressed.
 */
export type UnfinishedPostReason = "submission-not-kept";

/** Mail from a person whose data was erased waits for staff review instead of rebuilding their record. */
export type ErasureQuarantineReason = "erased-person";

export interface IntakeEntry {
  intakeId: string;
  channel: Channel;
  receivedAt: string;
  /** Reserved when the entry is first written, so a retry after a crash records the same case. */
  proposedCaseReference: string;
  source: string;
  messageId?: string | null;
  result?: IntakeOutcome & { decidedAt: string };
  /** Set when staff released the entry from quarantine; earlier outcomes stay in `history`. */
  release?: { by: string; at: string };
  history?: (IntakeOutcome & { decidedAt: string })[];
  /** A form post has no raw object: its validated submission is kept here before the case is recorded. */
  submission?: FormSubmission;
  /**
   * Set when retention or erasure removed the input's personal data (its raw object, its submission).
   * The outcome stays, so counts still add up and a redelivery finds the input already decided.
   */
  purgedAt?: string;
}

/**
 * What makes two deliveries the same message: the sender, the Message-ID (none when absent) and the body
 * with line endings and runs of white space made uniform (a relay may rewrap or re-end lines). A sending
 * server that retries after a lost "250 OK", or SES delivering twice, stores a second object with the
 * same identity; the ledger keeps only a hash of it.
 */
export function deliveryIdentity(email: {
  messageId: string | undefined;
  from: { address: string } | undefined;
  text: string;
}): string {
  const sender = normaliseEmailAddress(email.from?.address ?? "");
  const messageId = email.messageId ? normaliseMessageId(email.messageId) : "";
  const body = email.text.normalize("NFC").replace(/\s+/gu, " ").trim();
  return JSON.stringify([sender, messageId, body]);
}

export function mailIntakeId(objectKey: string): string {
  return `mail:${objectKey}`;
}
