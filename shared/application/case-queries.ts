// What staff read about cases: one case with its timeline, cases found by a customer's email or a
// message id, and the intake ledger entry for a message. Read-only.

import type { CaseRecord, TimelineEvent } from "../domain/case";
import type { IntakeEntry } from "../domain/intake";
import { normaliseEmailAddress, normaliseMessageId } from "../domain/mail";
import { parseReference } from "../domain/reference";
import type { CaseStore, IntakeLedger } from "../ports";

export interface CaseView {
  case: CaseRecord;
  timeline: TimelineEvent[];
}

export type CaseLookupResult =
  | { found: true; view: CaseView }
  | { found: false; reason: "invalid-reference"; suggestion?: string }
  | { found: false; reason: "not-found" };

export async function getCaseView(input: string, cases: CaseStore): Promise<CaseLookupResult> {
  const parsed = parseReference(input);
  if (!parsed.valid) {
    return parsed.suggestion && (await cases.getCase(parsed.suggestion))
      ? { found: false, reason: "invalid-reference", suggestion: parsed.suggestion }
      : { found: false, reason: "invalid-reference" };
  }
  const record = await cases.getCase(parsed.reference);
  if (!record) return { found: false, reason: "not-found" };
  return { found: true, view: { case: record, timeline: await cases.timeline(parsed.reference) } };
}

export interface CaseSummary {
  reference: string;
  subject: string;
  status: CaseRecord["status"];
  createdAt: string;
  kind: string;
  referralLevel: string;
}

export type CaseSearch = { email: string } | { messageId: string };

export async function findCases(search: CaseSearch, cases: CaseStore): Promise<CaseSummary[]> {
  const references =
    "email" in search
      ? await cases.findCaseReferences("email", normaliseEmailAddress(search.email))
      : await cases.findCaseReferences("message-id", normaliseMessageId(search.messageId));
  const records = await Promise.all(references.map((reference) => cases.getCase(reference)));
  return records
    .filter((record): record is CaseRecord => record !== undefined)
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

export async function findIntakeEntries(
  search: { messageId: string } | { intakeId: string },
  ledger: IntakeLedger,
): Promise<IntakeEntry[]> {
  if ("intakeId" in search) {
    const entry = await ledger.get(search.intakeId);
    return entry ? [entry] : [];
  }
  return ledger.findByMessageId(normaliseMessageId(search.messageId));
}
