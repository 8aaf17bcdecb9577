// The case's commitments, open and settled, for whoever may read the case.

import type { Commitment } from "../../domain/commitments";
import type { StaffMember } from "../../domain/permissions";
import type { CaseCommunicationStore } from "../../ports";
import { actOnCase, succeed } from "./act-on-case";
import type { ReadDependencies } from "./dependencies";

export function listCommitments(
  reference: string,
  member: StaffMember,
  deps: ReadDependencies & { commitments: Pick<CaseCommunicationStore, "listCommitments"> },
) {
  return actOnCase<Commitment[]>("read-case", reference, member, deps, async ({ record }) =>
    succeed(await deps.commitments.listCommitments(record.reference)),
  );
}
