// A commitment in the promise ledger (resolve 2.6): what was promised, by when and who keeps it; its
// reminders are scheduled at once, and a commitment still open when due goes to the supervisors.

import { type Commitment, checkDueDate, commitmentDueItems } from "../../domain/commitments";
import type { StaffMember } from "../../domain/permissions";
import { communicationOf } from "../customer-mail";
import { actOnCase, fail, succeed } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";

export interface CommitmentInput {
  description: string;
  dueAt: string;
  /** Who must keep it; the colleague recording it when absent. */
  owner?: string | undefined;
}

export function recordCommitment(
  reference: string,
  input: CommitmentInput,
  member: StaffMember,
  deps: LetterDependencies,
) {
  return actOnCase<Commitment>("record-commitment", reference, member, deps, async ({ record, stamp }) => {
    const now = deps.clock.now();
    const dueAt = new Date(input.dueAt);
    const { commitments: settings } = communicationOf(deps);
    const dueDateError = checkDueDate(dueAt, now, settings.maxDaysAhead);
    if (dueDateError === "due-in-past") return fail(dueDateError, "The due time has already passed.");
    if (dueDateError === "due-too-far-ahead")
      return fail(dueDateError, "The due time is too far ahead.", { maxDaysAhead: settings.maxDaysAhead });
    const commitment: Commitment = {
      caseReference: record.reference,
      commitmentId: deps.newId(),
      description: input.description,
      dueAt: dueAt.toISOString(),
      owner: input.owner ?? stamp.by,
      recordedBy: stamp.by,
      recordedAt: stamp.at,
      state: "open",
    };
    await deps.followUps.store.saveCommitment(commitment);
    await deps.cases.appendEvent({
      type: "commitment-recorded",
      caseReference: record.reference,
      eventId: `commitment:${commitment.commitmentId}`,
      commitmentId: commitment.commitmentId,
      description: commitment.description,
      dueAt: commitment.dueAt,
      owner: commitment.owner,
      ...stamp,
    });
    for (const item of commitmentDueItems(commitment, now, settings.remindHoursBefore)) {
      await deps.followUps.dueItems.schedule(item);
    }
    deps.log.info("commitment recorded", {
      caseReference: record.reference,
      commitmentId: commitment.commitmentId,
    });
    return succeed(commitment);
  });
}
