// The one step every piece of staff work on a case goes through: parse the reference, load the case,
// check the permissions table (and the money rule for anything that carries an amount), run the work,
// and hand it a stamp — who, in which role, when — for the timeline. A new action is one file that
// calls this, and one row in shared/domain/permissions.ts.

import type { CaseRecord } from "../../domain/case";
import {
  type Capability,
  type MoneyAmount,
  permitAmount,
  permitOnCase,
  type StaffAuthority,
  type StaffMember,
  staffAuthority,
} from "../../domain/permissions";
import type { Policy } from "../../domain/policy/organisation-policy";
import { parseReference } from "../../domain/reference";
import type { CaseStore, Clock, Log } from "../../ports";

export type StaffWorkFailure = { code: string; message: string } & Record<string, unknown>;
export type StaffWorkResult<T> = { ok: true; value: T } | { ok: false; failure: StaffWorkFailure };

export const succeed = <T>(value: T): StaffWorkResult<T> => ({ ok: true, value });
export const fail = <T>(
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): StaffWorkResult<T> => ({ ok: false, failure: { code, message, ...details } });

/** Who acted, in which role, and when: spread into every timeline event staff work records. */
export interface Stamp {
  by: string;
  role: StaffAuthority["role"];
  at: string;
}

export interface OnCase {
  record: CaseRecord;
  stamp: Stamp;
  /** The money rule's sentence when the work carried an amount ("A refund of £40.00 is within…"). */
  moneyAuthority?: string;
}

export interface ActOnCaseDependencies {
  cases: Pick<CaseStore, "getCase">;
  clock: Clock;
  log: Log;
  policy: Pick<Policy, "authority" | "organisation">;
}

export interface WorkOptions {
  /** The structured amounts the work carries, each checked by the money rule. */
  money?: readonly MoneyAmount[];
  /** What the colleague wrote, which must not state an amount the structured one does not cover. */
  written?: readonly (string | undefined)[];
}

/** Amounts written as money (£12, 12.50 GBP, €5): a letter may not promise more than the checked amount. */
const WRITTEN_MONEY =
  /(?:[£$€]\s?(\d[\d,]*(?:\.\d{1,2})?))|(?:(\d[\d,]*(?:\.\d{1,2})?)\s?(?:GBP|EUR|USD|pounds?\b|quid\b))/gi;

export function writtenAmounts(texts: readonly (string | undefined)[]): number[] {
  return texts.flatMap((text) =>
    [...(text ?? "").matchAll(WRITTEN_MONEY)].map((match) =>
      Number((match[1] ?? match[2] ?? "0").replace(/,/g, "")),
    ),
  );
}

export const NOT_FOUND = "No case has that reference.";

/**
 * Runs `work` on the case only when the colleague may: the table's row for `capability`, the case-level
 * rule, and the money rule for every amount in `options`. A refusal comes back with its sentence, and
 * is logged with the capability and the code only.
 */
export async function actOnCase<T>(
  capability: Capability,
  reference: string,
  member: StaffMember,
  deps: ActOnCaseDependencies,
  work: (onCase: OnCase) => Promise<StaffWorkResult<T>>,
  options: WorkOptions = {},
): Promise<StaffWorkResult<T>> {
  const parsed = parseReference(reference);
  if (!parsed.valid) {
    const suggestion = parsed.suggestion && (await deps.cases.getCase(parsed.suggestion));
    return fail("invalid-reference", "That is not a valid case reference.", {
      ...(suggestion ? { suggestion: parsed.suggestion } : {}),
    });
  }
  const record = await deps.cases.getCase(parsed.reference);
  if (!record) return fail("case-not-found", NOT_FOUND);
  const refuse = (code: string, message: string): StaffWorkResult<T> => {
    deps.log.info("staff action refused", { caseReference: record.reference, capability, code });
    return fail(code, message, code === "case-not-open" ? { status: record.status } : {});
  };
  const permission = permitOnCase(capability, member, record);
  if (!permission.allowed) return refuse(permission.code ?? "refused", permission.reason);

  let moneyAuthority: string | undefined;
  const written = writtenAmounts(options.written ?? []);
  for (const amount of options.money ?? []) {
    const money = permitAmount(member, amount, deps.policy);
    if (!money.allowed) return refuse("refused", money.reason);
    moneyAuthority = money.authority;
  }
  const covered = Math.max(0, ...(options.money ?? []).map((money) => money.amount));
  if (written.some((amount) => amount > covered)) {
    return refuse(
      "amount-not-structured",
      "The text states an amount of money: give it as a refund or goodwill amount too, so it is checked against your authority.",
    );
  }
  const authority = staffAuthority(member);
  const stamp: Stamp = { by: authority.id, role: authority.role, at: deps.clock.now().toISOString() };
  return work({ record, stamp, ...(moneyAuthority ? { moneyAuthority } : {}) });
}
