// Complaint clocks at work: when a case becomes a complaint (at intake, by correction, when staff mark it
// as about payment services, or resume its paused clocks) its clocks' warning and deadline are put down as due items; the
// hourly timer then warns the case's level and the supervisors before a deadline and tells management
// of a breach, once each, and only while the clock is still running on the deadline it was set for.

import { defaultCommunicationPolicy } from "../config/communication-policy";
import { selectedRulePack } from "../config/complaint-rules";
import type { CaseRecord, ReferralLevel } from "../domain/case";
import { type ComplaintClock, complaintClocks, mostUrgentClock } from "../domain/complaint-clocks";
import type { DueItem } from "../domain/follow-ups";
import type { CommunicationPolicy } from "../domain/policy/communication-policy";
import type { RulePack } from "../domain/policy/complaint-rules";
import type { CaseStore, Clock, DueItems, Log, ReferralQueue } from "../ports";
import { type ComplaintReturnDependencies, countComplaintOpened } from "./complaints-return";
import { referralMessage } from "./referral-message";

export interface ComplaintRulesDependencies {
  /** Defaults to the pack this deployment selected. */
  rulePack?: RulePack;
  /** Its working week (the nation's bank holidays) counts business days; defaults to the repository's. */
  communication?: CommunicationPolicy;
}

export function rulePackOf(deps: ComplaintRulesDependencies): RulePack {
  return deps.rulePack ?? selectedRulePack;
}

/** The case's clocks at `now`, under the deployment's pack and working week. */
export function clocksOf(record: CaseRecord, deps: ComplaintRulesDependencies, now: Date): ComplaintClock[] {
  const week = (deps.communication ?? defaultCommunicationPolicy).workingWeek;
  return complaintClocks(record, rulePackOf(deps), week, now);
}

/**
 * A case is a complaint from here (recorded as one, or corrected to one): its clocks start from the
 * original receipt and the complaints return counts it as opened.
 */
export async function openComplaint(
  record: CaseRecord,
  deps: ComplaintRulesDependencies &
    ComplaintReturnDependencies & { dueItems: Pick<DueItems, "schedule">; clock: Clock },
): Promise<void> {
  if (record.classification.kind !== "complaint") return;
  await startComplaintClocks(record, deps);
  await countComplaintOpened(record, deps);
}

/** Puts down the warning and the deadline of every running clock (not a paused one: its deadline is not yet known); scheduling the same item twice stores it once. */
export async function startComplaintClocks(
  record: CaseRecord,
  deps: ComplaintRulesDependencies & { dueItems: Pick<DueItems, "schedule">; clock: Clock },
): Promise<void> {
  for (const item of complaintClockDueItems(record, deps)) await deps.dueItems.schedule(item);
}

/** The warning and the deadline of every running clock of the case, as due items. */
export function complaintClockDueItems(
  record: CaseRecord,
  deps: ComplaintRulesDependencies & { clock: Clock },
): DueItem[] {
  return clocksOf(record, deps, deps.clock.now()).flatMap((clock) => {
    if (clock.stoppedBy || clock.state === "paused") return [];
    const item = { caseReference: record.reference, subjectId: clock.clockId };
    return [
      { ...item, kind: "complaint-clock-warning" as const, dueAt: clock.warnAt },
      { ...item, kind: "complaint-clock-breach" as const, dueAt: clock.dueAt },
    ];
  });
}

export interface ClockTimerDependencies extends ComplaintRulesDependencies {
  cases: Pick<CaseStore, "getCase" | "appendEvent">;
  referrals: Pick<ReferralQueue, "send">;
  clock: Clock;
  log: Log;
}

/**
 * The clock the item was set for, if it still runs on that deadline: a case no longer a complaint, closed,
 * answered by a stopping letter, paused, or moved to another deadline (payment services, a pause) has
 * nothing to say.
 */
async function runningClock(
  item: DueItem,
  deps: ClockTimerDependencies,
  deadline: "warnAt" | "dueAt",
): Promise<{ record: CaseRecord; clock: ComplaintClock } | undefined> {
  const record = await deps.cases.getCase(item.caseReference);
  if (record?.status !== "open" || record.anonymisedAt) return undefined;
  const clock = clocksOf(record, deps, deps.clock.now()).find(
    (candidate) => candidate.clockId === item.subjectId,
  );
  if (!clock || clock.stoppedBy || clock.state === "paused" || clock[deadline] !== item.dueAt)
    return undefined;
  return { record, clock };
}

const SUPERVISOR: ReferralLevel = "supervisor";
const MANAGEMENT: ReferralLevel = "management";

export async function warnOfClock(
  item: DueItem,
  deps: ClockTimerDependencies,
): Promise<"warned" | "nothing-to-do"> {
  const found = await runningClock(item, deps, "warnAt");
  if (!found) return "nothing-to-do";
  const { record, clock } = found;
  const levels = [...new Set([record.referral.level, SUPERVISOR])];
  for (const level of levels)
    await deps.referrals.send(
      referralMessage(record, {
        referralId: `${record.reference}#clock-warning#${clock.clockId}#${clock.dueAt}#${level}`,
        level,
        reasonCode: "complaint-clock-warning",
        reason: `${clock.label}: the deadline is the end of ${clock.dueDate} (${clock.timeLeft}). Send the required letter before then.`,
      }),
    );
  await deps.cases.appendEvent({
    type: "complaint-clock-warning",
    caseReference: record.reference,
    eventId: `clock-warning:${clock.clockId}:${clock.dueAt}`,
    at: deps.clock.now().toISOString(),
    clockId: clock.clockId,
    dueAt: clock.dueAt,
    levels,
  });
  return "warned";
}

export async function reportClockBreach(
  item: DueItem,
  deps: ClockTimerDependencies,
): Promise<"breached" | "nothing-to-do"> {
  const found = await runningClock(item, deps, "dueAt");
  if (!found) return "nothing-to-do";
  const { record, clock } = found;
  await deps.referrals.send(
    referralMessage(record, {
      referralId: `${record.reference}#clock-breach#${clock.clockId}#${clock.dueAt}`,
      level: MANAGEMENT,
      reasonCode: "complaint-clock-breach",
      reason: `${clock.label}: the deadline passed at the end of ${clock.dueDate} with no letter sent to stop it. The regulator's rules were not met on this complaint.`,
    }),
  );
  await deps.cases.appendEvent({
    type: "complaint-clock-breach",
    caseReference: record.reference,
    eventId: `clock-breach:${clock.clockId}:${clock.dueAt}`,
    at: deps.clock.now().toISOString(),
    clockId: clock.clockId,
    dueAt: clock.dueAt,
    level: MANAGEMENT,
  });
  return "breached";
}

/** The soonest running clock as the queue shows it, or null for a case with none. */
export interface QueueClock {
  clockId: string;
  label: string;
  dueDate: string;
  dueAt: string;
  daysLeft: number;
  timeLeft: string;
}

export function queueClock(
  record: CaseRecord,
  deps: ComplaintRulesDependencies,
  now: Date,
): QueueClock | null {
  const clock = mostUrgentClock(clocksOf(record, deps, now));
  if (!clock || clock.daysLeft === undefined) return null;
  const { clockId, label, dueDate, dueAt, daysLeft, timeLeft } = clock;
  return { clockId, label, dueDate, dueAt, daysLeft, timeLeft };
}

/** Least time left first; cases without a running clock after them, in the order they came. */
export function byTimeLeft<T extends { clock: QueueClock | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.clock?.dueAt ?? "~").localeCompare(b.clock?.dueAt ?? "~"));
}
