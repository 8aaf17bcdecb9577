// Who may do what to a case (resolve 1.4, limits of authority): a colleague's level comes from their
// staff groups, a case sits at the level it was referred to, and an action above the colleague's level
// is refused with the reason in a sentence they can act on. Money is checked against the policy's
// authority limits. Pure rules; the staff API asks them before it changes anything.

import type { Policy } from "../config/policy";
import { checkAuthority } from "./authority";
import { type CaseRecord, REFERRAL_LEVELS, type ReferralLevel } from "./case";

export const STAFF_ROLES = [...REFERRAL_LEVELS, "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffAuthority {
  id: string;
  /** The highest referral level among the colleague's groups; undefined for admins without one. */
  level: ReferralLevel | undefined;
  admin: boolean;
  /** The level, or `admin`: what timeline events record as the role the colleague acted in. */
  role: StaffRole | undefined;
}

export type StaffAction = "claim" | "take-over" | "note" | "re-refer" | "correct" | "offer";

export type Permission = { allowed: true } | { allowed: false; reason: string };

const LEVEL_PEOPLE: Record<ReferralLevel, string> = {
  frontline: "frontline staff",
  supervisor: "supervisors",
  management: "management",
  "head-office": "head office",
};

const ACTION_WORDS: Record<StaffAction, string> = {
  claim: "take",
  "take-over": "take over",
  note: "add notes to",
  "re-refer": "re-refer",
  correct: "correct",
  offer: "agree refunds or goodwill on",
};

export function rank(level: ReferralLevel): number {
  return REFERRAL_LEVELS.indexOf(level);
}

export function staffAuthority(member: { id: string; groups: readonly string[] }): StaffAuthority {
  const levels = REFERRAL_LEVELS.filter((level) => member.groups.includes(level));
  const level = levels[levels.length - 1];
  const admin = member.groups.includes("admin");
  return { id: member.id, level, admin, role: level ?? (admin ? "admin" : undefined) };
}

const allowed: Permission = { allowed: true };
const refused = (reason: string): Permission => ({ allowed: false, reason });

/** Whether the colleague may take this action on the case at all (money is checked by `mayAgree`). */
export function mayAct(
  authority: StaffAuthority,
  action: StaffAction,
  record: Pick<CaseRecord, "referral" | "status">,
): Permission {
  if (!authority.role) return refused("You are not in any staff group, so you cannot act on cases.");
  if (action === "note") return allowed;
  if (record.status !== "open") {
    return refused(`This case is closed (${record.status.replace("-", " ")}), so it cannot be changed now.`);
  }
  const caseLevel = record.referral.level;
  if (!authority.level) {
    if (action === "re-refer" || action === "correct") return allowed;
    return refused(
      `Admins look after Heed itself and cannot ${ACTION_WORDS[action]} cases; ask someone at ${LEVEL_PEOPLE[caseLevel]} level.`,
    );
  }
  if (rank(authority.level) < rank(caseLevel)) {
    return refused(
      `This case is referred to ${LEVEL_PEOPLE[caseLevel]}, above ${LEVEL_PEOPLE[authority.level]}, so you cannot ${ACTION_WORDS[action]} it; ask ${LEVEL_PEOPLE[caseLevel]} or re-refer it from there.`,
    );
  }
  if (action === "take-over" && rank(authority.level) < rank("supervisor")) {
    return refused(
      "Only supervisors and above can take over a case a colleague holds; ask them to pass it on.",
    );
  }
  return allowed;
}

export function mayReRefer(
  authority: StaffAuthority,
  record: Pick<CaseRecord, "referral" | "status">,
  to: ReferralLevel,
): Permission {
  const permission = mayAct(authority, "re-refer", record);
  if (!permission.allowed) return permission;
  if (to === record.referral.level) {
    return refused(`This case is already referred to ${LEVEL_PEOPLE[to]}.`);
  }
  return allowed;
}

/** A refund or goodwill gesture: the level may act on the case and the amount is within its authority. */
export function mayAgree(
  authority: StaffAuthority,
  record: Pick<CaseRecord, "referral" | "status">,
  offer: { type: "refund" | "goodwill"; amount: number },
  policy: Pick<Policy, "authority" | "organisation">,
): Permission & { authority?: string } {
  const permission = mayAct(authority, "offer", record);
  if (!permission.allowed || !authority.level) return permission;
  const decision = checkAuthority(authority.level, offer, policy);
  if (!decision.withinAuthority) {
    const referOn = decision.requiredLevel
      ? ` Re-refer the case to ${LEVEL_PEOPLE[decision.requiredLevel]}.`
      : "";
    return { allowed: false, reason: `${decision.reason}${referOn}` };
  }
  return { allowed: true, authority: decision.reason };
}

export function levelPeople(level: ReferralLevel): string {
  return LEVEL_PEOPLE[level];
}
