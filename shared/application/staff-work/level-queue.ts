// A level's queue of open cases for the console's "my queue" page, most urgent first and then oldest.

import type { CaseRecord, ReferralLevel } from "../../domain/case";
import type { CaseStore, Clock, QueueEntry, WorkQueues } from "../../ports";
import { type QueueClock, queueClock } from "../complaint-clocks";

export interface QueueItem {
  reference: string;
  subject: string;
  kind: string;
  category: string;
  signals: string[];
  urgent: boolean;
  receivedAt: string;
  referredAt: string;
  /** Whole hours since the case was received. */
  ageHours: number;
  reason: string;
  claimedBy: string | null;
  acknowledgement: string;
  /** The complaint clock with the least time left, if one runs. */
  clock: QueueClock | null;
}

export interface QueueDependencies {
  queues: WorkQueues;
  cases: Pick<CaseStore, "getCase">;
  clock: Clock;
}

/**
 * The level's open cases, most urgent first and then oldest first. Entries whose case has closed or
 * moved to another level are settled on the way, so the queue stays short without a sweep.
 */
export async function levelQueue(level: ReferralLevel, deps: QueueDependencies): Promise<QueueItem[]> {
  const now = deps.clock.now();
  const entries = await deps.queues.list(level);
  const loaded = await Promise.all(
    entries.map(
      async (entry): Promise<[QueueEntry, CaseRecord | undefined]> => [
        entry,
        await deps.cases.getCase(entry.caseReference),
      ],
    ),
  );
  const items: QueueItem[] = [];
  for (const [entry, record] of loaded) {
    if (record?.status !== "open" || record.referral.level !== level || record.anonymisedAt) {
      await deps.queues.settle(entry, now.toISOString());
      continue;
    }
    items.push({
      reference: record.reference,
      subject: record.subject,
      kind: record.classification.kind,
      category: record.classification.category,
      signals: record.classification.signals,
      urgent: entry.urgent,
      receivedAt: record.createdAt,
      referredAt: entry.referredAt,
      ageHours: Math.floor((now.getTime() - Date.parse(record.createdAt)) / 3_600_000),
      reason: record.referral.reason,
      claimedBy: record.claim?.by ?? null,
      acknowledgement: record.acknowledgement.state,
      clock: queueClock(record, {}, now),
    });
  }
  return items.sort(
    (a, b) => Number(b.urgent) - Number(a.urgent) || a.receivedAt.localeCompare(b.receivedAt),
  );
}
