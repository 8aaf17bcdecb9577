// What intake reads and writes before a case exists: the intake ledger, what stands against a new
// email's addresses, raw mail and its parser, attachments, the queue that sends a raw message through
// intake again, and rate limits on posts.

import type { AttachmentRecord } from "../domain/attachments";
import type { IntakeEntry, IntakeOutcome } from "../domain/intake";
import type { AttachmentInfo, InboundEmail } from "../domain/mail";
import type { MimeLimits } from "../domain/mime-limits";

export interface IntakeLedger {
  /** Creates the entry if absent and returns what is stored (the first writer's entry on a race). */
  open(entry: IntakeEntry): Promise<IntakeEntry>;
  get(intakeId: string): Promise<IntakeEntry | undefined>;
  /**
   * Records a refused form post in one write, entry and outcome together, expiring at `expiresAt`
   * (epoch seconds): refusals carry reason codes only and are kept no longer than uncased input.
   */
  recordRefusal(entry: IntakeEntry & { result: IntakeEntry["result"] }, expiresAt: number): Promise<void>;
  /**
   * Sets the one outcome of the entry; a later call for the same entry changes nothing. With the input's
   * Message-ID, the entry is found by it too, unless its lookup was written already (`lookupWritten`, by
   * a new case's first items).
   */
  recordOutcome(
    intakeId: string,
    outcome: IntakeOutcome,
    at: string,
    message?: { messageId: string; lookupWritten?: boolean },
  ): Promise<void>;
  findByMessageId(messageId: string): Promise<IntakeEntry[]>;
  /**
   * Claims a delivered message's identity (see `deliveryIdentity`) for `intakeId`, conditionally, and
   * returns the intake that holds it: `intakeId` itself, or the first intake of the same message within
   * the window. Claiming again for the same intake holds.
   */
  claimDelivery(identity: string, intakeId: string, at: Date, windowHours: number): Promise<string>;
  listQuarantined(limit: number): Promise<IntakeEntry[]>;
  /**
   * Reopens a quarantined entry after staff reviewed it: the quarantine moves to the entry's history and
   * the next intake attempt processes it with the budgets relaxed. False when it is not quarantined.
   */
  release(intakeId: string, releasedBy: string, at: string): Promise<boolean>;
}

/** What stands against the two addresses of a new email: read together, before anything is recorded. */
export interface AddressStanding {
  /** The sender's data was erased: a tombstone holds their address. */
  senderErased: boolean;
  /** Mail to the customer's address bounced for good or was reported as spam. */
  customerSuppressed: boolean;
}

export interface AddressStandings {
  /**
   * Reads both in one request. Without `sender` (an input staff released from quarantine) the erasure is
   * not asked about.
   */
  read(addresses: { sender?: string; customer: string }): Promise<AddressStanding>;
}

export interface RawMailLocation {
  bucket: string;
  key: string;
}

/** Bytes in order as they arrive, read once: a large object is never held whole in memory. */
export type ByteStream = AsyncIterable<Uint8Array>;

export interface RawMailObjectHandle {
  size: number;
  body: ByteStream;
  /** Releases the object without reading it (when it is over the size budget). */
  discard(): void;
}

export interface RawMailStore {
  open(location: RawMailLocation): Promise<RawMailObjectHandle>;
}

/** Takes the decoded bytes of the message's attachment number `index` as the parser reaches them; reads them to the end. */
export type AttachmentSink = (index: number, content: ByteStream) => Promise<void>;

export interface MailParser {
  /**
   * Reads a message as it streams in. Attachment bytes are never kept: each attachment goes to
   * `onAttachment` while it is decoded, or is only measured when there is none. Throws MailParseError
   * for what is not MIME and MailBudgetError for what exceeds the limits; a failure of `raw` or of
   * `onAttachment` is passed on as it is, since trying again may succeed.
   */
  parse(
    raw: ByteStream | Uint8Array,
    limits: MimeLimits,
    onAttachment?: AttachmentSink,
  ): Promise<InboundEmail>;
}

/** The parser could not read the message as MIME at all; it is quarantined, never retried. */
export class MailParseError extends Error {
  override name = "MailParseError";
}

/**
 * The message is over one of the MIME budgets; it is quarantined with the reason, never parsed in full.
 * `messageId` is the Message-ID from its header block, read before the budget ran out, when it had one.
 */
export class MailBudgetError extends Error {
  override name = "MailBudgetError";
  readonly messageId: string | undefined;
  constructor(
    readonly reason:
      | "too-deep"
      | "too-many-parts"
      | "too-many-attachments"
      | "html-too-large"
      | "unparseable",
    options?: ErrorOptions & { messageId?: string },
  ) {
    super(`message is over the MIME budget: ${reason}`, options);
    this.messageId = options?.messageId;
  }
}

export interface AttachmentStore {
  /**
   * Streams `content` (exactly `attachment.size` bytes) to storage under a key generated from
   * `attachmentId` (stable across retries, never the sender's filename) and returns the record to
   * keep on the case.
   */
  put(
    caseReference: string,
    attachmentId: string,
    attachment: AttachmentInfo,
    content: ByteStream,
  ): Promise<AttachmentRecord>;
}

export interface IntakeQueue {
  /** Asks intake to process a raw mail object again (after a quarantine release or a reconciliation). */
  redrive(location: RawMailLocation): Promise<void>;
}

export interface RateLimitRule {
  /** Names the counter (e.g. `form-ip`), so rules never share counts. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimiter {
  /**
   * Counts one use by `subject` in the rule's current fixed window; false once the window's limit is
   * used up. The subject must carry no personal data: pass a keyed hash of the address or email.
   */
  take(rule: RateLimitRule, subject: string, at: Date): Promise<boolean>;
}
