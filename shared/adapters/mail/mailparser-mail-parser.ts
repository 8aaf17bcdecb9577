// Raw MIME → Heed's InboundEmail, using mailparser with only the work the pipeline needs: no text→HTML,
// no link detection, and HTML→text only when a message has no plain-text part. mailparser's types stay here.

import { type AddressObject, type HeaderLines, simpleParser } from "mailparser";
import type { HeaderMap, InboundEmail, MailAddress } from "../../domain/mail";
import { MailParseError, type MailParser } from "../../ports";

const LEAN_OPTIONS = {
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  keepCidLinks: true,
  checksumAlgo: false,
} as const;

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

/** Unfolded header values by lower-cased name, kept in message order. */
function headerMap(lines: HeaderLines): HeaderMap {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(":");
    const value = (colon < 0 ? "" : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, " ").trim();
    const values = map.get(key) ?? [];
    values.push(value);
    map.set(key, values);
  }
  return map;
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);
}

export class MailparserMailParser implements MailParser {
  async parse(raw: Buffer): Promise<InboundEmail> {
    const parsed = await simpleParser(raw, LEAN_OPTIONS).catch((error: unknown) => {
      throw new MailParseError("message could not be parsed as MIME", { cause: error });
    });
    if (parsed.headerLines.length === 0) throw new MailParseError("message has no header section");
    const contentType = parsed.headers.get("content-type");
    const mediaType =
      typeof contentType === "object" && contentType !== null && "value" in contentType
        ? String(contentType.value)
        : "text/plain";
    return {
      messageId: parsed.messageId,
      from: firstAddress(parsed.from),
      replyTo: firstAddress(parsed.replyTo),
      to: allAddresses(parsed.to),
      subject: parsed.subject ?? "",
      date: parsed.date?.toISOString(),
      inReplyTo: parsed.inReplyTo,
      references: toList(parsed.references),
      contentType: mediaType.toLowerCase(),
      text: parsed.text ?? "",
      headers: headerMap(parsed.headerLines),
      attachments: parsed.attachments.map((attachment) => ({
        filename: attachment.filename ?? "attachment",
        contentType: attachment.contentType,
        size: attachment.size,
      })),
    };
  }
}
