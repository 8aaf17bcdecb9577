// What staff read about cases: cases found by a customer's email or a message id, and the intake ledger
// entry for a message. Read-only; one case with its timeline is staff-work/view-case.ts.

import type { CaseRecord } from "../domain/case";
import type { IntakeEntry } from "../domain/intake";
import { normaliseEmailAddress, normaliseMessageId } from "../domain/mail";
import type { CaseStore, IntakeLedger } from "../ports";

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
