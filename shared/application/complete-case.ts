// The steps that follow once a case is durably recorded: refer it to the right level, then acknowledge it.
// Each step is guarded by the case's own state, so running this again after a crash or a redelivery
// repeats nothing that already happened (invariants 1 and 3 of the design).

import type { IntakePolicy } from "../config/intake-policy";
import type { Policy } from "../config/policy";
import type { CaseRecord } from "../domain/case";
import { checkPromisesAndTone } from "../domain/promise-check";
import { LOOP_HEADER } from "../domain/screening";
import { renderAcknowledgement } from "../domain/templates/acknowledgement";
import {
  type AcknowledgementQuota,
  type CaseStore,
  type Clock,
  type Log,
  type Mailer,
  MailRejectedError,
  type ReferralQueue,
} from "../ports";

export interface CompletionDependencies {
  cases: CaseStore;
  quota: AcknowledgementQuota;
  intakePolicy: IntakePolicy;
  referrals: ReferralQueue;
  mailer: Mailer;
  clock: Clock;
  policy: Policy;
  log: Log;
  settings: { intakeAddress: string };
}

export async function completeCase(reference: string, deps: CompletionDependencies): Promise<void> {
  const record = await deps.cases.getCase(reference);
  if (!record) throw new Error(`case ${reference} is not recorded`);
  if (record.referral.state === "pending") await refer(record, deps);
  if (record.acknowledgement.state === "pending") await acknowledge(record, deps);
}

async function refer(record: CaseRecord, deps: CompletionDependencies): Promise<void> {
  const { referral, classification } = record;
  const at = deps.clock.now().toISOString();
  await deps.referrals.send({
    referralId: `${record.reference}#${referral.level}`,
    caseReference: record.reference,
    level: referral.level,
    reasonCode: referral.reasonCode,
    reason: referral.reason,
    kind: classification.kind,
    category: classification.category,
    cause: classification.cause,
    signals: classification.signals,
    summary: record.summary,
    receivedAt: record.createdAt,
  });
  await deps.cases.appendEvent({
    type: "referred",
    caseReference: record.reference,
    eventId: `referred:${referral.level}`,
    at,
    level: referral.level,
    reasonCode: referral.reasonCode,
    reason: referral.reason,
  });
  await deps.cases.markReferred(record.reference, at);
  deps.log.info("case referred", {
    caseReference: record.reference,
    referralLevel: referral.level,
    reasonCode: referral.reasonCode,
  });
}

function threadingHeaders(record: CaseRecord): Record<string, string> {
  const headers: Record<string, string> = {
    "Auto-Submitted": "auto-replied",
    "X-Auto-Response-Suppress": "All",
    [LOOP_HEADER]: record.reference,
  };
  if (record.inboundMessageId) {
    headers["In-Reply-To"] = `<${record.inboundMessageId}>`;
    headers.References = `<${record.inboundMessageId}>`;
  }
  return headers;
}

async function acknowledge(record: CaseRecord, deps: CompletionDependencies): Promise<void> {
  const { policy } = deps;
  const startedAt = deps.clock.now().toISOString();
  if (!(await deps.cases.claimAcknowledgement(record.reference, startedAt))) return;
  const day = startedAt.slice(0, 10);
  if (
    !(await deps.quota.take(record.customer.email, day, deps.intakePolicy.acknowledgementsPerSenderPerDay))
  ) {
    await deps.cases.settleAcknowledgement(
      record.reference,
      { state: "not-required", reason: "sender-daily-cap" },
      startedAt,
    );
    deps.log.info("acknowledgement withheld", {
      caseReference: record.reference,
      reason: "sender-daily-cap",
    });
    return;
  }

  const message = renderAcknowledgement(record, {
    organisationName: policy.organisation.name,
    teamName: policy.organisation.teams[record.referral.level],
    responseTimeStatement: policy.acknowledgement.responseTimeStatement,
  });
  const findings = checkPromisesAndTone(message.text, policy.promiseCheck.allowedPhrases);
  if (findings.length > 0) {
    await notSent(record, "promise-check", deps);
    deps.log.error("acknowledgement blocked", {
      caseReference: record.reference,
      findings: findings.map((f) => f.kind),
    });
    return;
  }

  const outbound = {
    from: deps.settings.intakeAddress,
    to: record.customer.email,
    subject: message.subject,
    text: message.text,
    headers: threadingHeaders(record),
  };
  let sent: { providerMessageId: string; messageId: string };
  try {
    sent = await deps.mailer.send(outbound);
  } catch (error) {
    if (error instanceof MailRejectedError) {
      await notSent(record, "rejected-by-mail-service", deps);
      deps.log.warn("acknowledgement rejected", { caseReference: record.reference });
      return;
    }
    // A passing fault: give the claim back so the redelivered message tries again.
    await deps.cases.settleAcknowledgement(
      record.reference,
      { state: "pending" },
      deps.clock.now().toISOString(),
    );
    throw error;
  }
  const sentAt = deps.clock.now().toISOString();
  await deps.cases.addLookup("message-id", sent.messageId, record.reference);
  await deps.cases.appendEvent({
    type: "message-sent",
    caseReference: record.reference,
    eventId: "acknowledgement",
    at: sentAt,
    purpose: "acknowledgement",
    to: outbound.to,
    subject: outbound.subject,
    text: outbound.text,
    headers: outbound.headers,
    messageId: sent.messageId,
    providerMessageId: sent.providerMessageId,
  });
  // Settled last: once the state says sent, the message is already on the timeline and findable.
  await deps.cases.settleAcknowledgement(
    record.reference,
    { state: "sent", messageId: sent.messageId, sentAt },
    sentAt,
  );
  deps.log.info("acknowledgement sent", { caseReference: record.reference });
}

async function notSent(record: CaseRecord, reason: string, deps: CompletionDependencies): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.cases.settleAcknowledgement(record.reference, { state: "failed", reason }, at);
  await deps.cases.appendEvent({
    type: "message-not-sent",
    caseReference: record.reference,
    eventId: "acknowledgement",
    at,
    purpose: "acknowledgement",
    reason,
  });
}
