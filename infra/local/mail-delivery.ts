// Hands a raw message to the sandbox's SMTP server as another mail server would: the envelope
// sender taken from the message's From header, the intake address as the recipient, and the
// message bytes unchanged. Used by `npm run send` and by the sandbox tests.
import { createTransport } from "nodemailer";

export interface Delivery {
  raw: Buffer | string;
  port: number;
  to: string;
  /** Envelope sender; by default the address in the message's From header (empty for a bounce). */
  from?: string;
  host?: string;
}

/** The address in the first From header, or "" (the null sender) when there is none. */
export function envelopeSender(raw: Buffer | string): string {
  const text = raw.toString("utf8");
  const headerEnd = text.search(/\r?\n\r?\n/);
  const headers = (headerEnd === -1 ? text : text.slice(0, headerEnd)).replace(/\r?\n[ \t]+/g, " ");
  const from = /^from:(.*)$/im.exec(headers)?.[1] ?? "";
  return /<([^<>@\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? /([^\s<>,;:"]+@[^\s<>,;:"]+)/.exec(from)?.[1] ?? "";
}

/** Sends the message and resolves with the server's reply, e.g. `250 Ok <SES message id>`. */
export async function deliverRawMail(delivery: Delivery): Promise<string> {
  const transport = createTransport({
    host: delivery.host ?? "127.0.0.1",
    port: delivery.port,
    secure: false,
    ignoreTLS: true,
    name: "localhost",
  });
  try {
    const info = await transport.sendMail({
      envelope: { from: delivery.from ?? envelopeSender(delivery.raw), to: [delivery.to] },
      raw: delivery.raw,
    });
    return info.response;
  } finally {
    transport.close();
  }
}
