// The limits of each level's authority (resolve 1.4): whether staff at a level may agree a refund or a
// goodwill gesture of a given amount and, if not, the lowest level that may, with the reason in a
// sentence a colleague reads. Referral uses it for amounts customers claim; staff actions use it too.

import { REFERRAL_LEVELS, type ReferralLevel } from "./case";
import type { Policy } from "./policy/organisation-policy";

export type AuthorityAction = "refund" | "goodwill";
type AuthorityPolicy = Pick<Policy, "authority" | "organisation">;

/** How staff-facing text names the people at each level. */
const LEVEL_NAMES: Record<ReferralLevel, string> = {
  frontline: "frontline staff",
  supervisor: "a supervisor",
  management: "management",
  "head-office": "head office",
};

export type AuthorityDecision =
  | { withinAuthority: true; level: ReferralLevel; reason: string }
  | {
      withinAuthority: false;
      level: ReferralLevel;
      /** The lowest level that may agree it; undefined when no level may. */
      requiredLevel: ReferralLevel | undefined;
      reason: string;
    };

const LIMIT_KEY = { refund: "refundUpTo", goodwill: "goodwillUpTo" } as const;
const ACTION_WORDS: Record<AuthorityAction, string> = { refund: "A refund", goodwill: "A goodwill gesture" };

function limitOf(policy: AuthorityPolicy, level: ReferralLevel, action: AuthorityAction): number {
  return policy.authority[level][LIMIT_KEY[action]] ?? Number.POSITIVE_INFINITY;
}

export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(amount);
}

export function lowestLevelWithAuthority(
  action: AuthorityAction,
  amount: number,
  policy: AuthorityPolicy,
): ReferralLevel | undefined {
  return REFERRAL_LEVELS.find((level) => amount <= limitOf(policy, level, action));
}

export function checkAuthority(
  level: ReferralLevel,
  action: { type: AuthorityAction; amount: number },
  policy: AuthorityPolicy,
): AuthorityDecision {
  const money = (amount: number) => formatMoney(amount, policy.organisation.currency);
  const limit = limitOf(policy, level, action.type);
  const what = `${ACTION_WORDS[action.type]} of ${money(action.amount)}`;
  if (action.amount <= limit) {
    const within = Number.isFinite(limit)
      ? `is within the ${money(limit)} that ${LEVEL_NAMES[level]} may agree`
      : `is within what ${LEVEL_NAMES[level]} may agree, which has no limit`;
    return { withinAuthority: true, level, reason: `${what} ${within}.` };
  }
  const requiredLevel = lowestLevelWithAuthority(action.type, action.amount, policy);
  const beyond = `${what} is more than the ${money(limit)} that ${LEVEL_NAMES[level]} may agree`;
  if (!requiredLevel) {
    const top = REFERRAL_LEVELS[REFERRAL_LEVELS.length - 1] ?? level;
    const topLimit = money(limitOf(policy, top, action.type));
    return {
      withinAuthority: false,
      level,
      requiredLevel,
      reason: `${beyond}, and more than any level may agree (${LEVEL_NAMES[top]} up to ${topLimit}).`,
    };
  }
  const requiredLimit = limitOf(policy, requiredLevel, action.type);
  const upTo = Number.isFinite(requiredLimit) ? `up to ${money(requiredLimit)}` : "any amount";
  return {
    withinAuthority: false,
    level,
    requiredLevel,
    reason: `${beyond}; ${LEVEL_NAMES[requiredLevel]} may agree ${upTo}.`,
  };
}
