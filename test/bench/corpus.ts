// Generated emails for the benchmarks: realistic shapes and sizes, made on the fly so nothing large is
// committed. Each generator returns the raw MIME bytes exactly as they would arrive from SES, and the
// same call always returns the same bytes, so every configuration parses identical input.

const LOREM =
  "Thank you for your reply. I am still waiting for the replacement part that was mentioned on the phone, " +
  "and the order page says it was dispatched last week. Could someone check what has happened to it? ";

/** SES refuses anything larger, headers included. */
export const SES_MAXIMUM_BYTES = 40 * 1024 * 1024;

function paragraphOf(bytes: number): string {
  return LOREM.repeat(Math.ceil(bytes / LOREM.length)).slice(0, bytes);
}

function headers(subject: string, contentType: string, extra: string[] = []): string {
  return [
    "Return-Path: <customer@example.org>",
    "Received: from mail.example.org by inbound-smtp.eu-west-1.amazonaws.com; Mon, 23 Nov 2026 09:00:00 +0000",
    "X-SES-Spam-Verdict: PASS",
    "X-SES-Virus-Verdict: PASS",
    "From: Customer Name <customer@example.org>",
    "To: complaints@example.com",
    `Subject: ${subject}`,
    "Date: Mon, 23 Nov 2026 09:00:00 +0000",
    `Message-ID: <${subject.replace(/\W+/g, "-").toLowerCase()}@mail.example.org>`,
    "MIME-Version: 1.0",
    `Content-Type: ${contentType}`,
    ...extra,
  ].join("\r\n");
}

/** Base64 in 76-character lines, as mail clients write attachments. */
function base64Lines(bytes: Buffer): string {
  return (bytes.toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
}

/** Bytes that look like a photo to a sniffer (a JPEG signature) and do not compress: a fixed LCG. */
function photoBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  let state = 0x2545f491;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return bytes;
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

/** Outlook's habit: windows-1252 text, quoted-printable, curly quotes and accents in every line. */
export function windows1252QuotedPrintable(): Buffer {
  const line =
    "Ren=E9e here =96 I=92m still waiting for the =93express=94 refund of =A3249.99 for order 100419, s=\r\n" +
    "ee the caf=E9 receipt attached to my last email.";
  const body = Array.from({ length: 40 }, () => line).join("\r\n");
  return Buffer.from(
    [
      headers(
        "=?windows-1252?Q?Refund_not_received_=96_order_100419?=",
        'text/plain; charset="windows-1252"',
        ["Content-Transfer-Encoding: quoted-printable"],
      ),
      "",
      body,
      "",
    ].join("\r\n"),
    "latin1",
  );
}

/** A short complaint with a photo attached, the attachment `attachmentBytes` long once decoded. */
export function withPhoto(
  attachmentBytes: number,
  subject = `Damaged on arrival (${attachmentBytes} bytes)`,
): Buffer {
  return Buffer.from(
    [
      headers(subject, 'multipart/mixed; boundary="mixed"'),
      "",
      "--mixed",
      "Content-Type: text/plain; charset=utf-8",
      "",
      paragraphOf(600),
      "--mixed",
      'Content-Type: image/jpeg; name="IMG_2041.jpg"',
      'Content-Disposition: attachment; filename="IMG_2041.jpg"',
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(photoBytes(attachmentBytes)),
      "--mixed--",
      "",
    ].join("\r\n"),
  );
}

/** The largest message SES accepts: one photo filling 40 MB once base64-encoded. */
export function sesMaximum(): Buffer {
  // Base64 in 76-character lines costs 78 bytes per 57 decoded; leave room for the headers and text.
  const decoded = Math.floor(((SES_MAXIMUM_BYTES - 4096) * 57) / 78);
  return withPhoto(decoded, "Photos of the damage (SES maximum)");
}

/** A MIME bomb's shape: multiparts nested `depth` deep, each with a little text. */
export function deepNesting(depth = 40): Buffer {
  const open: string[] = [];
  const close: string[] = [];
  for (let level = 1; level < depth; level++) {
    open.push(
      `--b${level - 1}`,
      `Content-Type: multipart/mixed; boundary="b${level}"`,
      "",
      `--b${level}`,
      "Content-Type: text/plain",
      "",
      `level ${level}`,
    );
    close.unshift(`--b${level}--`);
  }
  return Buffer.from(
    [headers("Nested", 'multipart/mixed; boundary="b0"'), "", ...open, ...close, "--b0--", ""].join("\r\n"),
  );
}

export interface CorpusEntry {
  name: string;
  make: () => Buffer;
  /** The budget the design sets for this message, shown beside its figures. */
  budget?: "typical" | "ses-maximum";
}

export const PARSE_CORPUS: CorpusEntry[] = [
  { name: "2 KB plain text", make: plainText2k, budget: "typical" },
  { name: "20 KB multipart", make: multipart20k, budget: "typical" },
  { name: "windows-1252 QP", make: windows1252QuotedPrintable },
  { name: "1 MB attachment", make: () => withPhoto(1024 * 1024) },
  { name: "10 MB attachment", make: () => withPhoto(10 * 1024 * 1024) },
  { name: "40 MB (SES maximum)", make: sesMaximum, budget: "ses-maximum" },
  { name: "deep nesting (40)", make: () => deepNesting(40) },
];
