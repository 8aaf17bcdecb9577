// Re-referring a case to another level with a reason: recorded on the case first, then sent to the
// level's referral queue, so the case says where it went before any queue does.

import type { Referral, ReferralLevel } from "../../domain/case";
import { levelPeople, type StaffMember } from "../../domain/permissions";
import { referralMessage } from "../referral-message";
import { actOnCase, fail } from "./act-on-case";
import { eventBase, recorded } from "./case-changes";
import type { CaseChangeDependencies } from "./dependencies";

export interface ReReferInput {
  level: ReferralLevel;
  reason: string;
}

export function reReferCase(
  reference: string,
  input: ReReferInput,
  member: StaffMember,
  deps: CaseChangeDependencies,
) {
  return actOnCase("re-refer", reference, member, deps, async ({ record, stamp }) => {
    if (input.level === record.referral.level) {
      return fail("refused", `This case is already referred to ${levelPeople(input.level)}.`);
    }
    const base = eventBase(record.reference, "re-referred", stamp, deps);
    const referralId = `${record.reference}#${input.level}@${stamp.at}`;
    const referral: Referral = {
      level: input.level,
      reasonCode: "staff-re-referral",
      reason: input.reason,
      state: "pending",
      referredBy: stamp.by,
      referralId,
    };
    if (!(await deps.changes.changeReferral(record.reference, record.referral.level, referral, stamp.at))) {
      return fail("conflict", "The case changed while you were looking at it; reload it and try again.");
    }
    const result = await recorded(
      {
        ...base,
        type: "re-referred",
        fromLevel: record.referral.level,
        level: input.level,
        reason: input.reason,
        referralId,
      },
      deps,
    );
    await deps.referrals.send(
      referralMessage(record, {
        referralId,
        level: input.level,
        reasonCode: referral.reasonCode,
        reason: input.reason,
        referredBy: stamp.by,
      }),
    );
    await deps.cases.markReferred(record.reference, deps.clock.now().toISOString());
    return result;
  });
}
