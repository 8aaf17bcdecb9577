// Decides which level of the organisation a case is referred to, and says why in words a colleague reads.
// The first matching rule of the policy wins; rules are ordered from the most serious down.

import type { Policy } from "../config/policy";
import type { Classification, Referral } from "./case";

export function decideReferral(classification: Classification, policy: Policy["referral"]): Referral {
  for (const rule of policy.rules) {
    const matches =
      (rule.signal === undefined || classification.signals.includes(rule.signal)) &&
      (rule.kind === undefined || classification.kind === rule.kind) &&
      (rule.category === undefined || classification.category === rule.category);
    if (matches)
      return { level: rule.level, reasonCode: rule.reasonCode, reason: rule.reason, state: "pending" };
  }
  return {
    level: policy.defaultLevel,
    reasonCode: "standard",
    reason: `no rule matched: referred to ${policy.defaultLevel}`,
    state: "pending",
  };
}
