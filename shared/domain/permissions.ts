// Who may do what (resolve 1.4, limits of authority), as one table of data: every staff capability
// against every group, with the sentence a refused colleague reads; then the case-level rule (act on
// cases at or below your level) and the money rule (refunds and goodwill within the policy's limits).
// Every staff API route names one capability; the README prints this table, and a test keeps them equal.

import { checkAuthority } from "./authority";
import { type CaseRecord, REFERRAL_LEVELS, type ReferralLevel } from "./case";
import type { Policy } from "./policy/organisation-policy";

/** The Cognito groups staff are put in, and `none` for a signed-in user who is in none of them yet. */
export const STAFF_GROUPS = [...REFERRAL_LEVELS, "admin", "none"] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

/** The acting colleague, as the sign-in names them: an id (their email) and their groups. */
export interface StaffMember {
  id: string;
  groups: readonly string[];
}

/** What a timeline event records about who acted: the colleague and the role they acted in. */
export interface StaffAuthority {
  id: string;
  /** The highest referral level among the colleague's groups; undefined for admins and people in no group. */
  level: ReferralLevel | undefined;
  /** The level, `admin`, or `none`. */
  role: ReferralLevel | "admin" | "none";
}

/** How the case's own level limits a capability that acts on one case. */
export interface CaseRule {
  /** `at-or-below`: only on cases referred to the colleague's level or below; `any`: on every case. */
  level: "at-or-below" | "any";
  /** Whether the case must still be open. */
  open: boolean;
  /** The verb phrase for refusals: "This case is referred to management, … so you cannot {words} it". */
  words: string;
}

export interface CapabilityRule {
  /** What the capability lets a colleague do, as the README's table says it. */
  does: string;
  groups: readonly StaffGroup[];
  /** What a colleague outside `groups` reads when they try. */
  refusal: string;
  case?: CaseRule;
  /** Carries a refund or goodwill amount, which the money rule checks against the colleague's level. */
  money?: true;
  /** Done with AWS credentials (CLI), not through the staff API: the group says who should hold them. */
  operations?: true;
}

const LEVELS = REFERRAL_LEVELS;
const STAFF = [...REFERRAL_LEVELS, "admin"] as const;
const SENIOR = ["supervisor", "management", "head-office", "admin"] as const;
const HEAD_OFFICE_AND_ADMIN = ["head-office", "admin"] as const;

const NO_GROUP = "You are not in any staff group yet, so you cannot";
const CASE_WORK = "Only frontline staff, supervisors, management and head office can";
const ADMINS_AWAY = "admins look after Heed itself, and signed-in users outside a group cannot act on cases";

const onCase = (words: string, open = true): CaseRule => ({ level: "at-or-below", open, words });

export const PERMISSIONS = {
  "who-am-i": {
    does: "see who they are signed in as and what they may do",
    groups: STAFF_GROUPS,
    refusal: "Everyone signed in may see who they are.",
  },
  "read-case": {
    does: "open a case: its timeline, commitments and attachments (each opening is audited)",
    groups: STAFF,
    refusal: `${NO_GROUP} read cases; ask an administrator to put you in your team's group.`,
    case: { level: "any", open: false, words: "read" },
  },
  search: {
    does: "find cases by reference, email, phone, postcode or order number (audited), and see a level's queue",
    groups: STAFF,
    refusal: `${NO_GROUP} search cases; ask an administrator to put you in your team's group.`,
  },
  "read-intake": {
    does: "look up what happened to an input in the intake ledger",
    groups: STAFF,
    refusal: `${NO_GROUP} read the intake ledger; ask an administrator to put you in your team's group.`,
  },
  "report-problem": {
    does: "record a problem they noticed themselves",
    groups: STAFF,
    refusal: `${NO_GROUP} record problems; ask an administrator to put you in your team's group.`,
  },
  "add-note": {
    does: "add an internal note to any case, open or closed",
    groups: STAFF,
    refusal: `${NO_GROUP} add notes to cases; ask an administrator to put you in your team's group.`,
    case: { level: "any", open: false, words: "add notes to" },
  },
  "take-case": {
    does: "take a case on",
    groups: LEVELS,
    refusal: `${CASE_WORK} take cases on; ${ADMINS_AWAY}.`,
    case: onCase("take"),
  },
  "take-over": {
    does: "take over a case a colleague holds",
    groups: ["supervisor", "management", "head-office"],
    refusal: "Only supervisors and above can take over a case a colleague holds; ask them to pass it on.",
    case: onCase("take over"),
  },
  "re-refer": {
    does: "re-refer a case to another level, with a reason",
    groups: STAFF,
    refusal: `${NO_GROUP} re-refer cases; ask an administrator to put you in your team's group.`,
    case: onCase("re-refer"),
  },
  correct: {
    does: "correct a detail or the classification",
    groups: STAFF,
    refusal: `${NO_GROUP} correct cases; ask an administrator to put you in your team's group.`,
    case: onCase("correct"),
  },
  "agree-offer": {
    does: "agree a refund or goodwill gesture",
    groups: LEVELS,
    refusal: `${CASE_WORK} agree refunds or goodwill; ${ADMINS_AWAY}.`,
    case: onCase("agree refunds or goodwill on"),
    money: true,
  },
  "send-update": {
    does: "send the customer a progress update",
    groups: LEVELS,
    refusal: `${CASE_WORK} write to customers; ${ADMINS_AWAY}.`,
    case: onCase("send updates on"),
  },
  "send-regulated-letter": {
    does: "send a letter the complaint rules require (summary resolution, holding, final response), with any redress",
    groups: LEVELS,
    refusal: `${CASE_WORK} send regulated complaint letters; ${ADMINS_AWAY}.`,
    case: onCase("send regulated letters on"),
    money: true,
  },
  "set-payment-services": {
    does: "mark a complaint as about payment services, or not, which chooses its clock",
    groups: LEVELS,
    refusal: `${CASE_WORK} change a complaint's clock; ${ADMINS_AWAY}.`,
    case: onCase("change the clock of"),
  },
  "pause-complaint-clocks": {
    does: "pause a complaint's clocks while waiting for information from the customer, where the rules allow, and resume them",
    groups: LEVELS,
    refusal: `${CASE_WORK} change a complaint's clock; ${ADMINS_AWAY}.`,
    case: onCase("change the clock of"),
  },
  "record-commitment": {
    does: "record a commitment with a due date, or mark one kept",
    groups: LEVELS,
    refusal: `${CASE_WORK} make commitments to customers; ${ADMINS_AWAY}.`,
    case: onCase("record commitments on", false),
  },
  "propose-options": {
    does: "propose options to the customer, and record the one they chose",
    groups: LEVELS,
    refusal: `${CASE_WORK} propose options to customers; ${ADMINS_AWAY}.`,
    case: onCase("propose options on", false),
    money: true,
  },
  resolve: {
    does: "resolve a case, saying what was agreed",
    groups: LEVELS,
    refusal: `${CASE_WORK} resolve cases; ${ADMINS_AWAY}.`,
    case: onCase("resolve"),
    money: true,
  },
  "close-unresolved": {
    does: "close a case as unresolved, with reasons and outside help",
    groups: LEVELS,
    refusal: `${CASE_WORK} close cases; ${ADMINS_AWAY}.`,
    case: onCase("close"),
  },
  "list-quarantine": {
    does: "list quarantined input and why it was held",
    groups: SENIOR,
    refusal: "Only supervisors, management, head office and admins can review quarantined mail.",
  },
  "release-quarantine": {
    does: "release quarantined mail (over a budget, unparseable, spam) into intake again",
    groups: SENIOR,
    refusal: "Only supervisors, management, head office and admins can release quarantined mail.",
  },
  "override-virus-verdict": {
    does: "release mail SES found a virus in",
    groups: ["admin"],
    refusal: "Only admins can release mail SES found a virus in; ask an administrator to check it first.",
  },
  "release-erased-person": {
    does: "release mail from a person whose data was erased",
    groups: ["head-office"],
    refusal:
      "Only head office can release mail from a person whose data was erased, once they know it is new contact Heed may record.",
  },
  reports: {
    does: "see the weekly reports, the CSV export and the feedback report",
    groups: SENIOR,
    refusal: "Only supervisors, management, head office and admins can see reports.",
  },
  "data-protection": {
    does: "find, export and erase a person's data (subject access, erasure)",
    groups: HEAD_OFFICE_AND_ADMIN,
    refusal: "Only head office and admins may act on personal data requests.",
  },
  "legal-hold": {
    does: "place or lift a legal hold on a case",
    groups: HEAD_OFFICE_AND_ADMIN,
    refusal: "Only head office and admins may place or lift a legal hold.",
  },
  "read-access-log": {
    does: "list who opened, downloaded, exported or found a case",
    groups: ["head-office"],
    refusal: "Only head office can see who looked at a case.",
  },
  "dead-letters": {
    does: "list and redrive dead-letter queues (`npm run redrive`, AWS CLI)",
    groups: ["admin"],
    refusal: "Only admins operate the dead-letter queues.",
    operations: true,
  },
  reconcile: {
    does: "run reconciliation (`npm run reconcile`, the reconciler's schedule)",
    groups: ["admin"],
    refusal: "Only admins run reconciliation.",
    operations: true,
  },
} as const satisfies Record<string, CapabilityRule>;

export type Capability = keyof typeof PERMISSIONS;
export const CAPABILITIES = Object.keys(PERMISSIONS) as Capability[];

function ruleOf(capability: Capability): CapabilityRule {
  return PERMISSIONS[capability];
}

/** The case-level rule and the money rule, in the words the README prints under the table. */
const CASE_LEVEL_RULE =
  "A capability marked *case* acts on one case: a colleague uses it only on cases referred to their own level or below (head office on every case), and only while the case is open unless the row says otherwise. Reading a case and adding notes are allowed at every level. Admins have no level: where they may act on a case, its level does not limit them.";
const MONEY_RULE =
  "A capability marked *money* carries a refund or goodwill amount (an offer, an option, a resolution, a regulated letter's redress): the amount is a structured field, checked against the policy's `authority` limits for the colleague's level, and a written amount the structured one does not cover is refused.";

export type Permission = { allowed: true } | { allowed: false; reason: string };

const allowed: Permission = { allowed: true };
const refused = (reason: string): Permission => ({ allowed: false, reason });

const LEVEL_PEOPLE: Record<ReferralLevel, string> = {
  frontline: "frontline staff",
  supervisor: "supervisors",
  management: "management",
  "head-office": "head office",
};

export function levelPeople(level: ReferralLevel): string {
  return LEVEL_PEOPLE[level];
}

function rank(level: ReferralLevel): number {
  return REFERRAL_LEVELS.indexOf(level);
}

/** The groups of the table the colleague belongs to; `none` when they are in no staff group. */
export function groupsOf(member: StaffMember): StaffGroup[] {
  const known = STAFF.filter((group) => member.groups.includes(group));
  return known.length > 0 ? known : ["none"];
}

export function staffAuthority(member: StaffMember): StaffAuthority {
  const levels = REFERRAL_LEVELS.filter((level) => member.groups.includes(level));
  const level = levels[levels.length - 1];
  const role = level ?? (member.groups.includes("admin") ? "admin" : "none");
  return { id: member.id, level, role };
}

/** The table's answer for the colleague's groups, before any case is looked at. */
export function permit(capability: Capability, member: StaffMember): Permission {
  const rule = ruleOf(capability);
  return groupsOf(member).some((group) => rule.groups.includes(group)) ? allowed : refused(rule.refusal);
}

/** The table's answer for this case: the colleague's groups, whether the case is open, and its level. */
export function permitOnCase(
  capability: Capability,
  member: StaffMember,
  record: Pick<CaseRecord, "referral" | "status">,
): Permission & { code?: "case-not-open" } {
  const permission = permit(capability, member);
  if (!permission.allowed) return permission;
  const rule = ruleOf(capability).case;
  if (!rule) return allowed;
  if (rule.open && record.status !== "open") {
    return {
      allowed: false,
      code: "case-not-open",
      reason: `This case is closed (${record.status.replace("-", " ")}), so it cannot be changed now.`,
    };
  }
  const { level } = staffAuthority(member);
  const caseLevel = record.referral.level;
  if (rule.level === "any" || !level || rank(level) >= rank(caseLevel)) return allowed;
  return refused(
    `This case is referred to ${LEVEL_PEOPLE[caseLevel]}, above ${LEVEL_PEOPLE[level]}, so you cannot ${rule.words} it; ask ${LEVEL_PEOPLE[caseLevel]} or re-refer it from there.`,
  );
}

/** The case capabilities the colleague may use on this case now, for the console to show. */
export function capabilitiesOnCase(
  member: StaffMember,
  record: Pick<CaseRecord, "referral" | "status">,
): Capability[] {
  return CAPABILITIES.filter(
    (capability) => ruleOf(capability).case && permitOnCase(capability, member, record).allowed,
  );
}

export interface MoneyAmount {
  type: "refund" | "goodwill";
  amount: number;
}

/** The money rule: the amount is within what the colleague's level may agree; the sentence says so. */
export function permitAmount(
  member: StaffMember,
  money: MoneyAmount,
  policy: Pick<Policy, "authority" | "organisation">,
): Permission & { authority?: string } {
  const { level } = staffAuthority(member);
  if (!level) return refused(PERMISSIONS["agree-offer"].refusal);
  const decision = checkAuthority(level, money, policy);
  if (decision.withinAuthority) return { allowed: true, authority: decision.reason };
  const referOn = decision.requiredLevel
    ? ` Re-refer the case to ${LEVEL_PEOPLE[decision.requiredLevel]}.`
    : "";
  return refused(`${decision.reason}${referOn}`);
}

const GROUP_HEADINGS: Record<StaffGroup, string> = {
  frontline: "frontline",
  supervisor: "supervisor",
  management: "management",
  "head-office": "head office",
  admin: "admin",
  none: "no group",
};

/** The table as the README prints it: one row per capability, one column per group, then the two rules. */
export function permissionsMarkdown(): string {
  const header = `| capability | ${STAFF_GROUPS.map((group) => GROUP_HEADINGS[group]).join(" | ")} | rules | refusal |`;
  const divider = `|---|${STAFF_GROUPS.map(() => ":-:").join("|")}|---|---|`;
  const rows = CAPABILITIES.map((capability) => {
    const rule: CapabilityRule = PERMISSIONS[capability];
    const marks = STAFF_GROUPS.map((group) => (rule.groups.includes(group) ? "✓" : "–"));
    const notes = [
      rule.case ? `case${rule.case.level === "at-or-below" ? "" : " (any level)"}` : "",
      rule.case && !rule.case.open ? "closed too" : "",
      rule.money ? "money" : "",
      rule.operations ? "AWS credentials" : "",
    ].filter(Boolean);
    return `| \`${capability}\`: ${rule.does} | ${marks.join(" | ")} | ${notes.join(", ")} | ${rule.refusal} |`;
  });
  return [header, divider, ...rows, "", CASE_LEVEL_RULE, "", MONEY_RULE].join("\n");
}
