// The promise ledger (resolve 2.6): anything staff promise a customer ("call back on Tuesday") is
// recorded with a due date and an owner, the owner is reminded before it falls due, and a commitment
// still open at its due time is missed and goes to a supervisor. Pure data and rules.

import type { DueItem } from "./follow-ups";

export type CommitmentState = "open" | "kept" | "missed";

export interface Commitment {
  caseReference: string;
  commitmentId: string;
  description: string;
  dueAt: string;
  /** The member of staff who must keep it. */
  owner: string;
  recordedBy: string;
  recordedAt: string;
  state: CommitmentState;
  /** When it was kept or missed, and by whom it was marked kept. */
  settledAt?: string;
  keptBy?: string;
  note?: string;
}

export type DueDateProblem = "due-in-past" | "due-too-far-ahead";

export function checkDueDate(dueAt: Date, now: Date, maxDaysAhead: number): DueDateProblem | undefined {
  if (dueAt.getTime() <= now.getTime()) return "due-in-past";
  if (dueAt.getTime() - now.getTime() > maxDaysAhead * 24 * 60 * 60 * 1000) return "due-too-far-ahead";
  return undefined;
}

/** The reminder `hoursBefore` the due time (straight away when that is already past) and the due check. */
export function commitmentDueItems(commitment: Commitment, now: Date, hoursBefore: number): DueItem[] {
  const due = new Date(commitment.dueAt);
  const remindAt = new Date(Math.max(now.getTime(), due.getTime() - hoursBefore * 60 * 60 * 1000));
  const item = (kind: DueItem["kind"], at: Date): DueItem => ({
    caseReference: commitment.caseReference,
    kind,
    subjectId: commitment.commitmentId,
    dueAt: at.toISOString(),
  });
  return [item("commitment-reminder", remindAt), item("commitment-due", due)];
}
