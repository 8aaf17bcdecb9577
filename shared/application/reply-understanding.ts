// A customer's reply can tell us more than their first message did: a legal threat or an ombudsman,
// a vulnerability, abuse, a data-protection request, an MP taking up the case. The reply is read like any
// message; signals it adds are kept on the case with their evidence, and when they need a higher level
// than the case has, the case is referred again, to the guide's minimum, with the reason (a new referral
// message).

import { type CaseRecord, type Evidence, REFERRAL_LEVELS, type Referral } from "../domain/case";
import { CORRECTABLE_SIGNALS } from "../domain/labelled-set";
import { decideReferral } from "../domain/referral-policy";
import { understand } from "../domain/understanding";
import { type CompletionDependencies, completeRecordedCase } from "./complete-case";

/**
 * Signals with a referral minimum of their own (those staff may correct), which change who should deal
 * with a case, so a reply that adds one can move it up.
 */
const LIFTING_SIGNALS: readonly string[] = CORRECTABLE_SIGNALS;

export interface CustomerReply {
  subject: string;
  text: string;
  sender: { email: string; name: string | undefined };
}

const rank = (level: Referral["level"]) => REFERRAL_LEVELS.indexOf(level);
/** Decisions that raise a signal the phrases alone did not: a step or a breach only supposed, a learned reading. */
const RAISING_DECISIONS = ["lower-weight", "learned"];
const isEvidenceFor = (signal: string, evidence: Evidence) =>
  evidence.rule === `signal:${signal}` ||
  evidence.rule.startsWith(`${signal}:`) ||
  RAISING_DECISIONS.some((decision) => evidence.rule === `${decision}:signal:${signal}`);

/** What the reply adds to the case: the signals, their evidence and the referral they need, if higher. */
export function liftFromReply(
  record: CaseRecord,
  reply: CustomerReply,
  policy: CompletionDependencies["policy"],
): { signals: string[]; evidence: Evidence[]; referral: Referral | undefined } | undefined {
  const read = understand({ channel: "email", ...reply }, policy).classification;
  const added = read.signals.filter(
    (signal) => LIFTING_SIGNALS.includes(signal) && !record.classification.signals.includes(signal),
  );
  if (added.length === 0) return undefined;
  const signals = [...record.classification.signals, ...added];
  const evidence = read.evidence
    .filter((found) => added.some((signal) => isEvidenceFor(signal, found)))
    .map((found) => ({ rule: found.rule, matched: `${found.matched} (in a later message)` }));
  const lifted = decideReferral(
    {
      classification: { ...record.classification, signals },
      customerType: record.customerType ?? "external",
      amountClaimed: record.amountClaimed,
      recentCases: record.repeatContact?.recentCases,
    },
    policy,
  );
  const higher = record.status === "open" && rank(lifted.level) > rank(record.referral.level);
  const referral: Referral | undefined = higher
    ? { ...lifted, reason: `A later message from the customer changed what we know. ${lifted.reason}` }
    : undefined;
  return { signals, evidence, referral };
}

/** Reads a reply the customer sent to their case and keeps what it adds; refers the case again when needed. */
export async function understandReply(
  record: CaseRecord,
  reply: CustomerReply,
  deps: CompletionDependencies,
  attempts = 2,
): Promise<void> {
  const lift = liftFromReply(record, reply, deps.policy);
  if (!lift) return;
  const { referral, ...raised } = lift;
  const at = deps.clock.now().toISOString();
  const kept = await deps.cases.raiseSignals(
    record.reference,
    { ...raised, ...(referral ? { referral: { from: record.referral.level, to: referral } } : {}) },
    at,
  );
  if (kept)
    deps.log.info("reply raised signals", {
      caseReference: record.reference,
      signals: raised.signals.filter((signal) => !record.classification.signals.includes(signal)),
      ...(referral ? { referredTo: referral.level } : {}),
    });
  if (!kept) {
    // A colleague moved the case meanwhile: read it again and decide from where it is now.
    const current = await deps.cases.getCase(record.reference);
    if (current && attempts > 1) await understandReply(current, reply, deps, attempts - 1);
    return;
  }
  // The new referral is pending on the case, so a crash before it is sent is finished by the reconciler.
  if (referral) await completeRecordedCase(record.reference, deps);
}
