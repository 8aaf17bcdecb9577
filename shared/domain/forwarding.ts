// When a member of staff forwards a customer's email to the complaints address, the customer is the
// person in the forwarded part, not the forwarder. Recognises the forms Gmail, Outlook and Apple Mail
// write, and messages forwarded as an attachment.

import { type InboundEmail, isInternalAddress, type MailAddress } from "./mail";

export interface ForwardedMessage {
  customer: MailAddress;
  subject: string;
  text: string;
  forwardedBy: MailAddress;
}

const FORWARD_MARKER =
  /^(?:-{2,}\s*Forwarded message\s*-{2,}|-{2,}\s*Original Message\s*-{2,}|Begin forwarded message:|_{10,})\s*$/im;
const FORWARD_SUBJECT = /^\s*(?:fwd?|fw)\s*:/i;

function parseAddress(value: string): MailAddress | undefined {
  const angle = /^\s*"?([^"<]*?)"?\s*<([^>\s]+@[^>\s]+)>/.exec(value);
  if (angle?.[2]) return { name: angle[1]?.trim() ?? "", address: angle[2] };
  const bare = /([^\s<>"]+@[^\s<>"]+\.[^\s<>"]+)/.exec(value);
  return bare?.[1] ? { name: "", address: bare[1] } : undefined;
}

function inlineForward(email: InboundEmail): Omit<ForwardedMessage, "forwardedBy"> | undefined {
  const marker = FORWARD_MARKER.exec(email.text);
  if (!marker) return undefined;
  const after = email.text.slice(marker.index + marker[0].length).replace(/^\s*\n/, "");
  const [head = "", ...rest] = after.split(/\n\s*\n/);
  const field = (name: string) => new RegExp(`^\\s*\\*?${name}:\\*?\\s*(.+)$`, "im").exec(head)?.[1]?.trim();
  const customer = parseAddress(field("From") ?? "");
  if (!customer) return undefined;
  return {
    customer,
    subject: field("Subject") ?? email.subject.replace(FORWARD_SUBJECT, "").trim(),
    text: rest.join("\n\n").trim(),
  };
}

/** The forwarded customer message, when an internal sender forwarded one; otherwise undefined. */
export function forwardedMessage(
  email: InboundEmail,
  internalDomains: readonly string[],
): ForwardedMessage | undefined {
  const forwarder = email.from;
  if (!forwarder) return undefined;
  if (!isInternalAddress(forwarder.address, internalDomains)) return undefined;

  const attached = email.attachedMessage;
  if (attached?.from) {
    return {
      customer: attached.from,
      subject: attached.subject,
      text: attached.text,
      forwardedBy: forwarder,
    };
  }
  if (!FORWARD_SUBJECT.test(email.subject) && !FORWARD_MARKER.test(email.text)) return undefined;
  const inline = inlineForward(email);
  return inline ? { ...inline, forwardedBy: forwarder } : undefined;
}
