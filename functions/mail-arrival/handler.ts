// SES's second receipt action, run after its S3 action has stored the message: records the raw mail's
// arrival in the recent-work index, so the reconciler finds mail whose S3 event never reached intake
// without ever listing the bucket. SES invokes it asynchronously and Lambda retries a failed call; the
// event carries the message's id and time only, never its content.

import * as z from "zod";
import { mailArrival } from "../../shared/adapters/aws/wiring/data-lifecycle";
import { log } from "../../shared/adapters/logger";
import { mailArrivalEnvironment } from "../../shared/config/data-lifecycle-environment";
import { readEnvironment } from "../../shared/config/environment";

const env = readEnvironment(mailArrivalEnvironment);
const { arrivals } = mailArrival(env);

/**
 * The part of SES's receipt event (as Powertools Parser's SES record reads it) this needs: which message
 * was stored, and when it was received. The id becomes an object key, so it is held to SES's own
 * alphabet. Heed's own schema: Parser's `z` namespace import would keep every zod locale in the bundle.
 */
const storedMail = z.object({ timestamp: z.iso.datetime(), messageId: z.string().regex(/^[a-z0-9]+$/) });
const sesReceiptEvent = z.object({
  Records: z.array(z.object({ ses: z.object({ mail: storedMail }) })).min(1),
});

export async function handler(event: unknown): Promise<void> {
  for (const { ses } of sesReceiptEvent.parse(event).Records) {
    // The S3 action stores each message under the rule's prefix and SES's message id.
    const key = `${env.RAW_MAIL_PREFIX}${ses.mail.messageId}`;
    await arrivals.record({ bucket: env.RAW_MAIL_BUCKET, key, receivedAt: ses.mail.timestamp });
    log.info("mail arrival recorded", { key });
  }
}
