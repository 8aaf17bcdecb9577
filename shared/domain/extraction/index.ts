// Takes from a message every detail that identifies the customer and their transaction: name, email,
// phone numbers, postal address and postcode, transaction references and the amount they claim. Each
// value records where it was found and how far it can be trusted, and the organisation's own details
// (numbers and postcodes quoted back from our letters) are never taken for the customer's.

import type { CountryCode } from "libphonenumber-js";
import { isInternalAddress } from "../mail";
import type { Policy } from "../policy/organisation-policy";
import { findAddresses, normalisePostcode } from "./address";
import { amountClaimed } from "./amounts";
import {
  bestDetail,
  type Confidence,
  confidenceOf,
  type DetailSource,
  type ExtractedDetail,
  type Role,
  type Segment,
} from "./detail";
import { type MessageParts, splitMessage } from "./message-parts";
import { isFullName, nameFromDisplayName, nameFromText } from "./name";
import { findPhones, normalisePhone } from "./phone";
import { type FoundReference, findTransactionReferences } from "./transaction-references";

export { normalisePostcode } from "./address";
export type { Confidence, DetailField, DetailSource, ExtractedDetail } from "./detail";
export { bestDetail } from "./detail";
export { normalisePhone } from "./phone";

export type ExtractionPolicy = Pick<Policy, "organisation" | "extraction">;

export interface MessageForExtraction {
  subject: string;
  text: string;
  /** The sender as the channel identified them, and where that came from (email header, form field…). */
  from: { email: string; name: string | undefined; source: DetailSource } | undefined;
}

export interface TransactionReference {
  type: string;
  value: string;
}

export interface ExtractedDetails {
  parts: MessageParts;
  /** Every detail found, the sender's first, then in the order of the message. */
  details: ExtractedDetail[];
  transactionReferences: TransactionReference[];
  /** In pounds: what the customer asks for back, where they mention a sum. */
  amountClaimed: number | undefined;
  /** The customer's own words: what they wrote now, and an earlier message of theirs they quote or forward. */
  customerText: string;
}

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

const ownNumbersByPolicy = new WeakMap<ExtractionPolicy["organisation"], Set<string>>();
function ownNumbers(policy: ExtractionPolicy): Set<string> {
  let numbers = ownNumbersByPolicy.get(policy.organisation);
  if (!numbers) {
    const region = policy.extraction.defaultRegion as CountryCode;
    numbers = new Set(
      policy.organisation.phoneNumbers.flatMap((number) => normalisePhone(number, region) ?? []),
    );
    ownNumbersByPolicy.set(policy.organisation, numbers);
  }
  return numbers;
}

/** One entry per field and value, keeping the most trusted sighting where it was first seen. */
export function withoutRepeats(details: readonly ExtractedDetail[]): ExtractedDetail[] {
  const kept: ExtractedDetail[] = [];
  const positions = new Map<string, number>();
  for (const detail of details) {
    const key = `${detail.field}\u0000${detail.value}`;
    const at = positions.get(key);
    if (at === undefined) {
      positions.set(key, kept.length);
      kept.push(detail);
    } else if (RANK[detail.confidence] > RANK[kept[at]?.confidence ?? "high"]) {
      kept[at] = detail;
    }
  }
  return kept;
}

function detail(
  field: ExtractedDetail["field"],
  value: string,
  segment: Pick<Segment, "source">,
  confidence: Confidence,
  kind?: string,
): ExtractedDetail {
  return { field, value, source: segment.source, confidence, ...(kind ? { kind } : {}) };
}

function names(message: MessageForExtraction, parts: MessageParts, label: (role: Role) => DetailSource) {
  const found: ExtractedDetail[] = [];
  const add = (name: string | undefined, role: Role, source: DetailSource) => {
    if (name) found.push(detail("name", name, { source }, isFullName(name) ? confidenceOf(role) : "medium"));
  };
  if (message.from) add(nameFromDisplayName(message.from.name), "header", message.from.source);
  add(parts.signOffName, "signature", label("signature"));
  add(nameFromText(parts.own), "body", label("body"));
  return found;
}

/** Whether the quoted message is the sender's own, by their address or name in its attribution line. */
function quotesThemselves(message: MessageForExtraction, parts: MessageParts): boolean {
  const attribution = parts.quotedFrom?.toLowerCase();
  if (!attribution) return false;
  const names = [message.from?.email, nameFromDisplayName(message.from?.name), parts.signOffName];
  return names.some(
    (name) => name !== undefined && name.length > 2 && attribution.includes(name.toLowerCase()),
  );
}

/**
 * @param origin `forwarded` when the text is a message forwarded inside another: its details are
 * recorded with the source `forwarded`, except what it quotes in turn.
 */
export function extractDetails(
  message: MessageForExtraction,
  policy: ExtractionPolicy,
  origin: "message" | "forwarded" = "message",
): ExtractedDetails {
  const { extraction, organisation } = policy;
  const parts = splitMessage(message.text, extraction.signOffs);
  const label = (role: Role): DetailSource =>
    origin === "forwarded" && role !== "quoted" ? "forwarded" : role;
  const segment = (text: string, role: Role): Segment => ({ text, role, source: label(role) });
  const header = segment(message.subject, "header");
  const theirOwnQuoted = quotesThemselves(message, parts);
  const inText = [
    segment(parts.own, "body"),
    segment(parts.signature, "signature"),
    // A customer chasing their own earlier message quotes their own details: trust them as their words.
    {
      text: parts.quoted,
      role: theirOwnQuoted ? "body" : "quoted",
      source: "quoted",
    } as const,
  ];

  const details: ExtractedDetail[] = [];
  if (message.from) details.push(detail("email", message.from.email, message.from, "high"));
  const nameDetails = names(message, parts, label);
  details.push(...nameDetails);

  const references = new Map<string, FoundReference>();
  const ownPostcodes = new Set(organisation.postcodes.map((p) => normalisePostcode(p) ?? p));
  for (const part of [header, ...inText]) {
    if (part.text === "") continue;
    const found = findTransactionReferences(part.text, extraction);
    for (const reference of found) {
      if (!references.has(reference.value)) references.set(reference.value, reference);
      details.push(
        detail(
          "transaction-reference",
          reference.value,
          part,
          part.role === "quoted" ? "medium" : "high",
          reference.type,
        ),
      );
    }
    if (part.role === "header") continue;

    for (const [email] of part.text.matchAll(EMAIL)) {
      const address = email.toLowerCase();
      if (address !== message.from?.email && !isInternalAddress(address, organisation.internalDomains))
        details.push(detail("email", address, part, confidenceOf(part.role)));
    }

    const phones = findPhones(part.text, {
      region: extraction.defaultRegion as CountryCode,
      context: extraction.phoneContext,
      ownNumbers: ownNumbers(policy),
      taken: found,
    });
    for (const phone of phones) {
      if (phone.whose === "other-party")
        details.push(detail("phone", phone.value, part, "low", "other-party"));
      else if (phone.whose === "customer" && part.role !== "quoted")
        details.push(detail("phone", phone.value, part, "high"));
      else details.push(detail("phone", phone.value, part, confidenceOf(part.role)));
    }

    const overlapsReference = (index: number) =>
      found.some((r) => index >= r.index && index < r.index + r.length);
    for (const address of findAddresses(
      part.text,
      nameDetails.map((n) => n.value),
    )) {
      if (ownPostcodes.has(address.postcode) || overlapsReference(address.index)) continue;
      details.push(detail("postcode", address.postcode, part, confidenceOf(part.role)));
      if (address.address) details.push(detail("address", address.address, part, confidenceOf(part.role)));
    }
  }

  const claimed = amountClaimed(`${message.subject}\n${parts.own}`, extraction.amountClaimWords);
  if (claimed !== undefined)
    details.push(detail("amount", claimed.toFixed(2), { source: label("body") }, "medium"));

  return {
    parts,
    details: withoutRepeats(details),
    transactionReferences: [...references.values()].map(({ type, value }) => ({ type, value })),
    amountClaimed: claimed,
    customerText: theirOwnQuoted && parts.quoted ? `${parts.own}\n\n${parts.quoted}` : parts.own,
  };
}

const FORWARD_MARKER = /forwarded message|begin forwarded|message transféré|neges wedi'i hanfon ymlaen/i;
/** English, French (with its space before the colon) and Welsh header lines of a forwarded message. */
const HEADER_LINE =
  /^\*?(from|sent|date|to|cc|subject|de|envoyé|à|objet|oddi wrth|at|pwnc|anfonwyd)\s?:\*?\s*(.*)$/i;
const FROM_FIELD =
  /^(?:"?([^"<[]*?)"?\s*)?[<[](?:mailto:)?([^>\]\s]+@[^>\]\s]+)[>\]]$|^([^\s<>]+@[^\s<>]+)$/i;

export interface ForwardedMessage extends ExtractedDetails {
  /** The original sender, from the forwarded block's own From line. */
  from: { email: string; name: string | undefined } | undefined;
  subject: string;
}

/**
 * Details of a message forwarded inside another one, given the forwarded block as the forward detection
 * cut it out (the "---------- Forwarded message ---------" line and its From/Date/Subject lines included or not).
 */
export function extractFromForwarded(block: string, policy: ExtractionPolicy): ForwardedMessage {
  const lines = block.replace(/\r\n?/g, "\n").split("\n");
  let index = 0;
  while (index < lines.length && (lines[index]?.trim() === "" || FORWARD_MARKER.test(lines[index] ?? "")))
    index++;
  const headers = new Map<string, string>();
  for (let match = HEADER_LINE.exec(lines[index]?.trim() ?? ""); match; ) {
    const name = match[1]?.toLowerCase() ?? "";
    if (!headers.has(name)) headers.set(name, match[2]?.trim() ?? "");
    index++;
    match = HEADER_LINE.exec(lines[index]?.trim() ?? "");
  }
  const fromField = FROM_FIELD.exec(
    headers.get("from") ?? headers.get("de") ?? headers.get("oddi wrth") ?? "",
  );
  const email = (fromField?.[2] ?? fromField?.[3])?.toLowerCase();
  const from = email ? { email, name: fromField?.[1]?.trim() || undefined } : undefined;
  const subject = headers.get("subject") ?? headers.get("objet") ?? headers.get("pwnc") ?? "";
  const details = extractDetails(
    { subject, text: lines.slice(index).join("\n"), from: from && { ...from, source: "forwarded" } },
    policy,
    "forwarded",
  );
  return { ...details, from, subject };
}

/** The customer's own value of each identifying field, the most trusted first-found one. */
export function customerDetailsFrom(details: readonly ExtractedDetail[]) {
  return {
    name: bestDetail(details, "name")?.value,
    phone: bestDetail(details, "phone")?.value,
    address: bestDetail(details, "address")?.value,
    postcode: bestDetail(details, "postcode")?.value,
  };
}
