// Finds UK postcodes (in any case, with or without the space) and the postal address written with
// them, whether on one line ("14 Mill Lane, Bath BA1 1AA") or over several lines of a signature.
// The postcode anchors the search: an address is read upwards from it, as a person would.

/** Outward code (A9, A99, AA9, AA99, A9A, AA9A) and inward code, with the letters each position allows. */
const POSTCODE_SOURCE =
  "([A-PR-UWYZ](?:\\d{1,2}|[A-HK-Y]\\d{1,2}|\\d[A-HJKPSTUW]|[A-HK-Y]\\d[ABEHMNPRV-Y])) ?(\\d[ABD-HJLNP-UW-Z]{2})";
const POSTCODE_IN_TEXT = new RegExp(`(?<![\\p{L}\\p{N}-])${POSTCODE_SOURCE}(?![\\p{L}\\p{N}])`, "giu");
const POSTCODE_EXACT = new RegExp(`^${POSTCODE_SOURCE}$`, "iu");

/** `ls6 3ab`, `LS63AB` and `ls6  3AB` all become `LS6 3AB`; anything that is not a postcode, undefined. */
export function normalisePostcode(text: string): string | undefined {
  const match = POSTCODE_EXACT.exec(text.trim().replace(/\s+/g, " "));
  return match ? `${match[1]?.toUpperCase()} ${match[2]?.toUpperCase()}` : undefined;
}

export interface FoundAddress {
  postcode: string;
  /** The lines of the address above the postcode, joined with commas; undefined when none were written. */
  address: string | undefined;
  /** Where the postcode starts in the text. */
  index: number;
  length: number;
}

const PREMISES = /^(?:flat|unit|apartment|apt|suite|room)\b/i;
const BUILDING =
  /\b(?:house|court|cottage|farm|lodge|building|mill|hall|manor|barn|mansions|villas?|towers?)$/i;
const HOUSE_NUMBER = /^\d+[a-z]?\b/i;
const LOWER_CASE_PLACE_WORDS = new Set([
  "upon",
  "on",
  "the",
  "in",
  "by",
  "under",
  "le",
  "de",
  "y",
  "yr",
  "and",
]);
/** A house number and street inside a sentence: "my address is 14 Mill Lane". */
const STREET_IN_SENTENCE =
  /(?:^|\s)((?:(?:[Ff]lat|[Uu]nit|[Aa]partment)\s+\w+,?\s+)?\d+[A-Za-z]?,?\s+\p{Lu}.*)$/u;

function looksLikeAddressPart(part: string, names: ReadonlySet<string>): boolean {
  const text = part.trim();
  if (text === "" || text.length > 60 || names.has(text.toLowerCase())) return false;
  if (/@|[.?!:]$/.test(text) || (text.match(/\d/g)?.length ?? 0) >= 7) return false;
  if (PREMISES.test(text) || HOUSE_NUMBER.test(text)) return true;
  return text
    .split(/\s+/)
    .every((word) => /^[\p{Lu}\p{N}]/u.test(word) || LOWER_CASE_PLACE_WORDS.has(word.toLowerCase()));
}

/**
 * Reads the comma-separated parts before the postcode on its line, from right to left. `complete` is
 * false only when every part was address-like and none began the address, so the lines above may hold the rest.
 */
function partsBefore(prefix: string, names: ReadonlySet<string>): { parts: string[]; complete: boolean } {
  const afterLabel = prefix.slice(prefix.lastIndexOf(":") + 1);
  const pieces = afterLabel
    .split(",")
    .map((piece) => piece.trim())
    .filter(Boolean);
  const parts: string[] = [];
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i] ?? "";
    if (looksLikeAddressPart(piece, names)) {
      parts.unshift(piece);
      if (HOUSE_NUMBER.test(piece) || PREMISES.test(piece)) return { parts, complete: true };
      continue;
    }
    const street = STREET_IN_SENTENCE.exec(piece)?.[1];
    if (street) parts.unshift(street.trim());
    return { parts, complete: true };
  }
  return { parts, complete: false };
}

/** A short all-lower-case line ("bath", "station road") may be part of an address, if a house number confirms it. */
const INFORMAL_PART = /^[\p{Ll}' -]{2,40}$/u;

/**
 * Lines above the postcode's line, upwards until a blank line, a sentence, a name or a house-number
 * line. Lines written in lower case count only when a house-number line above them confirms the address.
 */
function linesAbove(lines: readonly string[], from: number, names: ReadonlySet<string>): string[] {
  const parts: string[] = [];
  let firstInformal: number | undefined;
  for (let i = from - 1; i >= 0 && i >= from - 5; i--) {
    const line = (lines[i] ?? "").trim().replace(/,$/, "");
    const formal = looksLikeAddressPart(line, names);
    if (!formal && !INFORMAL_PART.test(line)) break;
    parts.unshift(line);
    if (!formal) firstInformal ??= parts.length;
    if (HOUSE_NUMBER.test(line)) {
      const above = (lines[i - 1] ?? "").trim().replace(/,$/, "");
      if ((PREMISES.test(above) || BUILDING.test(above)) && looksLikeAddressPart(above, names))
        parts.unshift(above);
      return parts;
    }
  }
  return firstInformal === undefined ? parts : parts.slice(parts.length - firstInformal + 1);
}

/**
 * Every postcode in the text with the address written with it.
 * @param names the customer's name as found elsewhere, so a name line above an address is not taken as part of it
 */
export function findAddresses(text: string, names: readonly string[] = []): FoundAddress[] {
  const nameSet = new Set(names.map((name) => name.trim().toLowerCase()));
  const lines = text.split("\n");
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const found: FoundAddress[] = [];
  for (const match of text.matchAll(POSTCODE_IN_TEXT)) {
    const postcode = normalisePostcode(match[0]);
    if (!postcode) continue;
    let lineIndex = lineStarts.length - 1;
    while (lineIndex > 0 && (lineStarts[lineIndex] ?? 0) > match.index) lineIndex--;
    const prefix = text.slice(lineStarts[lineIndex] ?? 0, match.index).replace(/[\s,]+$/, "");
    const before = partsBefore(prefix, nameSet);
    const parts = before.complete
      ? before.parts
      : [...linesAbove(lines, lineIndex, nameSet), ...before.parts];
    found.push({
      postcode,
      address: parts.length > 0 ? parts.join(", ") : undefined,
      index: match.index,
      length: match[0].length,
    });
  }
  return found;
}
