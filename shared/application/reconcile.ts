// Proves "nothing lost" on a schedule, over a window of recent work: every input that started in the
// window (raw mail SES reported storing, form posts, staff reports, case-page posts) is compared with the
// intake ledger, whatever has no outcome is sent through intake again, and inputs, outcomes and cases must
// add up. Follow-up steps left behind past a lease are retried; an acknowledgement caught mid-send is
// settled as unknown and never sent again (at most once). A referred case whose team was not notified in
// time has its referral sent again, once, and a theme alert that never reached its queue is queued.
// Everything it reads comes through the recent-work index, so a run costs what the window holds, never
// what the organisation's whole history holds.

import type { CaseRecord, Channel } from "../domain/case";
import type { IntakeEntry } from "../domain/intake";
import { mailIntakeId } from "../domain/intake";
import type {
  CaseCommunicationStore,
  IntakeLedger,
  IntakeQueue,
  Metrics,
  NotificationOutbox,
  NotificationRecord,
  RawMailArrival,
  RawMailInventory,
  RawMailLocation,
  RawMailObjectSummary,
  RecentWorkIndex,
  ThemeLedger,
} from "../ports";
import { type CompletionDependencies, completeRecordedCase } from "./complete-case";
import { describeFailure } from "./record-failure";
import { referralIdOf, referralMessageFor } from "./referral-message";
import { queueThemeAlert } from "./repeated-themes";

export interface ReconcileDependencies extends CompletionDependencies {
  rawMail: Pick<RawMailInventory, "present">;
  themes: Pick<ThemeLedger, "markQueued">;
  outbox: Pick<NotificationOutbox, "release">;
  /** Remembers that a referral was sent again, so it is sent again once at most. */
  claims: Pick<CaseCommunicationStore, "claimOnce">;
  recent: RecentWorkIndex;
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
    /** How far back each run looks for work: runs overlap, so each input is seen by many of them. */
    windowHours: number;
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
  /** The hours of work this run looked at: every count below is of inputs that started in them. */
  window: { from: string; to: string };
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
const HOUR_MS = 60 * MINUTE_MS;
/** After an outage a run reaches back to where the last finished run looked, but never further than this. */
export const CATCH_UP_LIMIT_HOURS = 7 * 24;
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

/**
 * The run's window: the last `windowHours`, reaching back further when the last finished run is older
 * (the reconciler was stopped), so no hour goes unseen, up to the catch-up limit.
 */
export function reconcileWindow(
  now: Date,
  windowHours: number,
  lastRun: string | undefined,
): { from: Date; to: Date } {
  const lookback = windowHours * HOUR_MS;
  const since = lastRun === undefined ? now.getTime() : Math.min(now.getTime(), Date.parse(lastRun));
  const limit = now.getTime() - Math.max(lookback, CATCH_UP_LIMIT_HOURS * HOUR_MS);
  return { from: new Date(Math.max(since - lookback, limit)), to: now };
}

export async function reconcile(deps: ReconcileDependencies): Promise<ReconciliationReport> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const leaseStart = now.getTime() - deps.settings.leaseMinutes * MINUTE_MS;
  const pastLease = (time: string | undefined) => time !== undefined && Date.parse(time) <= leaseStart;
  const tally = new Tally();

  const window = reconcileWindow(now, deps.settings.windowHours, await deps.recent.lastRun());
  const work = await deps.recent.read(window.from, window.to);
  const entriesById = new Map(work.entries.map((entry) => [entry.intakeId, entry]));
  const arrivalsById = new Map(work.arrivals.map((arrival) => [mailIntakeId(arrival.key), arrival]));
  const cases = await casesOfWork(work.cases, work.entries, deps.recent);
  const casesByReference = new Map(cases.map((record) => [record.reference, record]));
  // A case near the window's start may have had its input just before it.
  const entriesBefore = new Map(
    (
      await deps.recent.entries(cases.map((record) => record.intakeId).filter((id) => !entriesById.has(id)))
    ).map((entry) => [entry.intakeId, entry]),
  );

  const report: ReconciliationReport = {
    at,
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    inputs: { total: 0, email: 0, "web-form": 0, staff: 0, "case-page": 0 },
    outcomes: { newCases: 0, threaded: 0, suppressed: {}, quarantined: {}, undecided: 0 },
    formPostsRefused: 0,
    redriven: 0,
    followUps: { retried: 0, acknowledgementsUnknown: 0, referralsResent: 0, themeAlertsQueued: 0 },
    mismatches: Object.fromEntries(MISMATCH_CODES.map((code) => [code, 0])) as Record<MismatchCode, number>,
    addsUp: true,
  };

  // Every input: each arrival of raw mail, and each ledger entry of an accepted post or of mail whose
  // arrival was never recorded.
  const inputIds = new Set([...arrivalsById.keys()]);
  for (const entry of work.entries) {
    if (isRefusedPost(entry)) report.formPostsRefused += 1;
    else inputIds.add(entry.intakeId);
  }
  const mailLocations = new Map<string, RawMailLocation>();
  for (const intakeId of inputIds) {
    const entry = entriesById.get(intakeId);
    const location = mailLocation(entry, arrivalsById.get(intakeId));
    if (location && !entry?.purgedAt) mailLocations.set(intakeId, location);
  }
  const present = await deps.rawMail.present([...mailLocations.values()].map((location) => location.key));

  for (const intakeId of inputIds) {
    const entry = entriesById.get(intakeId);
    const arrival = arrivalsById.get(intakeId);
    const location = mailLocations.get(intakeId);
    const stored = location !== undefined && present.has(location.key);
    report.inputs.total += 1;
    report.inputs[entry?.channel ?? "email"] += 1;
    if (!stored && entry?.channel === "email" && !entry.purgedAt) {
      tally.flag("raw-mail-missing", intakeId);
    }
    const result = entry?.result;
    if (!result) {
      report.outcomes.undecided += 1;
      // A release from quarantine starts the input's intake afresh.
      const since = entry?.release?.at ?? entry?.receivedAt ?? arrival?.receivedAt;
      if (!pastLease(since)) continue;
      tally.flag("input-without-outcome", intakeId);
      if (await redrive(intakeId, entry, stored ? location : undefined, deps)) report.redriven += 1;
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

  const overdue = cases.filter((record) => referralOverdue(record, now, deps));
  const notifications = new Map(
    (await deps.recent.notifications(overdue.map(referralIdOf))).map((record) => [
      record.notificationId,
      record,
    ]),
  );
  for (const record of cases) {
    if (record.anonymisedAt) continue;
    const entry = entriesById.get(record.intakeId) ?? entriesBefore.get(record.intakeId);
    const decided = entry?.result;
    if (!entry || (decided && !("caseReference" in decided && decided.caseReference === record.reference))) {
      tally.flag("case-without-intake", record.reference);
    }
    await followUp(record, pastLease, tally, report, deps);
    if (overdue.includes(record) && (await notificationMissing(record, notifications, pastLease, deps))) {
      tally.flag("referral-not-notified", record.reference);
      if (await resendReferral(record, notifications.get(referralIdOf(record)), at, deps)) {
        report.followUps.referralsResent += 1;
      }
    }
  }

  for (const { alert, claimedAt } of work.unqueuedThemeAlerts) {
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
  await deps.recent.recordRun(at);
  deps.log.info("reconciliation finished", {
    window: report.window,
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

/** The cases started in the window, and those its outcomes name that started before it. */
async function casesOfWork(
  started: CaseRecord[],
  entries: IntakeEntry[],
  recent: Pick<RecentWorkIndex, "cases">,
): Promise<CaseRecord[]> {
  const known = new Set(started.map((record) => record.reference));
  const named = new Set<string>();
  for (const { result } of entries) {
    if (result && "caseReference" in result && !known.has(result.caseReference))
      named.add(result.caseReference);
  }
  return [...started, ...(await recent.cases([...named]))];
}

/** Where an email input's raw object is: from its arrival, or from the source its ledger entry names. */
function mailLocation(
  entry: IntakeEntry | undefined,
  arrival: RawMailArrival | undefined,
): RawMailLocation | undefined {
  if (arrival) return { bucket: arrival.bucket, key: arrival.key };
  if (entry?.channel !== "email") return undefined;
  const source = /^s3:\/\/([^/]+)\/(.+)$/.exec(entry.source);
  return source?.[1] && source[2] ? { bucket: source[1], key: source[2] } : undefined;
}

/** Sends an undecided input through intake again; false when there is nothing it could be sent from. */
async function redrive(
  intakeId: string,
  entry: IntakeEntry | undefined,
  stored: RawMailLocation | undefined,
  deps: ReconcileDependencies,
): Promise<boolean> {
  if (stored) {
    await deps.intakeQueue.redrive(stored);
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

/** A referral sent long enough ago that its team should have been notified, and recently enough to check. */
function referralOverdue(record: CaseRecord, now: Date, deps: ReconcileDependencies): boolean {
  const { referral } = record;
  if (record.anonymisedAt || referral.state !== "sent" || !referral.sentAt) return false;
  const age = now.getTime() - Date.parse(referral.sentAt);
  return (
    age >= deps.settings.notifyWithinMinutes * MINUTE_MS && age <= NOTIFICATION_LOOKBACK_DAYS * 24 * HOUR_MS
  );
}

/**
 * An overdue referral whose team has no notification: none in the outbox (the message was lost, or is
 * parked in a dead-letter queue), or one claimed past the lease and never marked (the notifier stopped
 * between its claim and the send).
 */
async function notificationMissing(
  record: CaseRecord,
  notifications: ReadonlyMap<string, NotificationRecord>,
  pastLease: (time: string | undefined) => boolean,
  deps: ReconcileDependencies,
): Promise<boolean> {
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
