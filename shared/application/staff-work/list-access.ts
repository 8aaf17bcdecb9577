// Who has looked at a case and how (opened, downloaded, exported, found by a search), for head office:
// subject access requests and internal investigations need it.

import type { CaseAccess } from "../../domain/case-access";
import type { StaffMember } from "../../domain/permissions";
import { actOnCase, succeed } from "./act-on-case";
import type { ReadDependencies } from "./dependencies";

export function listAccess(reference: string, member: StaffMember, deps: ReadDependencies) {
  return actOnCase<{ caseReference: string; accesses: CaseAccess[] }>(
    "read-access-log",
    reference,
    member,
    deps,
    async ({ record }) =>
      succeed({ caseReference: record.reference, accesses: await deps.access.list(record.reference) }),
  );
}
