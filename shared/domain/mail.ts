// Heed's own view of an email, independent of the MIME parser that produced it.
// Adapters turn raw MIME into these types; the domain never sees a parser's objects.

export interface MailAddress {
  address: string;
  name: string;
}

/** Header names lower-cased; every occurrence kept in order, values unfolded. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

export interface HeaderLine {
  name: string;
  value: string;
}

export interface AttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

export interface InboundEmail {
  messageId: string | undefined;
  from: MailAddress | undefined;
  replyTo: MailAddress | undefined;
  to: MailAddress[];
  subject: string;
  date: string | undefined;
  inReplyTo: string | undefined;
  references: string[];
  contentType: string;
  text: string;
  headers: HeaderMap;
  /** Every header line in message order (lower-cased names), for rules that depend on position. */
  headerLines: HeaderLine[];
  htmlLength: number;
  /** What each attachment is; its bytes go from the parser straight to the attachment store, never held here. */
  attachments: AttachmentInfo[];
  /** Message-IDs quoted inside delivery reports and attached messages (to match bounces to what we sent). */
  embeddedMessageIds: string[];
  /** An attached message/rfc822, parsed: how Outlook forwards a message "as attachment". */
  attachedMessage: InboundEmail | undefined;
}

export function firstHeader(headers: HeaderMap, name: string): string | undefined {
  return headers.get(name.toLowerCase())?.[0];
}

/**
 * Message-IDs compare without angle brackets and case-insensitively in the domain part. SES writes the
 * Message-ID of what it sends as `<SES message id>@<something>.amazonses.com`, and the subdomain is not
 * the same in every region (`email.amazonses.com`, `eu-west-1.amazonses.com`…): the SES message id is
 * what identifies the message, so every such domain compares as `amazonses.com`.
 */
export function normaliseMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, "");
  const at = bare.lastIndexOf("@");
  if (at < 0) return bare;
  const domain = bare.slice(at + 1).toLowerCase();
  return `${bare.slice(0, at)}@${domain.endsWith(".amazonses.com") ? "amazonses.com" : domain}`;
}

export function normaliseEmailAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** Whether the address is the organisation's own: at one of its domains or a subdomain of one. */
export function isInternalAddress(email: string, internalDomains: readonly string[]): boolean {
  const address = normaliseEmailAddress(email);
  const domain = address.slice(address.lastIndexOf("@") + 1);
  return internalDomains.some((own) => {
    const internal = own.toLowerCase();
    return domain === internal || domain.endsWith(`.${internal}`);
  });
}
