// Builders shared by the unit tests of staff work on a case (taking it, notes, re-referral, corrections,
// reading it, queues): the sample case held in memory, colleagues in each staff group, and the in-memory
// fakes wired as each kind of work's dependencies at a fixed instant.
import type {
  CaseChangeDependencies,
  QueueDependencies,
  ReadDependencies,
} from "../../../shared/application/staff-work";
import { defaultPolicy } from "../../../shared/config/policy";
import type { CaseRecord } from "../../../shared/domain/case";
import type { StaffMember } from "../../../shared/domain/permissions";
import {
  MemoryAccessLog,
  MemoryCaseReports,
  MemoryCases,
  MemoryStaffCaseChanges,
  MovableClock,
  RecordingQueues,
  RecordingReferrals,
  silentLog,
} from "../communication-fakes";
import { sampleCase } from "../sample-case";
import { customerReply } from "./letters";

/** When every staff-work test acts: a day after the sample case was received. */
export const WORK_AT = "2026-11-24T10:00:00.000Z";

/** A colleague in one staff group, named after it. */
export function colleague(group: string, name = group): StaffMember {
  return { id: `${name}@example.com`, groups: [group] };
}

export interface StaffWork {
  cases: MemoryCases;
  changes: MemoryStaffCaseChanges;
  referrals: RecordingReferrals;
  reports: MemoryCaseReports;
  access: MemoryAccessLog;
  queues: RecordingQueues;
  clock: MovableClock;
  caseChanges: CaseChangeDependencies;
  reads: ReadDependencies;
  queue: QueueDependencies;
}

/** Fresh fakes holding the sample case (with `changes` applied) and its first message. */
export async function staffWorkOnSampleCase(changes: Partial<CaseRecord> = {}): Promise<StaffWork> {
  const cases = new MemoryCases();
  const staffChanges = new MemoryStaffCaseChanges(cases);
  const referrals = new RecordingReferrals();
  const reports = new MemoryCaseReports();
  const access = new MemoryAccessLog();
  const queues = new RecordingQueues();
  const clock = new MovableClock(new Date(WORK_AT));
  let ids = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`;
  const common = { cases, clock, log: silentLog, policy: defaultPolicy, newId };
  await cases.createCase({ ...structuredClone(sampleCase), ...changes });
  await cases.appendEvent(customerReply("2026-11-23T09:00:00.000Z", "abc@example.org"));
  return {
    cases,
    changes: staffChanges,
    referrals,
    reports,
    access,
    queues,
    clock,
    caseChanges: { ...common, changes: staffChanges, referrals, reports },
    reads: { ...common, access },
    queue: { queues, cases, clock },
  };
}
