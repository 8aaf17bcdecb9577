// A plain customer email in Heed's own InboundEmail shape, for domain tests to vary one field at a time.

import type { InboundEmail } from "../../../shared/domain/mail";

export function inboundEmail(
  overrides: Partial<InboundEmail> = {},
  headers: Record<string, string> = {},
): InboundEmail {
  return {
    messageId: "abc@mail.example.org",
    from: { address: "jo@example.org", name: "Jo Bloggs" },
    replyTo: undefined,
    to: [{ address: "complaints@example.com", name: "" }],
    subject: "My order",
    date: undefined,
    inReplyTo: undefined,
    references: [],
    contentType: "text/plain",
    text: "It has not arrived.",
    headers: new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), [value]])),
    headerLines: Object.entries(headers).map(([name, value]) => ({ name: name.toLowerCase(), value })),
    htmlLength: 0,
    attachments: [],
    embeddedMessageIds: [],
    attachedMessage: undefined,
    ...overrides,
  };
}
