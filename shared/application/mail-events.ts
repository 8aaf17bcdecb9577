// What SES tells us after sending: a letter that bounced or that the customer reported as spam. The case
// it belonged to is flagged "customer not informed" with the feedback on its timeline, and after a
// permanent bounce or a spam report Heed writes to that address no more. Repeated notifications change nothing.

import type { MailFeedbackEvent } from "../domain/case";
import { normaliseMessageId } from "../domain/mail";
import type { CaseStore, Clock, Log, Suppressions } from "../ports";

/** A bounce, or a spam report (what SES calls a complaint: the customer marked a letter as spam). */
export type MailFeedbackKind = "bounce" | "spam-report";

/** The timeline keeps SES's word, `complaint`, for a spam report: stored events and the API say so. */
function storedFeedbackProblem(kind: MailFeedbackKind): MailFeedbackEvent["problem"] {
  return kind === "spam-report" ? "complaint" : "bounce";
}

export interface MailFeedback {
  kind: MailFeedbackKind;
  /** SES's id for this notification, the same on every redelivery. */
  feedbackId: string;
  /** The Message-ID of our message, as the case's timeline and lookups hold it. */
  messageId: string;
  recipients: string[];
  /** For bounces: `Permanent`, `Transient` or `Undetermined`. */
  bounceType?: string;
}

export interface MailEventDependencies {
  cases: CaseStore;
  suppressions: Suppressions;
  clock: Clock;
  log: Log;
}

/** Only a permanent bounce or a spam report stops mail; a soft bounce may deliver next time. */
export function suppresses(feedback: MailFeedback): boolean {
  return feedback.kind === "spam-report" || feedback.bounceType === "Permanent";
}

export async function recordMailFeedback(
  feedback: MailFeedback,
  deps: MailEventDependencies,
): Promise<{ caseReferences: string[]; suppressed: boolean }> {
  const at = deps.clock.now().toISOString();
  const suppressed = suppresses(feedback);
  if (suppressed) {
    for (const recipient of feedback.recipients)
      await deps.suppressions.suppress(recipient, feedback.kind, at);
  }
  const messageId = normaliseMessageId(feedback.messageId);
  const caseReferences = await deps.cases.findCaseReferences("message-id", messageId);
  for (const reference of caseReferences) {
    await deps.cases.setFlag(reference, "customer-not-informed", {
      at,
      detail:
        feedback.kind === "bounce"
          ? "a message we sent could not be delivered to the customer's address"
          : "the customer marked a message we sent as spam",
    });
    await deps.cases.appendEvent({
      type: "delivery-problem",
      caseReference: reference,
      eventId: `delivery-problem:${feedback.feedbackId}`,
      at,
      messageId,
      problem: storedFeedbackProblem(feedback.kind),
      ...(feedback.bounceType ? { bounceType: feedback.bounceType } : {}),
      addressSuppressed: suppressed,
    });
  }
  deps.log.warn("mail feedback recorded", {
    kind: feedback.kind,
    bounceType: feedback.bounceType,
    caseReferences,
    suppressed,
  });
  return { caseReferences, suppressed };
}
