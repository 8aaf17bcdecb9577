// The signed-in colleague as the console shows them: their role, the limits of their money authority,
// every capability the permissions table gives their groups, so the console shows only those, and what
// a classification may be corrected to.

import { OTHER_CATEGORY } from "../../domain/classification/category";
import { CORRECTABLE_SIGNALS } from "../../domain/labelled-set";
import { CAPABILITIES, permit, type StaffMember, staffAuthority } from "../../domain/permissions";
import type { Policy } from "../../domain/policy/organisation-policy";

export function whoAmI(member: StaffMember, policy: Policy) {
  const authority = staffAuthority(member);
  return {
    id: authority.id,
    groups: member.groups,
    level: authority.level ?? null,
    role: authority.role,
    authority: authority.level
      ? { ...policy.authority[authority.level], currency: policy.organisation.currency }
      : null,
    /** What the permissions table lets the colleague's groups do; case rules still apply per case. */
    capabilities: CAPABILITIES.filter((capability) => permit(capability, member).allowed),
    /** The categories a classification may be corrected to. */
    categories: [...Object.keys(policy.classification.categories), OTHER_CATEGORY],
    /** The signals a colleague may mark or remove when correcting a classification. */
    correctableSignals: [...CORRECTABLE_SIGNALS],
  };
}
