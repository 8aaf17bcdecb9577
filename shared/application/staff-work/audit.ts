// Recording that a colleague read personal data: one access event per case, with who, their role, what
// they did and when, and never what they searched for.

import type { AccessKind } from "../../domain/case-access";
import { type StaffMember, staffAuthority } from "../../domain/permissions";
import type { AccessLog, Clock } from "../../ports";

export interface AuditDependencies {
  access: AccessLog;
  clock: Clock;
  newId: () => string;
}

export async function recordAccess(
  member: StaffMember,
  caseReferences: readonly string[],
  what: AccessKind,
  deps: AuditDependencies,
  detail?: string,
): Promise<void> {
  const { id, role } = staffAuthority(member);
  const at = deps.clock.now().toISOString();
  await Promise.all(
    [...new Set(caseReferences)].map((caseReference) =>
      deps.access.record({
        caseReference,
        accessId: deps.newId(),
        at,
        by: id,
        role,
        what,
        ...(detail ? { detail } : {}),
      }),
    ),
  );
}
