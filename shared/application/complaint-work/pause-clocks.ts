// Staff pause a complaint's clocks while they wait for information only the customer can supply, and
// resume them when it comes. Only clocks the rule pack says pause for that reason are held (FCA DISP's
// never are); each pause and resumption is on the timeline, and a resumed clock's new warning and
// deadline are put down (the items set for the old deadline find nothing to do).

import * as z from "zod";
import type { CaseRecord } from "../../domain/case";
import { PAUSE_REASONS, type PauseReason } from "../../domain/case";
import type { ClockPause, ComplaintClock } from "../../domain/complaint-clocks";
import type { StaffMember } from "../../domain/permissions";
import { clocksOf, rulePackOf, startComplaintClocks } from "../complaint-clocks";
import { fail, type OnCase, type StaffWorkResult, succeed } from "../staff-work/act-on-case";
import { type ComplaintWorkDependencies, permittedComplaint } from "./complaint-work";

export const pauseClocksInput = z.strictObject({
  reason: z.enum(PAUSE_REASONS),
  /** What the organisation is waiting for, in the colleague's words. */
  waitingFor: z.string().trim().min(1).max(1000),
});

export const resumeClocksInput = z.strictObject({});

const CHANGED = "Someone else paused or resumed this complaint's clocks just now; reload the case.";

function withPauses(record: CaseRecord, pauses: ClockPause[]): CaseRecord {
  return { ...record, complaintHandling: { ...record.complaintHandling, pauses } };
}

/** The ids of the pack's clocks that pause for the reason. */
function clocksPausedFor(reason: PauseReason, deps: ComplaintWorkDependencies): Set<string> {
  return new Set(
    rulePackOf(deps)
      .clocks.filter((rule) => rule.pausedWhile.includes(reason))
      .map((rule) => rule.id),
  );
}

/** Pausing and resuming share one permissions row, and both answer with the clocks as they now are. */
function onClocks(
  reference: string,
  member: StaffMember,
  deps: ComplaintWorkDependencies,
  work: (onCase: OnCase) => Promise<StaffWorkResult<{ clocks: ComplaintClock[] }>>,
) {
  return permittedComplaint("pause-complaint-clocks", reference, member, deps, work);
}

export function pauseComplaintClocks(
  reference: string,
  input: z.infer<typeof pauseClocksInput>,
  member: StaffMember,
  deps: ComplaintWorkDependencies,
) {
  return onClocks(reference, member, deps, async ({ record, stamp }) => {
    const pausing = clocksPausedFor(input.reason, deps);
    if (pausing.size === 0)
      return fail(
        "clocks-do-not-pause",
        `Under ${rulePackOf(deps).name} the complaint clocks do not pause while waiting for the customer; they run on.`,
      );
    const clocks = clocksOf(record, deps, new Date(stamp.at)).filter((clock) => pausing.has(clock.clockId));
    if (clocks.some((clock) => clock.state === "paused"))
      return fail("unchanged", "The complaint's clocks are already paused.");
    const running = clocks.filter((clock) => clock.state === "running").map((clock) => clock.clockId);
    if (running.length === 0)
      return fail("unchanged", "No clock that pauses is still running on this complaint.");
    const pauses = record.complaintHandling?.pauses ?? [];
    const pause: ClockPause = { reason: input.reason, from: stamp.at };
    if (!(await deps.complaints.startPause(record.reference, pause, pauses.length)))
      return fail("conflict", CHANGED);
    await deps.cases.appendEvent({
      type: "complaint-clocks-paused",
      caseReference: record.reference,
      eventId: `clocks-paused:${stamp.at}`,
      ...stamp,
      reason: input.reason,
      waitingFor: input.waitingFor,
      clocks: running,
    });
    deps.log.info("complaint clocks paused", { caseReference: record.reference, clocks: running });
    return succeed({ clocks: clocksOf(withPauses(record, [...pauses, pause]), deps, new Date(stamp.at)) });
  });
}

export function resumeComplaintClocks(
  reference: string,
  member: StaffMember,
  deps: ComplaintWorkDependencies,
) {
  return onClocks(reference, member, deps, async ({ record, stamp }) => {
    const pauses = record.complaintHandling?.pauses ?? [];
    const index = pauses.findIndex((pause) => pause.until === undefined);
    const open = pauses[index];
    if (!open) return fail("unchanged", "The complaint's clocks are not paused.");
    if (!(await deps.complaints.endPause(record.reference, index, stamp.at)))
      return fail("conflict", CHANGED);
    const updated = withPauses(
      record,
      pauses.map((pause, position) => (position === index ? { ...pause, until: stamp.at } : pause)),
    );
    const now = new Date(stamp.at);
    const held = clocksPausedFor(open.reason, deps);
    const clocks = clocksOf(updated, deps, now);
    await startComplaintClocks(updated, { ...deps, dueItems: deps.followUps.dueItems });
    await deps.cases.appendEvent({
      type: "complaint-clocks-resumed",
      caseReference: record.reference,
      eventId: `clocks-resumed:${stamp.at}`,
      ...stamp,
      pausedSince: open.from,
      clocks: clocks
        .filter((clock) => held.has(clock.clockId))
        .map((clock) => ({
          clockId: clock.clockId,
          dueAt: clock.dueAt,
          pausedDays: clock.pausedDays ?? 0,
        })),
    });
    deps.log.info("complaint clocks resumed", { caseReference: record.reference });
    return succeed({ clocks });
  });
}
