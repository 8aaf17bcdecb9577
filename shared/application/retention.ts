// Applies the retention policy on a schedule: a case past its period after closure is purged (its
// messages, raw mail and attachments deleted, the case kept only as anonymous statistics or removed),
// input no case holds is purged after its short period, and every case still kept carries the DynamoDB
// TTL backstop for its end date. Erasure uses the same purge, so both remove exactly the same things.

import type { CaseRecord, TimelineEvent } from "../domain/case";
import type { IntakeEntry } from "../domain/intake";
import {
  anonymisedCase,
  expiresAtSeconds,
  type RetentionPolicy,
  retentionDecision,
  uncasedInputExpired,
} from "../domain/retention";
import type {
  CaseStore,
  CaseTableInventory,
  Clock,
  Log,
  LookupKind,
  Metrics,
  PersonalDataStore,
  StoredObjects,
} from "../ports";

export interface PurgeDependencies {
  cases: Pick<CaseStore, "timeline" | "findCaseReferences">;
  store: PersonalDataStore;
  objects: StoredObjects;
  policy: RetentionPolicy;
}

export interface RetentionDependencies extends PurgeDependencies {
  table: CaseTableInventory;
  clock: Clock;
  log: Log;
  metrics: Metrics;
}

export interface RetentionReport {
  at: string;
  casesPurged: number;
  casesKept: { open: number; legalHold: number; withinPeriod: number };
  inputsPurged: number;
  expiryStamped: number;
}

/** `s3://bucket/key` → `key`: raw mail and attachments share the bucket the objects port is bound to. */
export function objectKeyOf(source: string | undefined): string | undefined {
  return source ? /^s3:\/\/[^/]+\/(.+)$/.exec(source)?.[1] : undefined;
}

/** Everything the case table keeps that finds this case: its customer's email and every message id. */
function lookupsOf(record: CaseRecord, timeline: TimelineEvent[]): { kind: LookupKind; value: string }[] {
  const messageIds = new Set<string>();
  if (record.inboundMessageId) messageIds.add(record.inboundMessageId);
  for (const event of timeline) {
    if ((event.type === "message-received" || event.type === "message-sent") && event.messageId) {
      messageIds.add(event.messageId);
    }
  }
  return [
    ...(record.customer.email ? [{ kind: "email" as const, value: record.customer.email }] : []),
    ...[...messageIds].map((value) => ({ kind: "message-id" as const, value })),
  ];
}

/** The keys of every raw message and attachment on the timeline. */
export function objectKeysOf(timeline: TimelineEvent[]): string[] {
  return timeline.flatMap((event) => {
    if (event.type !== "message-received") return [];
    const raw = objectKeyOf(event.rawLocation);
    return [...(raw ? [raw] : []), ...event.attachments.map((attachment) => attachment.storageKey)];
  });
}

/**
 * Removes a case's personal data in an order that can be run again after any failure: the objects
 * first (the timeline still says where they are), then the inputs and the timeline, the case last.
 */
export async function purgeCase(
  record: CaseRecord,
  entries: readonly IntakeEntry[],
  at: string,
  deps: PurgeDependencies,
): Promise<void> {
  const timeline = await deps.cases.timeline(record.reference);
  await deps.objects.delete(objectKeysOf(timeline));
  for (const entry of entries) {
    if (entry.result && "caseReference" in entry.result && entry.result.caseReference === record.reference) {
      await deps.store.purgeIntakeEntry(entry.intakeId, at);
    }
  }
  // Before the case goes, so a purge that stopped still finds the feedback when it runs again.
  if (record.feedback?.comment) await deps.store.eraseFeedbackComment(record.reference, record.feedback.at);
  const remains = deps.policy.expiry === "anonymise" ? anonymisedCase(record, at) : undefined;
  await deps.store.purgeCase(record.reference, remains, lookupsOf(record, timeline));
  const email = record.customer.email;
  if (email && (await deps.cases.findCaseReferences("email", email)).length === 0) {
    await deps.store.deleteCustomer(email);
  }
}

/** Purges an input no case holds: its raw object, if it is mail, and the personal part of its entry. */
export async function purgeUncasedInput(
  entry: IntakeEntry,
  at: string,
  deps: PurgeDependencies,
): Promise<void> {
  const key = entry.channel === "email" ? objectKeyOf(entry.source) : undefined;
  if (key) await deps.objects.delete([key]);
  await deps.store.purgeIntakeEntry(entry.intakeId, at);
}

function holdsCase(entry: IntakeEntry, cases: ReadonlyMap<string, CaseRecord>): boolean {
  const result = entry.result;
  if (!result || !("caseReference" in result)) return false;
  const record = cases.get(result.caseReference);
  return record !== undefined && !record.anonymisedAt;
}

export async function applyRetention(deps: RetentionDependencies): Promise<RetentionReport> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const { entries, cases } = await deps.table.read();
  const report: RetentionReport = {
    at,
    casesPurged: 0,
    casesKept: { open: 0, legalHold: 0, withinPeriod: 0 },
    inputsPurged: 0,
    expiryStamped: 0,
  };

  for (const record of cases) {
    const decision = retentionDecision(record, deps.policy, now);
    if (decision.action === "expire") {
      await purgeCase(record, entries, at, deps);
      report.casesPurged += 1;
      deps.log.info("case purged", { caseReference: record.reference, reason: "retention-period-ended" });
      continue;
    }
    if (decision.reason === "within-period") {
      report.casesKept.withinPeriod += 1;
      const expiresAt = expiresAtSeconds(decision.until, deps.policy);
      if (record.expiresAt !== expiresAt) {
        await deps.store.setExpiry(record.reference, expiresAt);
        report.expiryStamped += 1;
      }
    } else if (decision.reason === "legal-hold") {
      report.casesKept.legalHold += 1;
      if (record.expiresAt !== undefined) await deps.store.setExpiry(record.reference, undefined);
    } else if (decision.reason === "open") {
      report.casesKept.open += 1;
    }
  }

  // The map holds the cases as read, so the inputs of a case purged above count as held by it.
  const byReference = new Map(cases.map((record) => [record.reference, record]));
  for (const entry of entries) {
    // Undecided input is the reconciler's to finish, not retention's to remove.
    if (!entry.result || holdsCase(entry, byReference) || !uncasedInputExpired(entry, deps.policy, now)) {
      continue;
    }
    await purgeUncasedInput(entry, at, deps);
    report.inputsPurged += 1;
  }

  deps.metrics.publish({
    CasesPurged: report.casesPurged,
    InputsPurged: report.inputsPurged,
    CasesOnLegalHold: report.casesKept.legalHold,
  });
  deps.log.info("retention applied", {
    casesPurged: report.casesPurged,
    inputsPurged: report.inputsPurged,
    expiryStamped: report.expiryStamped,
    ...report.casesKept,
  });
  return report;
}
