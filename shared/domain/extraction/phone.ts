// Finds phone numbers, normalises them to E.164 with libphonenumber-js, and works out whose each one
// is from the words nearest to it: "call me on…" or a signature line makes it the customer's; a courier,
// our helpline or "I rang you on…" makes it someone else's. The organisation's own numbers are never kept.

import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import { normaliseText, occurrences } from "../classification/phrases";

export interface PhoneContext {
  customer: readonly string[];
  otherParty: readonly string[];
}

export interface FoundPhone {
  /** E.164, e.g. +447700900123. */
  value: string;
  index: number;
  length: number;
  /** Whose the nearest words say it is; undefined when nothing near it says. */
  whose: "customer" | "other-party" | undefined;
}

/**
 * Something that starts like a phone number (+, 00, 0 or "(0") and runs on in digits, spaces, dots,
 * dashes and brackets on one line. Not after a letter, digit, "#", "-" or "/", so references and dates are not taken.
 */
const CANDIDATE = /(?<![\p{L}\p{N}#/£.,+-])(?:\+|\(?0)[\d ().-]{7,22}\d(?!\p{N})/gu;

/** Every stretch of the text that looks like a phone number (nine or more digits), valid or not. */
export function phoneLikeStretches(text: string): { index: number; length: number }[] {
  return [...text.matchAll(CANDIDATE)]
    .filter((match) => match[0].replace(/\D/g, "").length >= 9)
    .map((match) => ({ index: match.index, length: match[0].length }));
}

export function normalisePhone(text: string, region: CountryCode): string | undefined {
  const digits = text.replace(/\D/g, "");
  if (digits.length < 9 || digits.length > 15) return undefined;
  const number = parsePhoneNumberFromString(text, region);
  return number?.isPossible() ? number.number : undefined;
}

/** The end of the last occurrence of any of the phrases in the text, or -1. */
function lastEnd(text: string, phrases: readonly string[]): number {
  let end = -1;
  for (const phrase of phrases)
    for (const at of occurrences(text, phrase)) end = Math.max(end, at + normaliseText(phrase).length);
  return end;
}

function firstStart(text: string, phrases: readonly string[]): number {
  let start = Number.POSITIVE_INFINITY;
  for (const phrase of phrases) {
    const at = occurrences(text, phrase).next();
    if (!at.done) start = Math.min(start, at.value);
  }
  return start;
}

/** The words before the number in its sentence decide; failing those, the words after it on its line. */
function whoseNumber(before: string, after: string, context: PhoneContext): FoundPhone["whose"] {
  const clauseBefore = normaliseText(before.split(/[.!?\n]/).pop() ?? "");
  const customerEnd = lastEnd(clauseBefore, context.customer);
  const otherEnd = lastEnd(clauseBefore, context.otherParty);
  if (customerEnd >= 0 || otherEnd >= 0) return otherEnd > customerEnd ? "other-party" : "customer";
  const clauseAfter = normaliseText(after.split(/[.!?\n]/)[0] ?? "");
  const customerStart = firstStart(clauseAfter, context.customer);
  const otherStart = firstStart(clauseAfter, context.otherParty);
  if (customerStart === otherStart) return undefined;
  return otherStart < customerStart ? "other-party" : "customer";
}

export interface PhoneSearch {
  region: CountryCode;
  context: PhoneContext;
  /** E.164 numbers that are the organisation's own. */
  ownNumbers: ReadonlySet<string>;
  /** Stretches of the text already taken by something else (transaction references). */
  taken: readonly { index: number; length: number }[];
}

export function findPhones(text: string, search: PhoneSearch): FoundPhone[] {
  const found: FoundPhone[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const index = match.index;
    const end = index + match[0].length;
    if (search.taken.some((t) => index < t.index + t.length && t.index < end)) continue;
    const value = normalisePhone(match[0], search.region);
    if (!value) continue;
    const before = text.slice(Math.max(previousEnd, index - 80), index);
    previousEnd = end;
    if (search.ownNumbers.has(value)) continue;
    const after = text.slice(end, end + 60);
    found.push({ value, index, length: match[0].length, whose: whoseNumber(before, after, search.context) });
  }
  return found;
}
