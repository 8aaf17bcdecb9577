// Sends every message Heed writes to a customer through SES v2: one recipient, header values on one line
// of visible characters, plain text with an HTML part when the letter has one, and never to an address
// that bounced for good or reported us as spam. SES assigns the Message-ID (it replaces any we set), so
// the id customers' replies will quote is derived from the one SES returns and recorded on the case.
// Refusals that retrying cannot change are told apart from passing faults, including the two ways an
// account in the SES sandbox refuses an unverified recipient.

import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { headerSafe } from "../../domain/header-text";
import {
  type Mailer,
  MailRecipientNotVerifiedError,
  MailRejectedError,
  MailSuppressedError,
  type OutboundEmail,
  type OutboundLetter,
  type Suppressions,
} from "../../ports";
import { sesMessageId } from "./ses-message-id";

const PERMANENT_FAILURES = new Set([
  "MessageRejected",
  "MailFromDomainNotVerifiedException",
  "BadRequestException",
  "AccessDeniedException",
  "AccessDenied",
]);

/**
 * In the SES sandbox a send to an unverified recipient fails with MessageRejected ("Email address is not
 * verified. The following identities failed the check …: <recipient>") or, because SES then also
 * authorises the send against the recipient's identity, with AccessDenied naming `identity/<recipient>`.
 */
function isSandboxRecipientRefusal(error: Error, recipient: string): boolean {
  const text = error.message.toLowerCase();
  const address = recipient.toLowerCase();
  if (error.name === "MessageRejected") return text.includes("not verified") && text.includes(address);
  return error.name.startsWith("AccessDenied") && text.includes(`identity/${address}`);
}

/** The mailer's error for an SES error that retrying cannot change, or undefined for a passing fault. */
function permanentFailure(error: unknown, recipient: string): MailRejectedError | undefined {
  if (!(error instanceof Error) || !PERMANENT_FAILURES.has(error.name)) return undefined;
  if (isSandboxRecipientRefusal(error, recipient)) {
    return new MailRecipientNotVerifiedError("SES sandbox: recipient not verified", { cause: error });
  }
  return new MailRejectedError(`mail service rejected the message: ${error.name}`, { cause: error });
}

/** Exactly one plain address: no display name, list separator or whitespace that could add recipients. */
const ONE_ADDRESS = /^[^\s@,;<>"()]+@[^\s@,;<>"()]+$/;

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly configurationSetName: string | undefined,
    private readonly suppressions?: Suppressions,
  ) {}

  async send(
    message: OutboundEmail | OutboundLetter,
  ): Promise<{ providerMessageId: string; messageId: string }> {
    if (!ONE_ADDRESS.test(message.to)) throw new MailRejectedError("the recipient is not one plain address");
    if (message.recipientSuppressed ?? (await this.suppressions?.isSuppressed(message.to))) {
      throw new MailSuppressedError("mail to this address bounced for good or was reported as spam");
    }
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
              Body: {
                Text: { Data: message.text, Charset: "UTF-8" },
                ...("html" in message ? { Html: { Data: message.html, Charset: "UTF-8" } } : {}),
              },
              Headers: Object.entries(message.headers).map(([Name, value]) => ({
                Name: headerSafe(Name, 76),
                Value: headerSafe(value, 900),
              })),
            },
          },
        }),
      );
    } catch (error) {
      throw permanentFailure(error, message.to) ?? error;
    }
    if (!result.MessageId) throw new Error("mail service returned no message id");
    const region = await this.client.config.region();
    return { providerMessageId: result.MessageId, messageId: sesMessageId(result.MessageId, region) };
  }
}
