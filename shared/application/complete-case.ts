// The steps that follow once a case is durably recorded: refer it to the right level, then acknowledge it.
// Each step is guarded by the case's own state, so running this again after a crash or a redelivery
// repeats nothing that already happened (invariants 1 and 3 of the design). A complaint's regulated
// clocks are put down (and the complaints return counts it) first; the acknowledgement starts the quiet period: if the customer then hears
// nothing more, the case's team is nudged.

import type { CaseRecord, ReferredEvent } from "../domain/case";
import { outsideHelpFor } from "../domain/outcomes";
import { contactFor, responseTimeStatement } from "../domain/policy/communication-policy";
import type { IntakePolicy } from "../domain/policy/intake-policy";
import { renderAcknowledgement, renderNeutralAcknowledgement } from "../domain/templates/acknowledgement";
import type { AcknowledgementQuota, CaseItems, ReferralMessage, ReferralQueue, WorkQueues } from "../ports";
import { type ComplaintRulesDependencies, complaintClockDueItems, openComplaint } from "./complaint-clocks";
import { type ComplaintReturnDependencies, openedCell } from "./complaints-return";
import {
  type CustomerMailDependencies,
  communicationOf,
  deliver,
  letterheadFor,
  MailUnavailableError,
  restartQuietPeriod,
} from "./customer-mail";
import { inStep } from "./record-failure";
import { isIntakeReferral, referralMessageFor } from "./referral-message";
import { caseReportRow, referralReportRow } from "./reports";
import { workQueueEntry } from "./work-queue-entry";

export interface CompletionDependencies
  extends CustomerMailDependencies,
    ComplaintRulesDependencies,
    ComplaintReturnDependencies {
  quota: AcknowledgementQuota;
  intakePolicy: IntakePolicy;
  referrals: ReferralQueue;
  queues: Pick<WorkQueues, "place">;
  /** Signals that put a case ahead of older ones in its level's queue (staff teams' `urgentSignals`). */
  urgentSignals: readonly string[];
}

/** Completes a case intake recorded in an earlier attempt: read as it stands now, since steps may have run. */
export async function completeRecordedCase(reference: string, deps: CompletionDependencies): Promise<void> {
  const record = await inStep("read-case", () => deps.cases.getCase(reference));
  if (!record) throw new Error(`case ${reference} is not recorded`);
  await completeCase(record, deps);
}

/** What the caller of `completeCase` already knows from recording the case. */
export interface RecordingKnowledge {
  /** The case was created together with its `firstStepItems`, which are not written again. */
  firstStepsWritten?: boolean;
  /** Whether mail to the customer is suppressed, as intake read it just now; left out, sending reads it. */
  customerSuppressed?: boolean;
}

/** Completes the case as given: the record intake just wrote, or one read back by the caller. */
export async function completeCase(
  record: CaseRecord,
  deps: CompletionDependencies,
  { firstStepsWritten = false, customerSuppressed }: RecordingKnowledge = {},
): Promise<void> {
  if (deps.followUps && !firstStepsWritten) {
    const followUps = deps.followUps;
    await inStep("open-complaint", () => openComplaint(record, { ...deps, dueItems: followUps.dueItems }));
  }
  const referredAt =
    record.referral.state === "pending"
      ? await inStep("refer", () => refer(record, deps, firstStepsWritten))
      : undefined;
  if (record.acknowledgement.state === "pending") {
    await inStep("acknowledge", () => acknowledge(record, deps, referredAt, customerSuppressed));
    return;
  }
  // Marked in its own write only when no acknowledgement claim carries it.
  if (referredAt) await inStep("refer", () => deps.cases.markReferred(record.reference, referredAt));
  if (record.acknowledgement.state === "sent" && record.acknowledgement.sentAt && !record.lastContactAt) {
    // Sent before a crash that came ahead of the quiet period being started.
    const { sentAt } = record.acknowledgement;
    await inStep("quiet-period", () => restartQuietPeriod(record, sentAt, deps));
  }
}

export type FirstStepDependencies = Pick<
  CompletionDependencies,
  "followUps" | "complaintReturn" | "rulePack" | "communication" | "urgentSignals" | "clock"
>;

/**
 * What completing a case created just now writes before anything is sent, as items to write with the
 * case's first ones: a complaint's clocks and its count as opened, and its referral (its place in its
 * level's queue, its timeline event and its report rows).
 * None of them can exist before the case does, so writing them without conditions is safe on the attempt
 * that created it.
 */
export function firstStepItems(record: CaseRecord, deps: FirstStepDependencies): CaseItems {
  const complaint = deps.followUps !== undefined && record.classification.kind === "complaint";
  const at = deps.clock.now().toISOString();
  const referral = record.referral.state === "pending" ? referralMessageFor(record) : undefined;
  return {
    dueItems: complaint ? complaintClockDueItems(record, deps) : [],
    complaintReturn:
      complaint && deps.complaintReturn ? [{ cell: openedCell(record), measure: "opened" }] : [],
    queueEntries: referral ? [workQueueEntry(record, referral, at, deps.urgentSignals)] : [],
    events: referral ? [referredEvent(record, at)] : [],
    ...(referral ? referralReports(record, referral, at) : {}),
  };
}

/**
 * The report rows of intake's own referral, written by intake before it sends the referral (the notifier
 * writes them only for other referrals): the case's row as it stands and the referral's, as referred at
 * `at`. Both are put whole, so a retry writing them again stores the same or a later state.
 */
export function referralReports(
  record: CaseRecord,
  referral: ReferralMessage,
  at: string,
): Pick<CaseItems, "caseReports" | "referralReports"> {
  if (!isIntakeReferral(referral)) return {};
  return {
    caseReports: [caseReportRow(record)],
    referralReports: [referralReportRow(referral, at)],
  };
}

/** The timeline's record that the case was referred to its level. */
function referredEvent(record: CaseRecord, at: string): ReferredEvent {
  const { referral } = record;
  return {
    type: "referred",
    caseReference: record.reference,
    eventId: `referred:${referral.level}`,
    at,
    level: referral.level,
    reasonCode: referral.reasonCode,
    reason: referral.reason,
  };
}

/**
 * Sends the referral and, unless `placed` with the case's first items, puts it on the timeline; returns
 * when it was sent, for the case to record.
 */
async function refer(record: CaseRecord, deps: CompletionDependencies, placed: boolean): Promise<string> {
  const { referral } = record;
  const at = deps.clock.now().toISOString();
  const message = referralMessageFor(record);
  // The queue entry and the report rows first (with the case's first items when `placed`): once the
  // referral is sent, the case is in its level's queue and counted as referred whatever becomes of the
  // message.
  if (!placed) {
    await deps.queues.place(workQueueEntry(record, message, at, deps.urgentSignals));
    await deps.cases.addToCase(record.reference, referralReports(record, message, at));
  }
  await deps.referrals.send(message);
  if (!placed) await deps.cases.appendEvent(referredEvent(record, at));
  deps.log.info("case referred", {
    caseReference: record.reference,
    referralLevel: referral.level,
    reasonCode: referral.reasonCode,
  });
  return at;
}

async function acknowledge(
  record: CaseRecord,
  deps: CompletionDependencies,
  referredAt: string | undefined,
  customerSuppressed: boolean | undefined,
): Promise<void> {
  const startedAt = deps.clock.now().toISOString();
  // The claim also marks a referral sent just now: one write to the case instead of two.
  const referred = referredAt
    ? { ...record.referral, state: "sent" as const, sentAt: referredAt }
    : undefined;
  if (!(await deps.cases.claimAcknowledgement(record.reference, startedAt, referred))) {
    if (referredAt) await deps.cases.markReferred(record.reference, referredAt);
    return;
  }
  const day = startedAt.slice(0, 10);
  if (
    !(await deps.quota.take(
      record.customer.email,
      day,
      deps.intakePolicy.acknowledgementsPerSenderPerDay,
      `${record.reference}#acknowledgement`,
    ))
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

  const letterhead = letterheadFor(record, deps);
  const language = letterhead.catalogue.language;
  const communication = communicationOf(deps);
  const rendered = record.flags["unauthenticated-sender"]
    ? renderNeutralAcknowledgement(record, letterhead)
    : renderAcknowledgement(record, letterhead, {
        responseTimeStatement: responseTimeStatement(language, deps.policy, communication),
        rightsHelp: outsideHelpFor(record, communication.outsideHelp, "data-protection").map((entry) =>
          contactFor(entry, language),
        ),
        adjustmentsOffered: communication.adjustmentsOffered,
      });
  let delivery: Awaited<ReturnType<typeof deliver>>;
  try {
    delivery = await deliver(
      record,
      {
        purpose: "acknowledgement",
        eventId: "acknowledgement",
        rendered,
        automatic: "auto-replied",
        startsQuietPeriod: true,
        ...(customerSuppressed === undefined ? {} : { recipientSuppressed: customerSuppressed }),
      },
      deps,
    );
  } catch (error) {
    // Nothing was sent: give the claim back so the redelivered message tries again. A failure after
    // the mail service accepted it keeps the claim, so the acknowledgement is never sent twice.
    if (error instanceof MailUnavailableError) {
      await deps.cases.settleAcknowledgement(
        record.reference,
        { state: "pending" },
        deps.clock.now().toISOString(),
      );
    }
    throw error;
  }
  if (!delivery.sent) {
    await deps.cases.settleAcknowledgement(
      record.reference,
      { state: "failed", reason: delivery.reason },
      deps.clock.now().toISOString(),
    );
    return;
  }
  // Settled after the message is on the timeline, findable by its Message-ID and its quiet period's
  // nudge scheduled (all written together), so the settling write records the contact too: a nudge
  // whose contact was never recorded says nothing.
  const { sentAt } = delivery;
  await deps.cases.settleAcknowledgement(
    record.reference,
    { state: "sent", messageId: delivery.messageId, sentAt },
    sentAt,
    deps.followUps ? sentAt : undefined,
  );
  deps.log.info("acknowledgement sent", { caseReference: record.reference });
}
