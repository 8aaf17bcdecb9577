// The Message-ID SES gives what it sends, apart from the mailer so that reading SES's notifications does not
// load the SES client.

import { normaliseMessageId } from "../../domain/mail";

/**
 * The Message-ID SES gives a message it accepted with this id, as Heed records and matches it: replies
 * and bounces quote `<id>@<region's subdomain>.amazonses.com`, which `normaliseMessageId` reads as
 * `<id>@amazonses.com` whatever the subdomain.
 */
export function sesMessageId(providerMessageId: string, region: string): string {
  return normaliseMessageId(`${providerMessageId}@${region}.amazonses.com`);
}
