// The organisation's policy under the name the stack was deployed with. Apart from the policy's schema,
// so a function that only renames its checked policy builds no schema at start.

import type { Policy } from "./organisation-policy";

/** The policy under another organisation name (the one the stack was deployed with). */
export function withOrganisationName(policy: Policy, name: string): Policy {
  return { ...policy, organisation: { ...policy.organisation, name } };
}
