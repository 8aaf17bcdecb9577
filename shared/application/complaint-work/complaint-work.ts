// What the regulated complaint actions share: their dependencies, their answer, and the one step that
// loads the case and checks the colleague may act on it at its level (and agree any redress), so each
// action is a small file of its own.

import type { Policy } from "../../config/policy";
import type { CaseRecord } from "../../domain/case";
import { parseReference } from "../../domain/reference";
import { mayAct, mayAgree, type StaffAuthority, staffAuthority } from "../../domain/staff-roles";
import type { ComplaintRecords } from "../../ports";
import type { CommunicationDependencies } from "../communication";
import type { ComplaintRulesDependencies } from "../complaint-clocks";
import type { ComplaintReturnDependencies } from "../complaints-return";

export interface ComplaintWorkDependencies
  extends CommunicationDependencies,
    ComplaintRulesDependencies,
    ComplaintReturnDependencies {
  complaints: ComplaintRecords;
  policy: Policy;
}

export type ComplaintWorkFailure = { code: string; message: string } & Record<string, unknown>;
export type ComplaintWorkResult<T> = { ok: true; value: T } | { ok: false; failure: ComplaintWorkFailure };

export const succeed = <T>(value: T): ComplaintWorkResult<T> => ({ ok: true, value });
export const fail = <T>(
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): ComplaintWorkResult<T> => ({ ok: false, failure: { code, message, ...details } });

export interface ComplaintOnCase {
  record: CaseRecord;
  authority: StaffAuthority;
}

/** The complaint, once the colleague may act on it; redress is checked against their authority. */
export async function permittedComplaint(
  reference: string,
  member: { id: string; groups: readonly string[] },
  deps: Pick<ComplaintWorkDependencies, "cases" | "policy">,
  redressAmount?: number,
): Promise<ComplaintWorkResult<ComplaintOnCase>> {
  const parsed = parseReference(reference);
  if (!parsed.valid) return fail("invalid-reference", "That is not a valid case reference.");
  const record = await deps.cases.getCase(parsed.reference);
  if (!record) return fail("case-not-found", "No case has that reference.");
  const authority = staffAuthority(member);
  const permission =
    redressAmount && redressAmount > 0
      ? mayAgree(authority, record, { type: "goodwill", amount: redressAmount }, deps.policy)
      : mayAct(authority, "correct", record);
  if (!permission.allowed) return fail("refused", permission.reason);
  if (record.classification.kind !== "complaint")
    return fail(
      "not-a-complaint",
      "This case is not classified as a complaint; correct its classification first if it is one.",
    );
  return succeed({ record, authority });
}
