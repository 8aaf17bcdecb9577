// Writing to customers: the mail service, the errors it ends a letter with, addresses Heed no longer
// writes to, and the daily cap on automatic replies per sender.

export interface OutboundEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  /**
   * Whether the recipient's address is suppressed, as the caller read it just before (intake's decision
   * reads it with the erasure check); left out, the mailer reads the suppression list itself.
   */
  recipientSuppressed?: boolean;
}

/** A letter to a customer: the plain text and an HTML part saying the same. */
export interface OutboundLetter extends OutboundEmail {
  html: string;
}

export interface Mailer {
  /** Returns the provider's message id, from which the Message-ID header customers reply to derives. */
  send(message: OutboundEmail): Promise<{ providerMessageId: string; messageId: string }>;
}

/** The mail service refused this message for good (bad address, content rejected); retrying will not help. */
export class MailRejectedError extends Error {
  override name = "MailRejectedError";
}

/**
 * The SES account is still in the SES sandbox, where it may only send to verified addresses, and the
 * recipient is not one: nothing to retry until the account has production access.
 */
export class MailRecipientNotVerifiedError extends MailRejectedError {
  override name = "MailRecipientNotVerifiedError";
}

/** Heed sends nothing more to this address: mail to it bounced for good or was reported as spam. */
export class MailSuppressedError extends MailRejectedError {
  override name = "MailSuppressedError";
}

/** Items written before spam reports had their name say `complaint`. */
export type SuppressionCause = "bounce" | "spam-report";

export interface Suppressions {
  suppress(address: string, cause: SuppressionCause, at: string): Promise<void>;
  isSuppressed(address: string): Promise<boolean>;
}

export interface AcknowledgementQuota {
  /**
   * Counts `messageId` (a case's acknowledgement, a reply notice) against the sender's daily cap. Taking
   * the same id again answers as before, so a retried send never uses up a second place.
   */
  take(sender: string, day: string, cap: number, messageId: string): Promise<boolean>;
}
