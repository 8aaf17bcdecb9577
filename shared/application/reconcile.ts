// Proves "nothing lost" on a schedule: every raw input (mail objects under the intake prefix, accepted
// form posts) is compared with the intake ledger, whatever has no outcome is sent through intake again,
// and inputs, outcomes and cases must add up. Follow-up steps left behind past a lease are retried; an
// acknowledgement caught mid-send is settled as unknown and never sent again (at most once). A referred
// case whose team was not notified in time has its referral sent again, once, and a theme alert that
// never reached its queue is queued.

import type { CaseRecord, Channel } from "../domain/case";
import type { IntakeEntry } from "../domain/intake";
import { mailIntakeId } from "../domain/intake";
import type {
  CaseCommunicationStore,
  CaseTableInventory,
  IntakeLedger,
  IntakeQueue,
  Metrics,
  NotificationOutbox,
  NotificationRecord,
  RawMailInventory,
  RawMailObjectSummary,
  ThemeLedger,
} from "../ports";
import { type CompletionDependencies, completeRecordedCase } from "./complete-case";
import { describeFailure } from "./record-failure";
import { referralIdOf, referralMessageFor } from "./referral-message";
import { queueThemeAlert } from "./repeated-themes";

export interface ReconcileDependencies extends CompletionDependencies {
  rawMail: RawMailInventory;
  themes: Pick<ThemeLedger, "markQueued">;
  outbox: Pick<NotificationOutbox, "release">;
  /** Remembers that a referral was sent again, so it is sent again once at most. */
  claims: Pick<CaseCommunicationStore, "claimOnce">;
  table: CaseTableInventory;
  intakeQueue: IntakeQueue;
  /**
   * Brings a form post's entry to its outcome from what the entry kept (see `resumeFormEntry` in form
   * intake): its case from the kept submission, or an explicit suppression when none was kept.
   */
  resumeFormEntry: (entry: IntakeEntry) => Promise<void>;
  metrics: Metrics;
  settings: CompletionDependencies["settings"] & {
    /** Work older than this without its outcome is stuck: intake and completion finish far sooner. */
    leaseMinutes: number;
    /** A referral whose team has not been notified this long after it was sent is sent again, once. */
    notifyWithinMinutes: number;
  };
}

export const MISMATCH_CODES = [
  "input-without-outcome",
  "raw-mail-missing",
  "case-missing",
  "case-without-intake",
  "acknowledgement-outcome-unknown",
  "follow-up-failed",
  "referral-not-notified",
] as const;
export type MismatchCode = (typeof MISMATCH_CODES)[number];

export interface ReconciliationReport {
  at: string;
  inputs: { total: number } & Record<Channel, number>;
  outcomes: {
    newCases: number;
    threaded: number;
    suppressed: Record<string, number>;
    quarantined: Record<string, number>;
    /** Inputs with no outcome yet: in flight, or sent through intake again by this run. */
    undecided: number;
  };
  /** Form posts refused with a 4xx: not accepted input, counted apart. */
  formPostsRefused: number;
  redriven: number;
  followUps: {
    retried: number;
    acknowledgementsUnknown: number;
    /** Referrals sent again because their team was not notified in time. */
    referralsResent: number;
    /** Theme alerts claimed but never queued, queued by this run. */
    themeAlertsQueued: number;
  };
  mismatches: Record<MismatchCode, number>;
  /** True when every input has exactly one outcome and every outcome its input and case. */
  addsUp: boolean;
}

const MINUTE_MS = 60_000;
/** Ids named in a mismatch log line; enough to start looking, bounded so one line stays short. */
const IDS_PER_LOG_LINE = 20;

/** The rule for input that still needs intake: no ledger entry yet, or one without an outcome. */
export function needsIntake(entry: IntakeEntry | undefined): boolean {
  return !entry?.result;
}

/** Raw mail whose intake never finished: what the sandbox sends again at start-up. */
export async function findUnfinishedRawMail(
  rawMail: RawMailInventory,
  ledger: Pick<IntakeLedger, "get">,
): Promise<RawMailObjectSummary[]> {
  const unfinished: RawMailObjectSummary[] = [];
  for (const object of await rawMail.list()) {
    if (needsIntake(await ledger.get(mailIntakeId(object.key)))) unfinished.push(object);
  }
  return unfinished;
}

class Tally {
  readonly mismatches = Object.fromEntries(MISMATCH_CODES.map((code) => [code, [] as string[]])) as Record<
    MismatchCode,
    string[]
  >;

  flag(code: MismatchCode, id: string): void {
    this.mismatches[code].push(id);
  }
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export async function reconcile(deps: ReconcileDependencies): Promise<ReconciliationReport> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const leaseStart = now.getTime() - deps.settings.leaseMinutes * MINUTE_MS;
  const pastLease = (time: string | undefined) => time !== undefined && Date.parse(time) <= leaseStart;
  const tally = new Tally();

  const [objects, contents] = await Promise.all([deps.rawMail.list(), deps.table.read()]);
  const { entries, cases } = contents;
  const notifications = new Map(
    (contents.notifications ?? []).map((notification) => [notification.notificationId, notification]),
  );
  const objectsByIntakeId = new Map(objects.map((object) => [mailIntakeId(object.key), object]));
  const entriesById = new Map(entries.map((entry) => [entry.intakeId, entry]));
  const casesByReference = new Map(cases.map((record) => [record.reference, record]));

  const report: ReconciliationReport = {
    at,
    inputs: { total: 0, email: 0, "web-form": 0, staff: 0, "case-page": 0 },
    outcomes: { newCases: 0, threaded: 0, suppressed: {}, quarantined: {}, undecided: 0 },
    formPostsRefused: 0,
    redriven: 0,
    followUps: { retried: 0, acknowledgementsUnknown: 0, referralsResent: 0, themeAlertsQueued: 0 },
    mismatches: Object.fromEntries(MISMATCH_CODES.map((code) => [code, 0])) as Record<MismatchCode, number>,
    addsUp: true,
  };

  // Every input: each raw object, and each ledger entry of an accepted post or of mail whose object is gone.
  const inputIds = new Set([...objectsByIntakeId.keys()]);
  for (const entry of entries) {
    if (isRefusedPost(entry)) report.formPostsRefused += 1;
    else inputIds.add(entry.intakeId);
  }

  for (const intakeId of inputIds) {
    const entry = entriesById.get(intakeId);
    const object = objectsByIntakeId.get(intakeId);
    report.inputs.total += 1;
    report.inputs[entry?.channel ?? "email"] += 1;
    if (object === undefined && entry?.channel === "email" && !entry.purgedAt) {
      tally.flag("raw-mail-missing", intakeId);
    }
    const result = entry?.result;
    if (!result) {
      report.outcomes.undecided += 1;
      // A release from quarantine starts the input's intake afresh.
      const since = entry?.release?.at ?? entry?.receivedAt ?? object?.lastModified;
      if (!pastLease(since)) continue;
      tally.flag("input-without-outcome", intakeId);
      if (await redrive(intakeId, entry, object, deps)) report.redriven += 1;
      continue;
    }
    switch (result.outcome) {
      case "case-created":
        report.outcomes.newCases += 1;
        break;
      case "threaded":
        report.outcomes.threaded += 1;
        break;
      case "suppressed":
        increment(report.outcomes.suppressed, result.reason);
        break;
      case "quarantined":
        increment(report.outcomes.quarantined, result.reason);
        break;
    }
    if ("caseReference" in result && !casesByReference.has(result.caseReference) && !entry.purgedAt) {
      tally.flag("case-missing", intakeId);
    }
  }

  for (const record of cases) {
    if (record.anonymisedAt) continue;
    const entry = entriesById.get(record.intakeId);
    const decided = entry?.result;
    if (!entry || (decided && !("caseReference" in decided && decided.caseReference === record.reference))) {
      tally.flag("case-without-intake", record.reference);
    }
    await followUp(record, pastLease, tally, report, deps);
    if (await notificationMissing(record, notifications, now, pastLease, deps)) {
      tally.flag("referral-not-notified", record.reference);
      if (await resendReferral(record, notifications.get(referralIdOf(record)), at, deps)) {
        report.followUps.referralsResent += 1;
      }
    }
  }

  for (const { alert, claimedAt } of contents.unqueuedThemeAlerts ?? []) {
    if (!pastLease(claimedAt)) continue;
    await queueThemeAlert(alert, deps);
    report.followUps.themeAlertsQueued += 1;
    deps.log.info("theme alert queued", { alertId: alert.alertId });
  }

  for (const code of MISMATCH_CODES) {
    const ids = tally.mismatches[code];
    report.mismatches[code] = ids.length;
    if (ids.length === 0) continue;
    report.addsUp = false;
    deps.log.warn("reconciliation mismatch", {
      reason: code,
      count: ids.length,
      ids: ids.slice(0, IDS_PER_LOG_LINE),
    });
  }
  deps.metrics.publish({
    ReconciledInputs: report.inputs.total,
    NewCases: report.outcomes.newCases,
    ThreadedMessages: report.outcomes.threaded,
    Suppressed: sum(report.outcomes.suppressed),
    Quarantined: sum(report.outcomes.quarantined),
    UndecidedInputs: report.outcomes.undecided,
    RedrivenInputs: report.redriven,
    ReconciliationMismatches: sum(report.mismatches),
    AcknowledgementsOutcomeUnknown: report.followUps.acknowledgementsUnknown,
    ReferralsResent: report.followUps.referralsResent,
  });
  deps.log.info("reconciliation finished", {
    inputs: report.inputs.total,
    newCases: report.outcomes.newCases,
    threaded: report.outcomes.threaded,
    suppressed: report.outcomes.suppressed,
    quarantined: report.outcomes.quarantined,
    undecided: report.outcomes.undecided,
    redriven: report.redriven,
    addsUp: report.addsUp,
  });
  return report;
}

/** A post refused with a 4xx leaves an entry too, under its own prefix, but was never accepted input. */
function isRefusedPost(entry: IntakeEntry): boolean {
  return entry.intakeId.startsWith("form-rejected:") || entry.result?.outcome === "rejected";
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}

/** Sends an undecided input through intake again; false when there is nothing it could be sent from. */
async function redrive(
  intakeId: string,
  entry: IntakeEntry | undefined,
  object: RawMailObjectSummary | undefined,
  deps: ReconcileDependencies,
): Promise<boolean> {
  if (object) {
    await deps.intakeQueue.redrive({ bucket: object.bucket, key: object.key });
    deps.log.info("input redriven", { intakeId });
    return true;
  }
  if (entry?.channel === "web-form") {
    await deps.resumeFormEntry(entry);
    deps.log.info("input redriven", { intakeId });
    return true;
  }
  return false;
}

/** Referrals older than this are not checked for their notification: the check reads recent work only. */
const NOTIFICATION_LOOKBACK_DAYS = 7;

/**
 * A referral sent more than `notifyWithinMinutes` ago whose team has no notification: none in the
 * outbox (the message was lost, or is parked in a dead-letter queue), or one claimed past the lease and
 * never marked (the notifier stopped between its claim and the send).
 */
async function notificationMissing(
  record: CaseRecord,
  notifications: ReadonlyMap<string, NotificationRecord>,
  now: Date,
  pastLease: (time: string | undefined) => boolean,
  deps: ReconcileDependencies,
): Promise<boolean> {
  const { referral } = record;
  if (record.anonymisedAt || referral.state !== "sent" || !referral.sentAt) return false;
  const age = now.getTime() - Date.parse(referral.sentAt);
  if (age < deps.settings.notifyWithinMinutes * MINUTE_MS) return false;
  if (age > NOTIFICATION_LOOKBACK_DAYS * 24 * 60 * MINUTE_MS) return false;
  const referralId = referralIdOf(record);
  const notification = notifications.get(referralId);
  if (notification?.state === "sent") return false;
  if (notification?.state === "sending") return pastLease(notification.claimedAt);
  // Notified before the outbox was kept: the timeline says so.
  const timeline = await deps.cases.timeline(record.reference);
  return !timeline.some((event) => event.eventId === `notified:${referralId}`);
}

/** Sends the referral message again, once per referral; false when it was sent again before. */
async function resendReferral(
  record: CaseRecord,
  notification: NotificationRecord | undefined,
  at: string,
  deps: ReconcileDependencies,
): Promise<boolean> {
  const referralId = referralIdOf(record);
  if (!(await deps.claims.claimOnce(record.reference, `resend-referral:${referralId}`, at))) return false;
  if (notification?.state === "sending") await deps.outbox.release(referralId);
  await deps.referrals.send(referralMessageFor(record));
  deps.log.warn("referral sent again", {
    caseReference: record.reference,
    referralLevel: record.referral.level,
  });
  return true;
}

/** A referral or acknowledgement still pending past the lease is retried; one caught mid-send is settled. */
async function followUp(
  record: CaseRecord,
  pastLease: (time: string | undefined) => boolean,
  tally: Tally,
  report: ReconciliationReport,
  deps: ReconcileDependencies,
): Promise<void> {
  const { acknowledgement, referral } = record;
  if (acknowledgement.state === "sending" && pastLease(acknowledgement.claimedAt ?? record.updatedAt)) {
    await settleUnknown(record, deps);
    report.followUps.acknowledgementsUnknown += 1;
    tally.flag("acknowledgement-outcome-unknown", record.reference);
  }
  const pending = referral.state === "pending" || acknowledgement.state === "pending";
  if (!pending || !pastLease(record.createdAt)) return;
  try {
    await completeRecordedCase(record.reference, deps);
    report.followUps.retried += 1;
    deps.log.info("case follow-up retried", { caseReference: record.reference });
  } catch (error) {
    tally.flag("follow-up-failed", record.reference);
    deps.log.error("case follow-up failed", { caseReference: record.reference, ...describeFailure(error) });
  }
}

/**
 * The sender stopped between claiming the acknowledgement and recording what happened: it may or may
 * not have gone out. Sending again could send it twice, so the case says so and staff decide.
 */
async function settleUnknown(record: CaseRecord, deps: ReconcileDependencies): Promise<void> {
  const at = deps.clock.now().toISOString();
  try {
    await deps.cases.settleAcknowledgement(
      record.reference,
      { state: "failed", reason: "outcome-unknown" },
      at,
    );
  } catch (error) {
    // The sender finished after all: what it recorded stands.
    if ((await deps.cases.getCase(record.reference))?.acknowledgement.state !== "sending") return;
    throw error;
  }
  await deps.cases.setFlag(record.reference, "customer-not-informed", {
    at,
    detail: "the acknowledgement may not have been sent: sending stopped before its outcome was recorded",
  });
  await deps.cases.appendEvent({
    type: "message-not-sent",
    caseReference: record.reference,
    eventId: "acknowledgement",
    at,
    purpose: "acknowledgement",
    reason: "outcome-unknown",
  });
  deps.log.warn("acknowledgement outcome unknown", { caseReference: record.reference });
}
