// Finds the reference codes a customer gives for themselves or their transaction (order, account,
// booking, claim, policy, job numbers; an earlier complaint's reference from the organisation's letters)
// using the policy's keywords ("order number 55812", "acc 2290017", "orders 104700 and 104851") and
// patterns ("#100234", "CMP-20417", a long number on its own), so staff can look the transaction up and
// the customer is not asked for what they already gave. A card given by its last digits ("card ending
// 7731") is kept as such; dates, years, phone numbers, amounts, times and payment card numbers are never
// a reference, nor is Heed's own case reference.

import { phraseSource } from "../classification/phrases";
import type { Policy } from "../policy/organisation-policy";

type ReferenceRules = Pick<Policy["extraction"], "transactionReferences" | "minimumReferenceDigits">;

export interface FoundReference {
  /** The type from the policy: order, invoice, account, tracking… */
  type: string;
  /** Upper-case, without a leading "#", spaces between digit groups kept as one space. */
  value: string;
  index: number;
  length: number;
}

interface CompiledType {
  type: string;
  keyword: RegExp | undefined;
  patterns: RegExp[];
}

/** Words that may stand between a keyword and its value: "order number:", "acc (ref", "commande n°", "rhif". */
const QUALIFIER =
  "(?:\\s*\\(?\\s*(?:number|no\\.?|num|ref(?:erence)?\\.?|id|code|serial|n°|nº|numéro|rhif)(?![\\p{L}]))?";
const JOINER = "\\s*(?:is|was|:|=|-|\\()?\\s*#?\\s*";
/** What follows a number and makes it a quantity, a time or a date rather than part of a reference. */
const NOT_A_GROUP =
  "(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|items?|am|pm|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\p{L}*)(?![\\p{L}])";
/** Short words that come before a number without being part of its code: "on 14 11 2024", "tel 0113 496 0999". */
const NOT_A_PREFIX =
  "(?!(?:on|at|in|is|was|by|to|of|or|and|the|for|from|no|me|my|it|we|us|am|pm|tel|mob|ph|fax|call|ring|text|with|till|due|date|dob|aged?|age|over|just|only|now|then|upto|up|ends?|ending)(?![\\p{L}]))";
/** A group of digits after a space in a code written in groups, not a time, a date or a quantity after it. */
const GROUP = `[ \\u00A0]\\d{2,6}(?![\\p{L}\\p{N}])(?![ \\t]*(?:[.:]\\d|${NOT_A_GROUP}))`;
/**
 * A code as written: letters and digits joined by single hyphens or slashes ("HW/2026/11842"), a number
 * written in groups on one line ("8820 1147 63"), or a few letters before such groups ("MV 2209 4471").
 */
const VALUE = `(?=[\\p{L}\\p{N}/-]*\\p{N}|\\p{L}{1,4}${GROUP})(\\d+(?:${GROUP})*(?![\\p{L}\\p{N}]|[-/][\\p{L}\\p{N}])|${NOT_A_PREFIX}\\p{L}{1,4}(?:${GROUP}){1,4}(?:[ \\u00A0]gb)?(?![\\p{L}\\p{N}]|[-/][\\p{L}\\p{N}])|[\\p{L}\\p{N}](?:[\\p{L}\\p{N}]|[-/](?=[\\p{L}\\p{N}]))*)`;
/** A further value in a list after a keyword: "orders 104700, 104851 and 105002". */
const NEXT_IN_LIST = new RegExp(`(?:\\s*,\\s*(?:and\\s+|or\\s+)?|\\s+(?:and|&|or)\\s+)#?${VALUE}`, "iuy");

function keywordPattern(keywords: readonly string[]): RegExp {
  const alternatives = [...keywords].sort((a, b) => b.length - a.length).map(phraseSource);
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})s?(?![\\p{L}])${QUALIFIER}${JOINER}${VALUE}`,
    "giu",
  );
}

const compiled = new WeakMap<ReferenceRules["transactionReferences"], CompiledType[]>();
function compile(rules: ReferenceRules["transactionReferences"]): CompiledType[] {
  let types = compiled.get(rules);
  if (!types) {
    types = Object.entries(rules).map(([type, { keywords, patterns }]) => ({
      type,
      keyword: keywords.length > 0 ? keywordPattern(keywords) : undefined,
      patterns: patterns.map((source) => new RegExp(source, "giu")),
    }));
    compiled.set(rules, types);
  }
  return types;
}

/** Heed's own case and customer references are never a transaction's. */
const HEED_REFERENCE = /^C[SU]-/;
const DATE = /^\d{1,4}([-/.])\d{1,2}\1\d{1,4}$|^\d{1,2}[-/.]\d{1,2}$/;
const YEAR = /^(?:19|20)\d\d$/;
/** A UK phone number however it is grouped: 01, 02, 03, 05, 07, 08 or 09 and 8 or 9 more digits. */
const PHONE = /^0[1235789]\d{8,9}$/;

/** A Visa, Mastercard or American Express number's first digits and length. */
const PAYMENT_CARD = /^(?:4\d{12}(?:\d{3})?|5[1-5]\d{14}|2[2-7]\d{14}|3[47]\d{13})$/;

/** The Luhn check every payment card number passes. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    const weighed = i % 2 === 1 ? digit * 2 : digit;
    sum += weighed > 9 ? weighed - 9 : weighed;
  }
  return sum % 10 === 0;
}

/**
 * A code a keyword introduces may have fewer digits when it mixes them with letters, as booking
 * references do ("booking KX7P2QRB"): six characters or more, two of them digits.
 */
const MIXED_CODE = /^(?=(?:[^\d]*\d){2})(?=.*\p{L})[\p{L}\p{N}/-]{6,}$/u;

/** A few letters before groups of digits: "PW 4410 9982 20", "MV 2209 4471", "RM 7730 2291 GB". */
const PREFIXED_GROUPS = /^\p{L}{1,4}(?: \d+)+(?: GB)?$/u;

/** Longer than any reference a customer copies from a letter or a screen: a run of text, not a code. */
const LONGEST = 40;

function isReference(value: string, minimumDigits: number, afterKeyword: boolean): boolean {
  const digits = value.replace(/\D/g, "");
  // Heed's own references are not the customer's; digits hidden behind x's are a pattern, not a code.
  if (value.length > LONGEST || HEED_REFERENCE.test(value) || /XXX/.test(value)) return false;
  if (digits.length < minimumDigits && !(afterKeyword && MIXED_CODE.test(value))) return false;
  if (DATE.test(value) || YEAR.test(value)) return false;
  // A word before a phone or card number's groups ("TEXT 07700 900 608") does not make it a code.
  if (!/^[\d\s-]+$/.test(value) && !PREFIXED_GROUPS.test(value)) return true;
  // A payment card's number is not kept: it is not how a transaction is looked up, and a case must not hold it.
  return !PHONE.test(digits) && !(PAYMENT_CARD.test(digits) && passesLuhn(digits));
}

export function findTransactionReferences(text: string, rules: ReferenceRules): FoundReference[] {
  const found: FoundReference[] = [];
  const seen = new Set<string>();
  const add = (type: string, captured: string, index: number, afterKeyword: boolean): boolean => {
    const value = captured.replace(/^#/, "").replace(/-+$/, "").replace(/\s+/g, " ").toUpperCase();
    if (!isReference(value, rules.minimumReferenceDigits, afterKeyword)) return false;
    const overlaps = found.some((r) => index < r.index + r.length && r.index < index + captured.length);
    if (!seen.has(value) && !overlaps) {
      seen.add(value);
      found.push({ type, value, index, length: captured.length });
    }
    return true;
  };
  const types = compile(rules.transactionReferences);
  // A keyword names the type, so keywords are read first; a pattern then finds a code standing alone.
  for (const { type, keyword } of types) {
    if (!keyword) continue;
    for (const match of text.matchAll(keyword)) {
      const captured = match[1] ?? match[0];
      if (!add(type, captured, match.index + match[0].length - captured.length, true)) continue;
      NEXT_IN_LIST.lastIndex = match.index + match[0].length;
      for (let next = NEXT_IN_LIST.exec(text); next; next = NEXT_IN_LIST.exec(text)) {
        const value = next[1] ?? "";
        if (!add(type, value, next.index + next[0].length - value.length, true)) break;
      }
    }
  }
  for (const { type, patterns } of types) {
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const captured = match[1] ?? match[0];
        add(type, captured, match.index + match[0].lastIndexOf(captured), false);
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
