// The SES side of outbound mail: notifications SNS puts on the queue are read into bounces and complaints
// for the Message-ID Heed recorded, a permanent bounce flags the case and suppresses the address, and the
// mailer refuses suppressed addresses, more than one recipient and control characters in headers.
import type { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { beforeEach, describe, expect, it } from "vitest";
import { mailFeedbackIn, UnreadableNotificationError } from "../../functions/mail-events/ses-notification";
import { SesMailer } from "../../shared/adapters/aws/ses-mailer";
import { sesMessageId } from "../../shared/adapters/aws/ses-message-id";
import { recordMailFeedback } from "../../shared/application/mail-events";
import { MailRecipientNotVerifiedError, MailRejectedError, MailSuppressedError } from "../../shared/ports";
import { MemoryCases, MemorySuppressions, MovableClock, silentLog } from "./communication-fakes";
import { sampleCase } from "./sample-case";
import { customerReply, LETTERS_START, REFERENCE } from "./support/letters";

/** What SNS puts on the queue for one SES notification (raw message delivery off). */
function snsDelivery(message: unknown): string {
  return JSON.stringify({
    Type: "Notification",
    MessageId: "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
    TopicArn: "arn:aws:sns:eu-west-2:123456789012:Heed-MailEventsTopic",
    Message: JSON.stringify(message),
    Timestamp: "2026-11-23T10:05:00.000Z",
    SignatureVersion: "1",
    Signature: "EXAMPLE",
    SigningCertURL: "https://sns.eu-west-2.amazonaws.com/cert.pem",
    UnsubscribeURL: "https://sns.eu-west-2.amazonaws.com/?Action=Unsubscribe",
  });
}

const mail = {
  timestamp: "2026-11-23T10:00:00.000Z",
  source: "complaints@example.com",
  sourceArn: "arn:aws:ses:eu-west-1:123456789012:identity/example.com",
  messageId: "0102018c-aaaa-bbbb",
  destination: ["jo@example.org"],
};

describe("mailFeedbackIn", () => {
  it("reads a permanent bounce from a configuration set's event, with the Message-ID SES gave our message", () => {
    const event = snsDelivery({
      eventType: "Bounce",
      mail,
      bounce: {
        feedbackId: "0102018c-feedback",
        bounceType: "Permanent",
        bounceSubType: "General",
        bouncedRecipients: [{ emailAddress: "jo@example.org", status: "5.1.1" }],
        timestamp: "2026-11-23T10:00:05.000Z",
      },
    });

    expect(mailFeedbackIn(event, "eu-west-2", sesMessageId)).toEqual({
      kind: "bounce",
      feedbackId: "0102018c-feedback",
      messageId: "0102018c-aaaa-bbbb@amazonses.com",
      recipients: ["jo@example.org"],
      bounceType: "Permanent",
    });
  });

  it("reads a spam report (an SES complaint) from an identity notification and ignores deliveries", () => {
    const complaint = snsDelivery({
      notificationType: "Complaint",
      mail,
      complaint: { feedbackId: "fb-c", complainedRecipients: [{ emailAddress: "jo@example.org" }] },
    });
    const delivery = snsDelivery({ eventType: "Delivery", mail, delivery: {} });

    expect(mailFeedbackIn(complaint, "eu-west-2", sesMessageId)).toMatchObject({ kind: "spam-report" });
    expect(mailFeedbackIn(delivery, "eu-west-2", sesMessageId)).toEqual({ ignored: "other-ses-event" });
  });

  it("drops the plain-text message SES publishes when it validates the topic on a fresh stack", () => {
    const validation = JSON.stringify({
      ...JSON.parse(snsDelivery({})),
      Message: "Successfully validated SNS topic for Amazon SES event publishing.",
    });

    expect(mailFeedbackIn(validation, "eu-west-2", sesMessageId)).toEqual({ ignored: "not-an-ses-event" });
  });

  it("drops SNS's own subscription and unsubscribe confirmations", () => {
    for (const Type of ["SubscriptionConfirmation", "UnsubscribeConfirmation"]) {
      const confirmation = JSON.stringify({
        ...JSON.parse(snsDelivery({})),
        Type,
        Message: "You have chosen to subscribe to the topic arn:aws:sns:eu-west-2:123456789012:Heed.",
      });

      expect(mailFeedbackIn(confirmation, "eu-west-2", sesMessageId), Type).toEqual({
        ignored: "sns-subscription-message",
      });
    }
  });

  it("refuses a bounce it cannot read rather than dropping feedback", () => {
    const unreadable = snsDelivery({ eventType: "Bounce", mail });

    expect(() => mailFeedbackIn(unreadable, "eu-west-2", sesMessageId)).toThrow(UnreadableNotificationError);
  });

  it("refuses a bounce whose envelope lacks what SNS always sends", () => {
    // Prepare
    const delivery = JSON.parse(
      snsDelivery({
        eventType: "Bounce",
        mail,
        bounce: {
          feedbackId: "0102018c-feedback",
          bounceType: "Permanent",
          bouncedRecipients: [{ emailAddress: "jo@example.org" }],
        },
      }),
    ) as Record<string, unknown>;
    const { TopicArn: _topic, MessageId: _id, ...withoutSnsFields } = delivery;

    // Act
    const read = () => mailFeedbackIn(JSON.stringify(withoutSnsFields), "eu-west-2", sesMessageId);

    // Assess
    expect(mailFeedbackIn(JSON.stringify(delivery), "eu-west-2", sesMessageId)).toMatchObject({
      kind: "bounce",
    });
    expect(read).toThrow(UnreadableNotificationError);
  });

  it("refuses a message that is not an SES notification delivered by SNS", () => {
    expect(() => mailFeedbackIn("{}", "eu-west-2", sesMessageId)).toThrow(UnreadableNotificationError);
    expect(() => mailFeedbackIn("not json", "eu-west-2", sesMessageId)).toThrow(UnreadableNotificationError);
  });
});

describe("SesMailer", () => {
  function client(calls: SendEmailCommand[]): SESv2Client {
    return {
      send: async (command: SendEmailCommand) => {
        calls.push(command);
        return { MessageId: "0102-abc" };
      },
      config: { region: async () => "eu-west-2" },
    } as unknown as SESv2Client;
  }
  const letter = {
    from: "complaints@example.com",
    to: "jo@example.org",
    subject: "Re: Parcel [CS-7K3MQ092]",
    text: "Hello",
    html: "<p>Hello</p>",
    headers: { "In-Reply-To": "<abc@example.org>\r\nBcc: x@example.org" },
  };

  it("sends text and HTML to one recipient with header values on one line", async () => {
    const calls: SendEmailCommand[] = [];

    const sent = await new SesMailer(client(calls), "heed").send(letter);

    expect(sent).toEqual({ providerMessageId: "0102-abc", messageId: "0102-abc@amazonses.com" });
    const input = calls[0]?.input;
    expect(input?.Destination?.ToAddresses).toEqual(["jo@example.org"]);
    expect(input?.Content?.Simple?.Body?.Html?.Data).toBe("<p>Hello</p>");
    expect(input?.Content?.Simple?.Headers).toEqual([
      { Name: "In-Reply-To", Value: "<abc@example.org> Bcc: x@example.org" },
    ]);
  });

  it("sends nothing to a suppressed address or to more than one recipient", async () => {
    const calls: SendEmailCommand[] = [];
    const suppressions = new MemorySuppressions();
    await suppressions.suppress("jo@example.org", "bounce");
    const mailer = new SesMailer(client(calls), "heed", suppressions);

    await expect(mailer.send(letter)).rejects.toBeInstanceOf(MailSuppressedError);
    await expect(mailer.send({ ...letter, to: "a@example.org, b@example.org" })).rejects.toBeInstanceOf(
      MailRejectedError,
    );
    expect(calls).toEqual([]);
  });

  /** A client whose SendEmail fails as SES does, with the error's name and message. */
  function failing(name: string, message: string): SESv2Client {
    return {
      send: async () => {
        throw Object.assign(new Error(message), { name });
      },
      config: { region: async () => "eu-west-2" },
    } as unknown as SESv2Client;
  }

  it("tells an SES sandbox refusal of an unverified recipient from other refusals, in both forms SES gives it", async () => {
    const notVerified = failing(
      "MessageRejected",
      "Email address is not verified. The following identities failed the check in region EU-WEST-2: jo@example.org",
    );
    const accessDenied = failing(
      "AccessDeniedException",
      "User `arn:aws:sts::123456789012:assumed-role/Heed-Intake/fn' is not authorized to perform `ses:SendEmail' on resource `arn:aws:ses:eu-west-2:123456789012:identity/jo@example.org'",
    );
    const content = failing("MessageRejected", "Illegal header.");

    await expect(new SesMailer(notVerified, "heed").send(letter)).rejects.toBeInstanceOf(
      MailRecipientNotVerifiedError,
    );
    await expect(new SesMailer(accessDenied, "heed").send(letter)).rejects.toBeInstanceOf(
      MailRecipientNotVerifiedError,
    );
    const rejected = new SesMailer(content, "heed").send(letter);
    await expect(rejected).rejects.toBeInstanceOf(MailRejectedError);
    await expect(rejected).rejects.not.toBeInstanceOf(MailRecipientNotVerifiedError);
  });

  it("treats access denied on Heed's own identity as permanent, and throttling as a passing fault", async () => {
    const denied = failing(
      "AccessDeniedException",
      "User `arn:aws:sts::123456789012:assumed-role/Heed-Intake/fn' is not authorized to perform `ses:SendEmail' on resource `arn:aws:ses:eu-west-2:123456789012:identity/example.com'",
    );
    const throttled = failing("TooManyRequestsException", "Maximum sending rate exceeded.");

    await expect(new SesMailer(denied, "heed").send(letter)).rejects.toBeInstanceOf(MailRejectedError);
    const passing = new SesMailer(throttled, "heed").send(letter);
    await expect(passing).rejects.toThrow("Maximum sending rate exceeded.");
    await expect(passing).rejects.not.toBeInstanceOf(MailRejectedError);
  });
});

describe("recordMailFeedback", () => {
  let cases: MemoryCases;
  const clock = new MovableClock(new Date(LETTERS_START));

  beforeEach(async () => {
    cases = new MemoryCases();
    await cases.createCase(sampleCase);
    await cases.appendEvent(customerReply("2026-11-23T09:00:00.000Z", "abc@example.org"));
  });

  it("flags the case and suppresses the address after a permanent bounce", async () => {
    await cases.addLookup("message-id", "0100-1@amazonses.com", REFERENCE);
    const suppressions = new MemorySuppressions();
    const feedback = {
      kind: "bounce" as const,
      feedbackId: "fb-1",
      messageId: "0100-1@eu-west-2.amazonses.com",
      recipients: ["Jo@Example.org"],
      bounceType: "Permanent",
    };

    const result = await recordMailFeedback(feedback, { cases, suppressions, clock, log: silentLog });
    await recordMailFeedback(feedback, { cases, suppressions, clock, log: silentLog });

    expect(result).toEqual({ caseReferences: [REFERENCE], suppressed: true });
    expect(await suppressions.isSuppressed("jo@example.org")).toBe(true);
    expect((await cases.getCase(REFERENCE))?.flags["customer-not-informed"]?.detail).toContain(
      "could not be delivered",
    );
    expect(cases.eventsOf(REFERENCE, "delivery-problem")).toEqual([
      expect.objectContaining({ problem: "bounce", bounceType: "Permanent", addressSuppressed: true }),
    ]);
  });

  it("does not suppress an address after a soft bounce", async () => {
    const suppressions = new MemorySuppressions();

    const result = await recordMailFeedback(
      {
        kind: "bounce",
        feedbackId: "fb-2",
        messageId: "x@y",
        recipients: ["jo@example.org"],
        bounceType: "Transient",
      },
      { cases, suppressions, clock, log: silentLog },
    );

    expect(result.suppressed).toBe(false);
    expect(await suppressions.isSuppressed("jo@example.org")).toBe(false);
  });

  it("lets the mail service's permanent refusals through as such", () => {
    expect(new MailSuppressedError("x")).toBeInstanceOf(MailRejectedError);
  });
});
