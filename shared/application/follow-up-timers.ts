// The hourly timer's work (resolve 2.5, 2.6): for every due item whose time has come it reminds a
// commitment's owner, flags a missed commitment to the supervisors, nudges the case's team when the
// customer has heard nothing for the quiet period, or warns of (and reports) a complaint clock running
// out. Items are found by day, never by scanning cases, and every step is guarded by the state it
// changes, so a run repeated after a failure repeats nothing.

import type { CaseRecord, ReferralLevel } from "../domain/case";
import type { Commitment } from "../domain/commitments";
import { type DueItem, quietPeriodItem } from "../domain/follow-ups";
import type { CaseStore, Clock, Log, ReferralQueue } from "../ports";
import { type ComplaintRulesDependencies, reportClockBreach, warnOfClock } from "./complaint-clocks";
import { type CustomerMailDependencies, communicationOf, type FollowUpDependencies } from "./customer-mail";
import { referralMessage } from "./referral-message";

export interface FollowUpTimerDependencies extends FollowUpDependencies, ComplaintRulesDependencies {
  cases: CaseStore;
  referrals: ReferralQueue;
  clock: Clock;
  log: Log;
  communication?: CustomerMailDependencies["communication"];
}

export type FollowUpAction = "reminded" | "missed" | "nudged" | "warned" | "breached" | "nothing-to-do";

export interface FollowUpReport {
  due: number;
  reminded: number;
  missed: number;
  nudged: number;
  /** Complaint clocks about to run out, and run out. */
  warned: number;
  breached: number;
  nothingToDo: number;
  failed: number;
}

export class FollowUpRunError extends Error {
  override name = "FollowUpRunError";
  constructor(readonly report: FollowUpReport) {
    super(`${report.failed} of ${report.due} due items failed; the next run tries them again`);
  }
}

async function openCommitment(
  item: DueItem,
  deps: FollowUpTimerDependencies,
): Promise<{ commitment: Commitment; record: CaseRecord } | undefined> {
  const commitment = await deps.store.getCommitment(item.caseReference, item.subjectId);
  if (commitment?.state !== "open") return undefined;
  const record = await deps.cases.getCase(item.caseReference);
  return record ? { commitment, record } : undefined;
}

async function remind(item: DueItem, deps: FollowUpTimerDependencies): Promise<FollowUpAction> {
  const found = await openCommitment(item, deps);
  if (!found) return "nothing-to-do";
  const { commitment, record } = found;
  const level = record.referral.level;
  await deps.referrals.send(
    referralMessage(record, {
      referralId: `${record.reference}#commitment-reminder#${commitment.commitmentId}`,
      level,
      reasonCode: "commitment-due-soon",
      reason: `A commitment made to the customer falls due at ${commitment.dueAt}: "${commitment.description}". It is ${commitment.owner}'s to keep; mark it kept once it is done.`,
    }),
  );
  await deps.cases.appendEvent({
    type: "commitment-reminder",
    caseReference: record.reference,
    eventId: `commitment-reminder:${commitment.commitmentId}`,
    at: deps.clock.now().toISOString(),
    commitmentId: commitment.commitmentId,
    dueAt: commitment.dueAt,
    owner: commitment.owner,
    level,
  });
  return "reminded";
}

const SUPERVISOR: ReferralLevel = "supervisor";

async function flagMissed(item: DueItem, deps: FollowUpTimerDependencies): Promise<FollowUpAction> {
  const found = await openCommitment(item, deps);
  if (!found) return "nothing-to-do";
  const { commitment, record } = found;
  const at = deps.clock.now().toISOString();
  await deps.referrals.send(
    referralMessage(record, {
      referralId: `${record.reference}#commitment#${commitment.commitmentId}`,
      level: SUPERVISOR,
      reasonCode: "commitment-missed",
      reason: `A commitment made to the customer was not marked kept by ${commitment.dueAt}: "${commitment.description}" (owner ${commitment.owner}). A supervisor should find out what happened and tell the customer.`,
    }),
  );
  await deps.cases.appendEvent({
    type: "commitment-missed",
    caseReference: record.reference,
    eventId: `commitment-missed:${commitment.commitmentId}`,
    at,
    commitmentId: commitment.commitmentId,
    dueAt: commitment.dueAt,
    owner: commitment.owner,
    level: SUPERVISOR,
  });
  await deps.store.settleCommitment(record.reference, commitment.commitmentId, { state: "missed", at });
  return "missed";
}

async function nudge(item: DueItem, deps: FollowUpTimerDependencies): Promise<FollowUpAction> {
  const record = await deps.cases.getCase(item.caseReference);
  // A later message started a newer quiet period, or the case is closed: this one has nothing to say.
  if (record?.status !== "open" || record.lastContactAt !== item.subjectId) return "nothing-to-do";
  const { quietPeriod, workingWeek } = communicationOf(deps);
  const level = record.referral.level;
  await deps.referrals.send(
    referralMessage(record, {
      referralId: `${record.reference}#quiet-period#${item.dueAt}`,
      level,
      reasonCode: "customer-not-updated",
      reason: `The customer has heard nothing from us for ${quietPeriod.workingDays} working days (since ${item.subjectId}). Send them an update, even if there is no news yet.`,
    }),
  );
  await deps.cases.appendEvent({
    type: "quiet-period-nudge",
    caseReference: record.reference,
    eventId: `quiet-period:${item.dueAt}`,
    at: deps.clock.now().toISOString(),
    lastContactAt: item.subjectId,
    workingDays: quietPeriod.workingDays,
    level,
  });
  // Still nothing after another quiet period: the team is nudged again.
  await deps.dueItems.schedule(
    quietPeriodItem(
      record.reference,
      item.subjectId,
      new Date(item.dueAt),
      quietPeriod.workingDays,
      workingWeek,
    ),
  );
  return "nudged";
}

const HANDLERS: Record<
  DueItem["kind"],
  (item: DueItem, deps: FollowUpTimerDependencies) => Promise<FollowUpAction>
> = {
  "commitment-reminder": remind,
  "commitment-due": flagMissed,
  "quiet-period": nudge,
  "complaint-clock-warning": (item, deps) =>
    warnOfClock(item, { ...deps, communication: communicationOf(deps) }),
  "complaint-clock-breach": (item, deps) =>
    reportClockBreach(item, { ...deps, communication: communicationOf(deps) }),
};

/** Handles every item due by the clock's now; throws after the run when any item failed, so it is retried. */
export async function runFollowUps(deps: FollowUpTimerDependencies): Promise<FollowUpReport> {
  const now = deps.clock.now();
  const items = await deps.dueItems.due(now, communicationOf(deps).followUpTimers.lookbackDays);
  const report: FollowUpReport = {
    due: items.length,
    reminded: 0,
    missed: 0,
    nudged: 0,
    warned: 0,
    breached: 0,
    nothingToDo: 0,
    failed: 0,
  };
  for (const item of items) {
    try {
      const action = await HANDLERS[item.kind](item, deps);
      await deps.dueItems.markDone(item, deps.clock.now().toISOString());
      if (action === "nothing-to-do") report.nothingToDo += 1;
      else report[action] += 1;
      if (action !== "nothing-to-do")
        deps.log.info("follow-up due", { caseReference: item.caseReference, kind: item.kind, action });
    } catch (error) {
      report.failed += 1;
      deps.log.error("follow-up failed", {
        caseReference: item.caseReference,
        kind: item.kind,
        error: (error as Error).name,
      });
    }
  }
  deps.log.info("follow-up run", { ...report });
  if (report.failed > 0) throw new FollowUpRunError(report);
  return report;
}
