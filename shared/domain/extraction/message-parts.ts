// Splits a message body into what the customer wrote now, their signature block, and the earlier
// messages they quoted. A detail means different things in each: a phone number under the customer's
// name is theirs; the same number in a quoted letter of ours is not.

import { phraseSource } from "../classification/phrases";

export interface MessageParts {
  /** What the customer wrote in this message, without signature or quoted text. */
  own: string;
  /** The block under their sign-off ("Kind regards, / Jane Smith / 07700 900123"), if any. */
  signature: string;
  /** The name given with the sign-off, when it looks like a person's name. */
  signOffName: string | undefined;
  /** Earlier messages quoted in this one, with the quotation marks removed. */
  quoted: string;
  /** The line saying whose message is quoted ("On 1 Nov, Jane Smith wrote:", "From: …"), if there is one. */
  quotedFrom: string | undefined;
}

/** Attribution lines mail programs put above a quoted message, in English, French and Welsh. */
const QUOTE_ATTRIBUTION = [
  /^on\b.{0,300}\bwrote:\s*$/i,
  /^le\b.{0,300}\ba [ée]crit\s*:\s*$/i,
  /^ar\b.{0,300}\bysgrifennodd\s*:?\s*$/i,
  /^-{2,}\s*original message\s*-{2,}\s*$/i,
];
const OUTLOOK_FROM = /^\*?from:\*?\s+\S/i;
const OUTLOOK_FOLLOWER = /^\*?(?:sent|date|to|subject):\*?\s/i;
const SIGNATURE_DELIMITER = /^--\s?$/;
const SEPARATOR = /^[\s_=-]*$/;

/** The attribution line at `i` (joined with the next when wrapped onto two lines), or undefined. */
function attributionAt(lines: readonly string[], i: number): string | undefined {
  const line = lines[i]?.trim() ?? "";
  const joined = `${line} ${lines[i + 1]?.trim() ?? ""}`;
  if (QUOTE_ATTRIBUTION.some((pattern) => pattern.test(line))) return line;
  if (/^(?:on|le|ar)\b/i.test(line) && QUOTE_ATTRIBUTION.some((pattern) => pattern.test(joined)))
    return joined;
  if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 4).some((next) => OUTLOOK_FOLLOWER.test(next.trim())))
    return line;
  return undefined;
}

/** Where the quoted part begins: an attribution line or an Outlook header block. */
function quoteStart(lines: readonly string[]): number {
  const start = lines.findIndex((_, i) => attributionAt(lines, i) !== undefined);
  return start < 0 ? lines.length : start;
}

const NAME_PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "da",
  "di",
  "du",
  "le",
  "la",
  "ap",
  "bin",
  "al",
]);
const NOT_NAME_WORDS = new Set(
  [
    "customer",
    "customers",
    "services",
    "service",
    "team",
    "support",
    "sales",
    "ltd",
    "limited",
    "plc",
    "llp",
    "inc",
    "group",
    "department",
    "office",
    "sent",
    "from",
    "regards",
    "thanks",
    "dear",
    "hello",
    "order",
    "account",
    "admin",
    "info",
    "manager",
    "director",
    "street",
    "road",
    "lane",
    "avenue",
    "close",
    "drive",
  ].map((w) => w.toLowerCase()),
);
const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|prof|rev|sir|dame|lady|lord)\.?$/i;

/** Removes a leading title ("Mrs J Smith" → "J Smith"), so a greeting never reads "Dear Mrs,". */
export function withoutTitle(name: string): string {
  const words = name.trim().split(/\s+/);
  while (words.length > 1 && TITLE.test(words[0] ?? "")) words.shift();
  return words.join(" ");
}

/** One to four capitalised words (particles such as "van" or "ap" allowed), no digits, no company words. */
export function looksLikePersonName(text: string): boolean {
  const words = withoutTitle(text).split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 4) return false;
  return words.every(
    (word, index) =>
      !NOT_NAME_WORDS.has(word.toLowerCase().replace(/[.,]$/, "")) &&
      ((index > 0 && NAME_PARTICLES.has(word)) || /^\p{Lu}[\p{L}'’-]*\.?$/u.test(word)),
  );
}

function signOffPattern(signOffs: readonly string[]): RegExp {
  const alternatives = [...signOffs].sort((a, b) => b.length - a.length).map(phraseSource);
  return new RegExp(`^(?:${alternatives.join("|")})(?![\\p{L}])[\\s,.!-]*(.*)$`, "iu");
}

const signOffPatterns = new WeakMap<readonly string[], RegExp>();

/**
 * The line a signature starts at: a sign-off alone or followed by a name ("Thanks, Jane"), searched from
 * the end of what the customer wrote, so "thanks for your help" in the middle of a sentence is not one.
 */
function findSignOff(
  lines: readonly string[],
  signOffs: readonly string[],
): { line: number; name: string | undefined } | undefined {
  let pattern = signOffPatterns.get(signOffs);
  if (!pattern) {
    pattern = signOffPattern(signOffs);
    signOffPatterns.set(signOffs, pattern);
  }
  const earliest = Math.max(0, lines.length - 15);
  for (let i = lines.length - 1; i >= earliest; i--) {
    const match = pattern.exec(lines[i]?.trim() ?? "");
    if (!match) continue;
    const rest = (match[1] ?? "").trim();
    if (rest !== "" && !looksLikePersonName(rest)) continue;
    const next = lines
      .slice(i + 1)
      .find((line) => line.trim() !== "")
      ?.trim();
    // "Thank you. / I look forward to hearing from you." is a sentence, not a sign-off.
    if (next !== undefined && /\s\S+\s.*[.?!]$/.test(next)) continue;
    const name = rest !== "" ? rest : next !== undefined && looksLikePersonName(next) ? next : undefined;
    return { line: i, name: name === undefined ? undefined : withoutTitle(name) };
  }
  return undefined;
}

/**
 * A trailing block of short lines with no sentence in it, headed by a name, is a signature even
 * without a sign-off: "Jane Smith / 12 High Street / Leeds LS1 4AB / 07700 900123".
 */
function findBareSignature(lines: readonly string[]): number | undefined {
  let start = lines.length;
  while (start > 0 && (lines[start - 1]?.trim() ?? "") !== "") start--;
  const block = lines.slice(start).map((line) => line.trim());
  if (block.length < 2 || block.length > 8) return undefined;
  if (block.some((line) => line.length > 60 || /[.?!]$/.test(line))) return undefined;
  return looksLikePersonName(block[0] ?? "") ? start : undefined;
}

function trimBlankEdges(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && SEPARATOR.test(lines[start] ?? "")) start++;
  while (end > start && SEPARATOR.test(lines[end - 1] ?? "")) end--;
  return lines.slice(start, end).join("\n");
}

export function splitMessage(text: string, signOffs: readonly string[]): MessageParts {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const start = quoteStart(lines);
  const own: string[] = [];
  const quoted: string[] = [];
  lines.forEach((line, index) => {
    const marked = /^\s*>/.test(line);
    if (index >= start || marked) quoted.push(line.replace(/^(?:\s*>)+ ?/, ""));
    else own.push(line);
  });

  while (own.length > 0 && SEPARATOR.test(own[own.length - 1] ?? "")) own.pop();
  const delimiter = own.findIndex((line) => SIGNATURE_DELIMITER.test(line));
  const signOff = findSignOff(delimiter >= 0 ? own.slice(0, delimiter) : own, signOffs);
  const signatureStart = signOff?.line ?? (delimiter >= 0 ? delimiter : findBareSignature(own));
  const signature = signatureStart === undefined ? [] : own.slice(signatureStart);
  let signOffName = signOff?.name;
  if (signOffName === undefined && signOff === undefined && signatureStart !== undefined) {
    const first = signature.find((line) => line.trim() !== "" && !SIGNATURE_DELIMITER.test(line))?.trim();
    if (first !== undefined && looksLikePersonName(first)) signOffName = withoutTitle(first);
  }
  return {
    own: trimBlankEdges(signatureStart === undefined ? own : own.slice(0, signatureStart)),
    signature: trimBlankEdges(signature.filter((line) => !SIGNATURE_DELIMITER.test(line))),
    signOffName,
    quoted: trimBlankEdges(quoted),
    quotedFrom: quoted.map((_, i) => attributionAt(quoted, i)).find((line) => line !== undefined),
  };
}
