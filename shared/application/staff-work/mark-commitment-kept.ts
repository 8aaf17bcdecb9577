// Marking a commitment kept, with an optional note; it may be kept after the case has closed.

import type { Commitment } from "../../domain/commitments";
import type { StaffMember } from "../../domain/permissions";
import { actOnCase, fail, succeed } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";

export interface CommitmentKeptInput {
  note?: string | undefined;
}

export function markCommitmentKept(
  reference: string,
  commitmentId: string,
  input: CommitmentKeptInput,
  member: StaffMember,
  deps: LetterDependencies,
) {
  return actOnCase<Commitment>("record-commitment", reference, member, deps, async ({ record, stamp }) => {
    const commitment = await deps.followUps.store.getCommitment(record.reference, commitmentId);
    if (!commitment) return fail("commitment-not-found", "The case has no commitment with that id.");
    const note = input.note ? { note: input.note } : {};
    const settled = await deps.followUps.store.settleCommitment(record.reference, commitmentId, {
      state: "kept",
      at: stamp.at,
      keptBy: stamp.by,
      ...note,
    });
    if (!settled) return fail("commitment-not-open", "The commitment is already kept or missed.");
    await deps.cases.appendEvent({
      type: "commitment-kept",
      caseReference: record.reference,
      eventId: `commitment-kept:${commitmentId}`,
      commitmentId,
      ...stamp,
      ...note,
    });
    return succeed({ ...commitment, state: "kept", settledAt: stamp.at, keptBy: stamp.by, ...note });
  });
}
