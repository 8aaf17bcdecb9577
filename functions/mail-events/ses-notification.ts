// SES bounce and complaint notifications as SNS delivers them to the queue: the SNS envelope, then SES's
// JSON in its Message (`eventType` from a configuration set's event destination, `notificationType` from
// an identity's notifications). Parsed with zod; other SES events (deliveries, opens) give nothing.

import { z } from "zod";
import type { MailFeedback } from "../../shared/application/mail-events";

const snsEnvelope = z.object({ Type: z.literal("Notification"), Message: z.string() });

const recipients = z.array(z.object({ emailAddress: z.string().min(1) })).min(1);

const sesNotification = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({ messageId: z.string().min(1), sourceArn: z.string().optional() }),
  bounce: z
    .object({ feedbackId: z.string().min(1), bounceType: z.string(), bouncedRecipients: recipients })
    .optional(),
  complaint: z.object({ feedbackId: z.string().min(1), complainedRecipients: recipients }).optional(),
});

/** The queue message is not an SES notification delivered by SNS: it is retried, then parked. */
export class UnreadableNotificationError extends Error {
  override name = "UnreadableNotificationError";
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnreadableNotificationError(`${what} is not JSON`, { cause: error });
  }
}

/** The region SES sent from, which is part of the Message-ID it gave the message. */
function regionOf(sourceArn: string | undefined, fallback: string): string {
  return sourceArn?.split(":")[3] || fallback;
}

/**
 * The bounce or complaint in one queue message, or undefined for other SES events. `messageIdOf` turns
 * SES's message id into the Message-ID Heed recorded.
 */
export function mailFeedbackIn(
  body: string,
  region: string,
  messageIdOf: (providerMessageId: string, region: string) => string,
): MailFeedback | undefined {
  const envelope = snsEnvelope.safeParse(parseJson(body, "the queue message"));
  if (!envelope.success)
    throw new UnreadableNotificationError("the queue message is not an SNS notification");
  const parsed = sesNotification.safeParse(parseJson(envelope.data.Message, "the SNS message"));
  if (!parsed.success) throw new UnreadableNotificationError("the SNS message is not an SES notification");
  const { mail, bounce, complaint } = parsed.data;
  const type = parsed.data.eventType ?? parsed.data.notificationType;
  const messageId = messageIdOf(mail.messageId, regionOf(mail.sourceArn, region));
  if (type === "Bounce" && bounce) {
    return {
      problem: "bounce",
      feedbackId: bounce.feedbackId,
      messageId,
      recipients: bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
      bounceType: bounce.bounceType,
    };
  }
  if (type === "Complaint" && complaint) {
    return {
      problem: "complaint",
      feedbackId: complaint.feedbackId,
      messageId,
      recipients: complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
    };
  }
  return undefined;
}
