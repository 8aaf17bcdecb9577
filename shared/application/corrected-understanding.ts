// Referral follows the understanding staff corrected: when a colleague corrects the kind or the signals
// of a case (a vulnerability Heed missed, a legal threat or an MP's letter it did not see), the case is
// referred again to the level the corrected understanding needs, if that is higher than where it is.
// Never lower: a colleague may have moved it up on purpose.

import { type CaseRecord, correctedSignalsText, REFERRAL_LEVELS, type Referral } from "../domain/case";
import { CORRECTABLE_SIGNALS, type CorrectableSignal } from "../domain/labelled-set";
import type { Policy } from "../domain/policy/organisation-policy";
import { decideReferral } from "../domain/referral-policy";
import type { CaseStore, Clock, Log, StaffCaseChanges, StaffReferralMessage } from "../ports";
import { referralMessage } from "./referral-message";

export interface CorrectedReferralDependencies {
  cases: Pick<CaseStore, "appendEvent" | "markReferred">;
  changes: Pick<StaffCaseChanges, "changeReferral">;
  referrals: { send(message: StaffReferralMessage): Promise<void> };
  clock: Clock;
  policy: Policy;
  log: Log;
}

const rank = (level: Referral["level"]) => REFERRAL_LEVELS.indexOf(level);
const isCorrectable = (signal: string): signal is CorrectableSignal =>
  (CORRECTABLE_SIGNALS as readonly string[]).includes(signal);

/**
 * The case's signals once the correctable signals are set to `wanted` (the others, such as urgency, are
 * kept), with the before and after a correction records; undefined when unchanged.
 */
export function correctedSignals(
  current: readonly string[],
  wanted: readonly CorrectableSignal[],
): { signals: string[]; original: string; corrected: string } | undefined {
  const before = correctedSignalsText(current.filter(isCorrectable));
  const after = [...new Set(wanted)].sort();
  const corrected = correctedSignalsText(after);
  if (before === corrected) return undefined;
  return {
    signals: [...current.filter((signal) => !isCorrectable(signal)), ...after],
    original: before,
    corrected,
  };
}

/** Refers the case again when its corrected understanding needs a higher level; true when it did. */
export async function referAsCorrected(
  record: CaseRecord,
  by: string,
  deps: CorrectedReferralDependencies,
): Promise<boolean> {
  const needed = decideReferral(
    {
      classification: record.classification,
      customerType: record.customerType ?? "external",
      amountClaimed: record.amountClaimed,
      recentCases: record.repeatContact?.recentCases,
    },
    deps.policy,
  );
  if (record.status !== "open" || rank(needed.level) <= rank(record.referral.level)) return false;
  const at = deps.clock.now().toISOString();
  const referral: Referral = {
    level: needed.level,
    reasonCode: needed.reasonCode,
    reason: `A colleague corrected what Heed understood. ${needed.reason}`,
    state: "pending",
    referredBy: by,
    referralId: `${record.reference}#${needed.level}@${at}`,
  };
  if (!(await deps.changes.changeReferral(record.reference, record.referral.level, referral, at)))
    return false;
  await deps.cases.appendEvent({
    type: "referred",
    caseReference: record.reference,
    eventId: `referred:${needed.level}:corrected:${at}`,
    at,
    level: referral.level,
    reasonCode: referral.reasonCode,
    reason: referral.reason,
  });
  const { level, reasonCode, reason, referralId = "" } = referral;
  await deps.referrals.send({
    ...referralMessage(record, { referralId, level, reasonCode, reason }),
    referredBy: by,
  });
  await deps.cases.markReferred(record.reference, deps.clock.now().toISOString());
  deps.log.info("case referred after correction", { caseReference: record.reference, level: referral.level });
  return true;
}
