// Sends Heed's outbound mail through SES v2. SES assigns the Message-ID (it replaces any we set), so the
// id customers' replies will quote is derived from the one SES returns and recorded on the case.

import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { headerSafe } from "../../domain/header-text";
import { type Mailer, MailRejectedError, type OutboundEmail } from "../../ports";

const PERMANENT_FAILURES = new Set([
  "MessageRejected",
  "MailFromDomainNotVerifiedException",
  "BadRequestException",
]);

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly configurationSetName: string | undefined,
  ) {}

  async send(message: OutboundEmail): Promise<{ providerMessageId: string; messageId: string }> {
    let result: { MessageId?: string };
    try {
      result = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: message.from,
          Destination: { ToAddresses: [message.to] },
          ConfigurationSetName: this.configurationSetName,
          Content: {
            Simple: {
              Subject: { Data: headerSafe(message.subject, 200), Charset: "UTF-8" },
              Body: { Text: { Data: message.text, Charset: "UTF-8" } },
              Headers: Object.entries(message.headers).map(([Name, value]) => ({
                Name,
                Value: headerSafe(value, 900),
              })),
            },
          },
        }),
      );
    } catch (error) {
      if (error instanceof Error && PERMANENT_FAILURES.has(error.name)) {
        throw new MailRejectedError(`mail service rejected the message: ${error.name}`, { cause: error });
      }
      throw error;
    }
    if (!result.MessageId) throw new Error("mail service returned no message id");
    const region = await this.client.config.region();
    return { providerMessageId: result.MessageId, messageId: `${result.MessageId}@${region}.amazonses.com` };
  }
}
