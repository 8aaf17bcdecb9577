// Decides which level of the organisation a case is referred to, and says why in sentences a colleague
// reads. Every rule of the policy that matches counts: the highest level wins and its reason comes first.
// An amount claimed beyond that level's authority lifts the case to the lowest level that has it.

import { checkAuthority, formatMoney } from "./authority";
import { type Classification, REFERRAL_LEVELS, type Referral, type ReferralLevel } from "./case";
import type { Policy } from "./policy/organisation-policy";

export type CustomerType = "internal" | "external";

export interface ReferralFacts {
  classification: Classification;
  customerType: CustomerType;
  /** In pounds, when the customer asks for a sum. */
  amountClaimed: number | undefined;
  /** The customer's other cases in the caller's recent window, when known. */
  recentCases: number | undefined;
}

type ReferralPolicy = Pick<Policy, "referral" | "authority" | "organisation">;
type Rule = Policy["referral"]["rules"][number];

function matches({ when }: Rule, facts: ReferralFacts): boolean {
  const { kind, category, signals } = facts.classification;
  return (
    (when.kinds === undefined || when.kinds.includes(kind)) &&
    (when.categories === undefined || when.categories.includes(category)) &&
    (when.signals === undefined || when.signals.every((signal) => signals.includes(signal))) &&
    (when.customerType === undefined || when.customerType === facts.customerType) &&
    (when.amountClaimedOver === undefined ||
      (facts.amountClaimed !== undefined && facts.amountClaimed > when.amountClaimedOver)) &&
    (when.recentCasesAtLeast === undefined || (facts.recentCases ?? 0) >= when.recentCasesAtLeast)
  );
}

const rank = (level: ReferralLevel) => REFERRAL_LEVELS.indexOf(level);

export function decideReferral(facts: ReferralFacts, policy: ReferralPolicy): Referral {
  const matched = policy.referral.rules.filter((rule) => matches(rule, facts));
  let primary: Pick<Referral, "level" | "reasonCode" | "reason"> = {
    level: policy.referral.defaultLevel,
    reasonCode: "standard",
    reason: policy.referral.defaultReason,
  };
  for (const rule of matched)
    if (primary.reasonCode === "standard" || rank(rule.level) > rank(primary.level)) primary = rule;

  if (facts.amountClaimed !== undefined) {
    const authority = checkAuthority(primary.level, { type: "refund", amount: facts.amountClaimed }, policy);
    if (!authority.withinAuthority) {
      const level = authority.requiredLevel ?? "head-office";
      primary = {
        level,
        reasonCode: "above-authority",
        reason: `The customer is asking for ${formatMoney(facts.amountClaimed, policy.organisation.currency)}. ${authority.reason}`,
      };
    }
  }
  const others = matched.filter((rule) => rule.reasonCode !== primary.reasonCode).map((rule) => rule.reason);
  return {
    level: primary.level,
    reasonCode: primary.reasonCode,
    reason: [primary.reason, ...new Set(others)].join(" "),
    state: "pending",
  };
}
