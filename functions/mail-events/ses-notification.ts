// SES bounce and complaint notifications as SNS delivers them to the queue: the SNS envelope (the fields
// of Powertools Parser's SNS-to-SQS schema that Heed relies on, in Heed's own schema because Parser's
// `z` namespace import keeps every zod locale in the bundle), then SES's JSON in its Message (`eventType` from a configuration set's event
// destination, `notificationType` from an identity's notifications; Powertools has no schema for these).
// What is not feedback is named and dropped: SNS's own subscription messages, the plain-text
// "Successfully validated SNS topic" SES publishes when the event destination is created, and other SES
// events (deliveries, opens).

import * as z from "zod";
import type { MailFeedback } from "../../shared/application/mail-events";

const snsNotification = z.object({
  Type: z.literal("Notification"),
  MessageId: z.string(),
  TopicArn: z.string(),
  Message: z.string(),
  Timestamp: z.iso.datetime(),
});

/** SNS's own messages to a subscribed queue: the subscription's confirmation and its end. */
const snsSubscriptionMessage = snsNotification.pick({ MessageId: true, TopicArn: true }).extend({
  Type: z.enum(["SubscriptionConfirmation", "UnsubscribeConfirmation"]),
});

const snsDelivery = z.union([snsNotification, snsSubscriptionMessage]);

/** Any SES event or notification says which it is; feedback is then read strictly. */
const sesEventType = z
  .object({ eventType: z.string().optional(), notificationType: z.string().optional() })
  .refine((event) => event.eventType !== undefined || event.notificationType !== undefined);

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

/** Why a queue message that carries no bounce or complaint was dropped. */
export type IgnoredNotification = {
  ignored: "sns-subscription-message" | "not-an-ses-event" | "other-ses-event";
};

/** The queue message is not an SES notification delivered by SNS: it is retried, then parked. */
export class UnreadableNotificationError extends Error {
  override name = "UnreadableNotificationError";
}

function parseJson(text: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The region SES sent from, which is part of the Message-ID it gave the message. */
function regionOf(sourceArn: string | undefined, fallback: string): string {
  return sourceArn?.split(":")[3] || fallback;
}

/**
 * The bounce or complaint in one queue message, or why there is none. A message that is not from SNS, or
 * an SES bounce or complaint that cannot be read, is an error: it may be feedback Heed must not lose.
 * `messageIdOf` turns SES's message id into the Message-ID Heed recorded.
 */
export function mailFeedbackIn(
  body: string,
  region: string,
  messageIdOf: (providerMessageId: string, region: string) => string,
): MailFeedback | IgnoredNotification {
  const envelope = snsDelivery.safeParse(parseJson(body)?.json);
  if (!envelope.success)
    throw new UnreadableNotificationError("the queue message is not an SNS notification");
  if (envelope.data.Type !== "Notification") return { ignored: "sns-subscription-message" };
  const message = parseJson(envelope.data.Message);
  if (!message || !sesEventType.safeParse(message.json).success) return { ignored: "not-an-ses-event" };
  const parsed = sesNotification.safeParse(message.json);
  if (!parsed.success) throw new UnreadableNotificationError("the SNS message is not an SES notification");
  const { mail, bounce, complaint } = parsed.data;
  const type = parsed.data.eventType ?? parsed.data.notificationType;
  const messageId = messageIdOf(mail.messageId, regionOf(mail.sourceArn, region));
  if (type === "Bounce" && bounce) {
    return {
      kind: "bounce",
      feedbackId: bounce.feedbackId,
      messageId,
      recipients: bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
      bounceType: bounce.bounceType,
    };
  }
  if (type === "Complaint" && complaint) {
    return {
      kind: "spam-report",
      feedbackId: complaint.feedbackId,
      messageId,
      recipients: complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
    };
  }
  if (type === "Bounce" || type === "Complaint")
    throw new UnreadableNotificationError(
      `the SES ${type.toLowerCase()} has no ${type.toLowerCase()} details`,
    );
  return { ignored: "other-ses-event" };
}
