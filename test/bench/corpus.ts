// Generated emails for the benchmarks: realistic shapes and sizes, made on the fly so nothing large is
// committed. Each generator returns the raw MIME bytes exactly as they would arrive from SES.

const LOREM =
  "Thank you for your reply. I am still waiting for the replacement part that was mentioned on the phone, " +
  "and the order page says it was dispatched last week. Could someone check what has happened to it? ";

function paragraphOf(bytes: number): string {
  return LOREM.repeat(Math.ceil(bytes / LOREM.length)).slice(0, bytes);
}

function headers(subject: string, contentType: string): string {
  return [
    "Return-Path: <customer@example.org>",
    "Received: from mail.example.org by inbound-smtp.eu-west-2.amazonaws.com; Mon, 23 Nov 2026 09:00:00 +0000",
    "From: Customer Name <customer@example.org>",
    "To: complaints@example.com",
    `Subject: ${subject}`,
    "Date: Mon, 23 Nov 2026 09:00:00 +0000",
    `Message-ID: <${Math.random().toString(36).slice(2)}@mail.example.org>`,
    "MIME-Version: 1.0",
    `Content-Type: ${contentType}`,
  ].join("\r\n");
}

export function plainText2k(): Buffer {
  return Buffer.from(
    `${headers("Order not arrived", "text/plain; charset=utf-8")}\r\n\r\n${paragraphOf(2000)}\r\n`,
  );
}

/** A typical 20 KB reply: text and HTML alternatives, each carrying quoted history. */
export function multipart20k(): Buffer {
  const quoted = paragraphOf(8000)
    .match(/.{1,76}/g)
    ?.map((line) => `> ${line}`)
    .join("\r\n");
  const html = `<html><body><p>${paragraphOf(1000)}</p><blockquote>${paragraphOf(7000)}</blockquote></body></html>`;
  return Buffer.from(
    [
      headers("Re: Your reference CS-7K3MQ09X", 'multipart/alternative; boundary="alt"'),
      "",
      "--alt",
      "Content-Type: text/plain; charset=utf-8",
      "",
      paragraphOf(1000),
      "",
      quoted,
      "--alt",
      "Content-Type: text/html; charset=utf-8",
      "",
      html,
      "--alt--",
      "",
    ].join("\r\n"),
  );
}
