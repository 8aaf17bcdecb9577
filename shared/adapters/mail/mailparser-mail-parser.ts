// Raw MIME → Heed's InboundEmail, with mailparser's streaming parser doing only the work the pipeline
// needs: no text→HTML, no link detection, no checksums, and HTML→text only when a message has no text
// part. Attachment bytes are never held: each attachment streams to the caller's sink, or is only
// measured. The MIME structure is counted as the parser meets it, so a message over budget stops at the
// first node too many. mailparser's types stay here.

import {
  type AddressObject,
  type AttachmentStream,
  type HeaderLines,
  type MailParserOptions,
  type MessageText,
  MailParser as StreamingParser,
} from "mailparser";
import type { AttachmentInfo, HeaderLine, HeaderMap, InboundEmail, MailAddress } from "../../domain/mail";
import type { MimeLimits } from "../../domain/mime-limits";
import { storableLine, storableText } from "../../domain/stored-text";
import {
  type AttachmentSink,
  type ByteStream,
  MailBudgetError,
  MailParseError,
  type MailParser,
} from "../../ports";
import { htmlToText } from "./html-text";
import { MimeBudget, type SplitterNode } from "./mime-structure";

const LEAN_OPTIONS: MailParserOptions = {
  // Done in html-text.ts, and only when there is no text part.
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  keepDeliveryStatus: true,
  checksumAlgo: false,
};

const REPORT_PART_TYPES = new Set(["message/delivery-status", "text/rfc822-headers", "message/rfc822"]);

/** How much of a report part is searched for Message-IDs; the rest only passes through. */
const REPORT_PART_READ_BYTES = 1024 * 1024;

/** A failure of the raw bytes or of the attachment sink: the caller gets it as it was, not as a parse error. */
class PassedOnError extends Error {
  override name = "PassedOnError";
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): MailAddress | undefined {
  return allAddresses(field)[0];
}

function allAddresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => {
      const members = entry.group ?? [entry];
      return members
        .filter((member) => member.address)
        .map((member) => ({ address: member.address ?? "", name: storableLine(member.name ?? "") }));
    }),
  );
}

function headerLinesOf(lines: HeaderLines): HeaderLine[] {
  return lines.map(({ key, line }) => {
    const colon = line.indexOf(":");
    const value = (colon < 0 ? "" : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, " ").trim();
    return { name: key, value };
  });
}

function headerMap(lines: HeaderLine[]): HeaderMap {
  const map = new Map<string, string[]>();
  for (const { name, value } of lines) map.set(name, [...(map.get(name) ?? []), value]);
  return map;
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);
}

function messageIdsIn(text: string): string[] {
  return [...text.matchAll(/^(?:Original-)?Message-ID:\s*<([^>\s]+)>/gim)]
    .map((m) => m[1] ?? "")
    .filter(Boolean);
}

function mediaTypeOf(parser: StreamingParser): string {
  const contentType = parser.headers ? parser.headers.get("content-type") : undefined;
  const value =
    typeof contentType === "object" && contentType !== null && "value" in contentType
      ? String(contentType.value)
      : "text/plain";
  return value.toLowerCase();
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function* sourceOf(raw: ByteStream | Uint8Array): AsyncGenerator<Buffer> {
  if (raw instanceof Uint8Array) {
    yield asBuffer(raw);
    return;
  }
  try {
    for await (const chunk of raw) yield asBuffer(chunk);
  } catch (error) {
    throw new PassedOnError("reading the message failed", { cause: error });
  }
}

/** Resolves when the stream takes writes again or has closed; rejects when it fails. */
function drained(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off("drain", settle).off("close", settle).off("error", settle);
      if (error) reject(error);
      else resolve();
    };
    stream.on("drain", settle).on("close", settle).on("error", settle);
  });
}

/** Writes the message to the parser at the pace it reads, and stops reading once the parser has stopped. */
async function feed(raw: ByteStream | Uint8Array, parser: StreamingParser): Promise<void> {
  for await (const chunk of sourceOf(raw)) {
    if (parser.destroyed) return;
    if (!parser.write(chunk)) await drained(parser);
  }
  parser.end();
}

/** mailparser 3.14's internal step for each node and body chunk its splitter produces. */
interface ChunkStep {
  processChunk(chunk: SplitterNode, done: (error?: Error) => void): void;
}

/**
 * A lean mailparser that counts the MIME structure as it goes and fails at the first node over budget.
 * The count hooks mailparser's per-chunk step (pinned version): measuring with a splitter of our own would
 * split every message twice, and could not stop mailparser's splitter, which runs on regardless.
 */
function budgetedParser(budget: MimeBudget): StreamingParser {
  const parser = new StreamingParser(LEAN_OPTIONS) as StreamingParser & ChunkStep;
  if (typeof parser.processChunk !== "function") {
    throw new Error("mailparser no longer has processChunk: review the MIME budget hook on upgrade");
  }
  const processChunk = parser.processChunk.bind(parser);
  parser.processChunk = (chunk, done) => {
    const failure = budget.count(chunk);
    if (failure) done(failure);
    else processChunk(chunk, done);
  };
  return parser;
}

async function* counted(content: AsyncIterable<Buffer>, count: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of content) {
    count.bytes += chunk.length;
    yield chunk;
  }
}

/** A report part's first bytes as text, and the message it carries when asked to parse one. */
async function readReportPart(
  content: AttachmentStream["content"],
  limits: MimeLimits,
  parseAsMessage: boolean,
): Promise<{ text: string; message: InboundEmail | undefined }> {
  const head: Buffer[] = [];
  let kept = 0;
  async function* observed(): AsyncGenerator<Buffer> {
    for await (const chunk of content.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      if (kept < REPORT_PART_READ_BYTES) {
        const part = chunk.subarray(0, REPORT_PART_READ_BYTES - kept);
        head.push(part);
        kept += part.length;
      }
      yield chunk;
    }
  }
  const bytes = observed();
  const message = parseAsMessage
    ? await parseMessage(bytes, limits, undefined, true).catch(() => undefined)
    : undefined;
  // Whatever the nested parse left unread (or all of it) still has to pass for the outer parse to go on.
  for await (const _ of bytes);
  if (!content.readableEnded) for await (const _ of content);
  return { text: Buffer.concat(head).toString("utf8"), message };
}

interface Contents {
  text: MessageText | undefined;
  attachments: AttachmentInfo[];
  embeddedMessageIds: string[];
  attachedMessage: InboundEmail | undefined;
}

/** Takes what the parser emits: each attachment to the sink (or measured), report parts read, the text. */
async function collect(
  parser: StreamingParser,
  limits: MimeLimits,
  onAttachment: AttachmentSink | undefined,
  nested: boolean,
  inProgress: Set<AttachmentStream["content"]>,
): Promise<Contents> {
  const contents: Contents = {
    text: undefined,
    attachments: [],
    embeddedMessageIds: [],
    attachedMessage: undefined,
  };
  let attachedMessageRead = nested;
  for await (const data of parser as AsyncIterable<AttachmentStream | MessageText>) {
    if (data.type === "text") {
      contents.text = data;
      continue;
    }
    inProgress.add(data.content);
    const type = data.contentType.toLowerCase();
    if (REPORT_PART_TYPES.has(type)) {
      // The first attached message is how Outlook forwards "as attachment"; parsed, never stored.
      const parseAsMessage = type === "message/rfc822" && !attachedMessageRead;
      attachedMessageRead ||= parseAsMessage;
      const part = await readReportPart(data.content, limits, parseAsMessage);
      contents.embeddedMessageIds.push(...messageIdsIn(part.text));
      if (parseAsMessage) contents.attachedMessage = part.message;
    } else {
      const count = { bytes: 0 };
      const bytes = counted(data.content, count);
      if (onAttachment) {
        await onAttachment(contents.attachments.length, bytes).catch((error: unknown) => {
          throw new PassedOnError("storing an attachment failed", { cause: error });
        });
      }
      for await (const _ of bytes);
      contents.attachments.push({
        filename: storableLine(data.filename ?? "") || "attachment",
        contentType: data.contentType,
        size: count.bytes,
      });
    }
    inProgress.delete(data.content);
    data.release?.();
  }
  return contents;
}

async function parseMessage(
  raw: ByteStream | Uint8Array,
  limits: MimeLimits,
  onAttachment: AttachmentSink | undefined,
  nested: boolean,
): Promise<InboundEmail> {
  const budget = new MimeBudget(limits);
  const parser = budgetedParser(budget);
  // An attachment being read when the parse fails is ended too, so no upload waits on it for ever.
  const inProgress = new Set<AttachmentStream["content"]>();
  let contents: Contents;
  try {
    [, contents] = await Promise.all([
      feed(raw, parser),
      collect(parser, limits, onAttachment, nested, inProgress),
    ]);
  } catch (error) {
    parser.destroy();
    for (const content of inProgress) content.destroy();
    // The header block was read before the first part over budget, so the ledger can name the message.
    if (budget.failure) throw new MailBudgetError(budget.failure.reason, { messageId: parser.messageId });
    if (error instanceof PassedOnError) throw error.cause;
    throw new MailParseError("message could not be parsed as MIME", { cause: error });
  }

  if (!parser.headerLines || parser.headerLines.length === 0) {
    throw new MailParseError("message has no header section");
  }
  const html = contents.text?.html ?? "";
  if (html.length > limits.maxHtmlChars)
    throw new MailBudgetError("html-too-large", { messageId: parser.messageId });
  const text = contents.text?.text ?? "";
  const headerLines = headerLinesOf(parser.headerLines);
  return {
    messageId: parser.messageId,
    from: firstAddress(parser.from),
    replyTo: firstAddress(parser.replyTo),
    to: allAddresses(parser.to),
    subject: storableLine(parser.subject ?? ""),
    date: parser.date?.toISOString(),
    inReplyTo: parser.inReplyTo,
    references: toList(parser.references),
    contentType: mediaTypeOf(parser),
    text: storableText(text.trim() === "" && html ? htmlToText(html) : text),
    headers: headerMap(headerLines),
    headerLines,
    htmlLength: html.length,
    attachments: contents.attachments,
    embeddedMessageIds: contents.embeddedMessageIds,
    attachedMessage: contents.attachedMessage,
  };
}

export class MailparserMailParser implements MailParser {
  parse(
    raw: ByteStream | Uint8Array,
    limits: MimeLimits,
    onAttachment?: AttachmentSink,
  ): Promise<InboundEmail> {
    return parseMessage(raw, limits, onAttachment, false);
  }
}
