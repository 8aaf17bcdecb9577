// When a customer writes again about an open case, they are told it reached their case and who has it,
// so they need not send it twice. At most one notice per reply (a once-only claim taken before sending,
// given back when the mail service did not take the letter, so a retry sends it), within the same
// per-sender daily cap as acknowledgements. Intake calls this after threading a reply
// from the case's own customer; replies that screening suppressed never get here.

import type { IntakePolicy } from "../domain/policy/intake-policy";
import { renderReplyNotice } from "../domain/templates/letters";
import type { AcknowledgementQuota } from "../ports";
import {
  type CustomerMailDependencies,
  type Delivery,
  deliver,
  type FollowUpDependencies,
  letterheadFor,
  MailUnavailableError,
} from "./customer-mail";

export interface ReplyNoticeDependencies extends CustomerMailDependencies {
  followUps: FollowUpDependencies;
  quota: AcknowledgementQuota;
  intakePolicy: IntakePolicy;
}

export type ReplyNoticeResult =
  | Delivery
  | { sent: false; reason: "no-case" | "already-noticed" | "sender-daily-cap" };

/**
 * `receivedEventId` is the timeline id of the reply. The notice is automatic and does not restart the
 * quiet period: the customer is still waiting to hear from a person.
 */
export async function noticeReply(
  reference: string,
  receivedEventId: string,
  deps: ReplyNoticeDependencies,
): Promise<ReplyNoticeResult> {
  const record = await deps.cases.getCase(reference);
  if (!record) return { sent: false, reason: "no-case" };
  const at = deps.clock.now().toISOString();
  const claim = `reply-notice:${receivedEventId}`;
  if (!(await deps.followUps.store.claimOnce(reference, claim, at)))
    return { sent: false, reason: "already-noticed" };
  const cap = deps.intakePolicy.acknowledgementsPerSenderPerDay;
  if (
    !(await deps.quota.take(record.customer.email, at.slice(0, 10), cap, `${reference}#${receivedEventId}`))
  ) {
    deps.log.info("reply notice withheld", { caseReference: reference, reason: "sender-daily-cap" });
    return { sent: false, reason: "sender-daily-cap" };
  }
  try {
    return await deliver(
      record,
      {
        purpose: "reply-notice",
        eventId: claim,
        rendered: renderReplyNotice(record, letterheadFor(record, deps)),
        automatic: "auto-replied",
      },
      deps,
      await deps.cases.timeline(reference),
    );
  } catch (error) {
    // Nothing went out, so the claim goes back: the redelivered reply sends the notice once.
    if (error instanceof MailUnavailableError) await deps.followUps.store.releaseClaim(reference, claim);
    throw error;
  }
}
