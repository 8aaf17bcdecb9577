// Raw MIME → Heed's InboundEmail, using mailparser with only the work the pipeline needs: no text→HTML,
// no link detection, and HTML→text only when a message has no plain-text part. The structure is measured
// first, so a message over the MIME budgets is refused before it is expanded. mailparser's types stay here.

import { type AddressObject, type HeaderLines, type ParsedMail, simpleParser } from "mailparser";
import type { HeaderLine, HeaderMap, InboundEmail, MailAddress } from "../../domain/mail";
import type { MimeLimits } from "../../domain/mime-limits";
import { MailBudgetError, MailParseError, type MailParser } from "../../ports";
import { scanMimeStructure } from "./mime-structure";

const LEAN_OPTIONS = {
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  keepCidLinks: true,
  keepDeliveryStatus: true,
  checksumAlgo: false,
} as const;

const REPORT_PART_TYPES = new Set(["message/delivery-status", "text/rfc822-headers", "message/rfc822"]);

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
        .map((member) => ({ address: member.address ?? "", name: member.name ?? "" }));
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

function mediaTypeOf(parsed: ParsedMail): string {
  const contentType = parsed.headers.get("content-type");
  const value =
    typeof contentType === "object" && contentType !== null && "value" in contentType
      ? String(contentType.value)
      : "text/plain";
  return value.toLowerCase();
}

export class MailparserMailParser implements MailParser {
  async parse(raw: Buffer, limits: MimeLimits, nested = false): Promise<InboundEmail> {
    await scanMimeStructure(raw, limits);
    const parsed = await simpleParser(raw, {
      ...LEAN_OPTIONS,
      maxHtmlLengthToParse: limits.maxHtmlChars,
    }).catch((error: unknown) => {
      throw new MailParseError("message could not be parsed as MIME", { cause: error });
    });
    if (parsed.headerLines.length === 0) throw new MailParseError("message has no header section");
    const htmlLength = typeof parsed.html === "string" ? parsed.html.length : 0;
    if (htmlLength > limits.maxHtmlChars) throw new MailBudgetError("html-too-large");

    const reportParts = parsed.attachments.filter((a) => REPORT_PART_TYPES.has(a.contentType.toLowerCase()));
    const attachedRaw = parsed.attachments.find((a) => a.contentType.toLowerCase() === "message/rfc822");
    const attachedMessage =
      attachedRaw && !nested
        ? await this.parse(attachedRaw.content, limits, true).catch(() => undefined)
        : undefined;
    const headerLines = headerLinesOf(parsed.headerLines);
    return {
      messageId: parsed.messageId,
      from: firstAddress(parsed.from),
      replyTo: firstAddress(parsed.replyTo),
      to: allAddresses(parsed.to),
      subject: parsed.subject ?? "",
      date: parsed.date?.toISOString(),
      inReplyTo: parsed.inReplyTo,
      references: toList(parsed.references),
      contentType: mediaTypeOf(parsed),
      text: parsed.text ?? "",
      headers: headerMap(headerLines),
      headerLines,
      htmlLength,
      attachments: parsed.attachments
        .filter((a) => !REPORT_PART_TYPES.has(a.contentType.toLowerCase()))
        .map((a) => ({
          filename: a.filename ?? "attachment",
          contentType: a.contentType,
          size: a.size,
          content: a.content,
        })),
      embeddedMessageIds: reportParts.flatMap((part) => messageIdsIn(part.content.toString("utf8"))),
      attachedMessage,
    };
  }
}
