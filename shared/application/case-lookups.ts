// Finding a case in one step (reliable 3.3): whatever a colleague types — a case reference, however
// cased and even with a mistyped check character, an email address, a phone number in any format, a
// postcode or an order number — is recognised and looked up through lookup items written when the case
// was recorded or corrected, never by scanning. recordCase writes them with the case.

import type { CaseRecord } from "../domain/case";
import { normalisePhone, normalisePostcode } from "../domain/extraction";
import { normaliseEmailAddress } from "../domain/mail";
import { parseReference } from "../domain/reference";
import type { CaseStore, LookupKind } from "../ports";
import type { CaseSummary } from "./case-queries";

export type PhoneRegion = Parameters<typeof normalisePhone>[1];

/** The reference type the policy gives a card named by its last digits ("card ending 7731"). */
const CARD_ENDING = "card-ending";

export interface CaseLookup {
  kind: LookupKind;
  value: string;
}

/** The lookups that find a case by phone, postcode and transaction reference, beside intake's email lookup. */
export function caseLookups(record: CaseRecord): CaseLookup[] {
  const phones = new Set<string>();
  const postcodes = new Set<string>();
  if (record.customer.phone) phones.add(record.customer.phone);
  if (record.customer.postcode) postcodes.add(record.customer.postcode);
  for (const detail of record.extracted) {
    if (detail.confidence === "low" || detail.kind === "other-party") continue;
    if (detail.field === "phone" && detail.value.startsWith("+")) phones.add(detail.value);
    if (detail.field === "postcode") {
      const postcode = normalisePostcode(detail.value);
      if (postcode) postcodes.add(postcode);
    }
  }
  // A card's last four digits are shared by many customers: a search by them would list strangers' cases.
  const cardEndings = new Set(
    record.extracted
      .filter((detail) => detail.field === "transaction-reference" && detail.kind === CARD_ENDING)
      .map((detail) => transactionKey(detail.value)),
  );
  const transactions = new Set(
    record.transactionReferences.map(transactionKey).filter((key) => key && !cardEndings.has(key)),
  );
  return [
    ...[...phones].map((value) => ({ kind: "phone" as const, value })),
    ...[...postcodes].map((value) => ({ kind: "postcode" as const, value })),
    ...[...transactions].map((value) => ({ kind: "transaction" as const, value })),
  ];
}

/** Writes the case's phone, postcode and transaction lookups; idempotent, so a retry may repeat it. */
export async function addCaseLookups(
  record: CaseRecord,
  cases: Pick<CaseStore, "addLookups">,
): Promise<void> {
  await cases.addLookups(record.reference, caseLookups(record));
}

/**
 * References compare without case or spaces: a number the customer wrote in groups ("8820 1147 63") is
 * found however a colleague types it.
 */
export function transactionKey(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

export type DetectedQuery =
  | { kind: "reference"; reference: string }
  | { kind: "mistyped-reference"; suggestion: string | undefined }
  | { kind: "lookups"; lookups: CaseLookup[] }
  | { kind: "unrecognised" };

const LOOKS_LIKE_REFERENCE = /^\s*CS[-\s]?[0-9A-Z]{8}\s*$/i;
const PHONE_CHARACTERS = /^[+\d\s().-]+$/;

/** What the colleague typed: a reference, or the lookups to try for it. */
export function detectQuery(input: string, region: PhoneRegion): DetectedQuery {
  const query = input.trim();
  if (!query) return { kind: "unrecognised" };
  if (LOOKS_LIKE_REFERENCE.test(query)) {
    const parsed = parseReference(query);
    return parsed.valid
      ? { kind: "reference", reference: parsed.reference }
      : { kind: "mistyped-reference", suggestion: parsed.suggestion };
  }
  if (query.includes("@"))
    return { kind: "lookups", lookups: [{ kind: "email", value: normaliseEmailAddress(query) }] };
  const postcode = normalisePostcode(query);
  if (postcode) return { kind: "lookups", lookups: [{ kind: "postcode", value: postcode }] };
  const lookups: CaseLookup[] = [];
  const phone = PHONE_CHARACTERS.test(query) ? normalisePhone(query, region) : undefined;
  if (phone) lookups.push({ kind: "phone", value: phone });
  // A run of digits may be a phone number or an order number: both are tried.
  if (/\d/.test(query) && query.length <= 64)
    lookups.push({ kind: "transaction", value: transactionKey(query) });
  return lookups.length > 0 ? { kind: "lookups", lookups } : { kind: "unrecognised" };
}

/** Newest first, as the case list of the staff API shows them. */
export function summariseCases(records: readonly CaseRecord[]): CaseSummary[] {
  return [...records]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((record) => ({
      reference: record.reference,
      subject: record.subject,
      status: record.status,
      createdAt: record.createdAt,
      kind: record.classification.kind,
      referralLevel: record.referral.level,
    }));
}

export type SearchResult =
  | { found: "cases"; searched: LookupKind[]; cases: CaseSummary[] }
  | { found: "suggestion"; suggestion: string }
  | { found: "nothing"; reason: "unrecognised" | "mistyped-reference" | "no-match" };

export async function searchCases(
  input: string,
  cases: Pick<CaseStore, "getCase" | "findCaseReferences">,
  region: PhoneRegion,
): Promise<SearchResult> {
  const detected = detectQuery(input, region);
  if (detected.kind === "unrecognised") return { found: "nothing", reason: "unrecognised" };
  if (detected.kind === "mistyped-reference") {
    return detected.suggestion && (await cases.getCase(detected.suggestion))
      ? { found: "suggestion", suggestion: detected.suggestion }
      : { found: "nothing", reason: "mistyped-reference" };
  }
  if (detected.kind === "reference") {
    const record = await cases.getCase(detected.reference);
    return record
      ? { found: "cases", searched: [], cases: summariseCases([record]) }
      : { found: "nothing", reason: "no-match" };
  }
  const references = new Set(
    (
      await Promise.all(detected.lookups.map(({ kind, value }) => cases.findCaseReferences(kind, value)))
    ).flat(),
  );
  const records = await Promise.all([...references].map((reference) => cases.getCase(reference)));
  const found = records.filter((record): record is CaseRecord => record !== undefined);
  if (found.length === 0) return { found: "nothing", reason: "no-match" };
  return { found: "cases", searched: detected.lookups.map(({ kind }) => kind), cases: summariseCases(found) };
}
