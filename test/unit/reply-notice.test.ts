// The notice that tells a customer their reply reached the case: once per reply even when the mail
// service failed the first time, as an automatic reply, and within the sender's daily cap.
import { describe, expect, it } from "vitest";
import { MailUnavailableError } from "../../shared/application/customer-mail";
import { noticeReply } from "../../shared/application/reply-notice";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { freshEachTest } from "./support/fresh-each-test";
import { automaticReplyDependencies, lettersOnSampleCase, REFERENCE } from "./support/letters";

const letters = freshEachTest(lettersOnSampleCase);

describe("noticeReply", () => {
  it("tells the customer their reply reached the case, once per reply, as an automatic reply", async () => {
    const once = automaticReplyDependencies(letters);

    const first = await noticeReply(REFERENCE, "received:r1", once);
    const again = await noticeReply(REFERENCE, "received:r1", once);

    expect(first.sent).toBe(true);
    expect(again).toEqual({ sent: false, reason: "already-noticed" });
    expect(letters.mailer.sent).toHaveLength(1);
    expect(letters.mailer.sent[0]?.headers["Auto-Submitted"]).toBe("auto-replied");
    expect(letters.mailer.sent[0]?.text).toContain("Thank you for your message about your case CS-7K3MQ092.");
    expect((await letters.cases.getCase(REFERENCE))?.lastContactAt).toBeUndefined();
  });

  it("sends the notice once when the reply is handled again after the mail service failed", async () => {
    const retried = automaticReplyDependencies(letters);
    letters.mailer.failWith = new Error("Throttling");

    await expect(noticeReply(REFERENCE, "received:r1", retried)).rejects.toBeInstanceOf(MailUnavailableError);
    letters.mailer.failWith = undefined;
    const retry = await noticeReply(REFERENCE, "received:r1", retried);
    const again = await noticeReply(REFERENCE, "received:r1", retried);

    expect(retry.sent).toBe(true);
    expect(again).toEqual({ sent: false, reason: "already-noticed" });
    expect(letters.mailer.sent).toHaveLength(1);
    expect(letters.cases.eventsOf(REFERENCE, "message-sent")).toHaveLength(1);
  });

  it("stays within the sender's daily cap", async () => {
    const capped = {
      ...automaticReplyDependencies(letters),
      intakePolicy: { ...defaultIntakePolicy, acknowledgementsPerSenderPerDay: 1 },
    };

    await noticeReply(REFERENCE, "received:r1", capped);

    expect(await noticeReply(REFERENCE, "received:r2", capped)).toEqual({
      sent: false,
      reason: "sender-daily-cap",
    });
  });
});
