// The case table's personal-data removals applied to the cases in memory, each call noted in order, so
// retention and erasure tests can see what was purged, what was kept, and which expiry was stamped.

import type { CaseRecord } from "../../../shared/domain/case";
import type { FeedbackReportEntry } from "../../../shared/domain/outcomes";
import type { LegalHold } from "../../../shared/domain/retention";
import type { LookupKind, PersonalDataStore } from "../../../shared/ports";
import type { MemoryCases } from "../communication-fakes";

export class MemoryPersonalData implements PersonalDataStore {
  readonly calls: string[] = [];
  constructor(
    private readonly cases: MemoryCases,
    private readonly feedbackReport: FeedbackReportEntry[],
  ) {}
  async purgeCase(
    reference: string,
    remains: CaseRecord | undefined,
    lookups: { kind: LookupKind; value: string }[],
  ) {
    this.calls.push(`purge-case ${reference}`);
    for (const { kind, value } of lookups) this.cases.lookups.get(`${kind}#${value}`)?.delete(reference);
    for (const key of [...this.cases.events.keys()])
      if (key.startsWith(`${reference}#`)) this.cases.events.delete(key);
    if (remains) this.cases.cases.set(reference, remains);
    else this.cases.cases.delete(reference);
  }
  async purgeIntakeEntry(intakeId: string) {
    this.calls.push(`purge-input ${intakeId}`);
  }
  async eraseFeedbackComment(reference: string, feedbackAt: string) {
    for (const entry of this.feedbackReport)
      if (entry.caseReference === reference && entry.at === feedbackAt) delete entry.comment;
  }
  async deleteCustomer(email: string) {
    this.calls.push(`delete-customer ${email}`);
  }
  async setExpiry(reference: string, expiresAt: number | undefined) {
    this.calls.push(`expiry ${reference} ${expiresAt ?? "none"}`);
  }
  async setLegalHold(reference: string, hold: LegalHold | undefined) {
    this.calls.push(`hold ${reference} ${hold ? "placed" : "lifted"}`);
    return true;
  }
}
