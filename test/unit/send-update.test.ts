// Progress updates staff send: threaded to the customer's latest message, checked for promises before
// anything is sent, recorded (or recorded as blocked or refused), and restarting the quiet period.
import { describe, expect, it } from "vitest";
import { sendProgressUpdate } from "../../shared/application/staff-work";
import { MailSuppressedError } from "../../shared/ports";
import { freshEachTest } from "./support/fresh-each-test";
import { customerReply, lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";

const letters = freshEachTest(lettersOnSampleCase);

describe("sendProgressUpdate", () => {
  it("sends the update threaded to the customer's latest message, records it and restarts the quiet period", async () => {
    // Prepare
    await letters.cases.appendEvent(customerReply("2026-11-23T09:30:00.000Z", "later@example.org"));

    // Act
    const result = await sendProgressUpdate(
      REFERENCE,
      { text: "We have asked the courier to trace it." },
      STAFF,
      letters.deps,
    );

    // Assess
    expect(result.ok).toBe(true);
    const [letter] = letters.mailer.sent;
    expect(letter?.to).toBe("jo@example.org");
    expect(letter?.subject).toBe("Re: Parcel not arrived [CS-7K3MQ092]");
    expect(letter?.headers).toEqual({
      "X-Heed-Loop": REFERENCE,
      "In-Reply-To": "<later@example.org>",
      References: "<abc@example.org> <later@example.org>",
    });
    expect(letter?.html).toContain("We have asked the courier to trace it.");
    const [sent] = letters.cases.eventsOf(REFERENCE, "message-sent");
    expect(sent).toMatchObject({ purpose: "progress-update", sentBy: STAFF.id, template: "progress-update" });
    expect(await letters.cases.findCaseReferences("message-id", sent?.messageId ?? "")).toEqual([REFERENCE]);
    expect((await letters.cases.getCase(REFERENCE))?.lastContactAt).toBe("2026-11-23T10:00:00.000Z");
    expect(letters.dueItems.pending(REFERENCE)).toEqual([
      expect.objectContaining({ kind: "quiet-period", dueAt: "2026-11-30T10:00:00.000Z" }),
    ]);
  });

  it("returns a promising update with the phrases marked, sends nothing and records that it was blocked", async () => {
    const result = await sendProgressUpdate(
      REFERENCE,
      { text: "We will refund you by Friday." },
      STAFF,
      letters.deps,
    );

    expect(result).toEqual({
      ok: false,
      failure: {
        code: "promise-check",
        message: expect.stringContaining("Not sent"),
        findings: [
          { kind: "promise", phrase: "We will refund", index: 0, field: "text" },
          { kind: "deadline", phrase: "by Friday", index: 19, field: "text" },
        ],
        highlighted: { text: "[[We will refund]] you [[by Friday]]." },
      },
    });
    expect(letters.mailer.sent).toEqual([]);
    expect(letters.cases.eventsOf(REFERENCE, "message-blocked")).toEqual([
      expect.objectContaining({ purpose: "progress-update", by: STAFF.id, at: "2026-11-23T10:00:00.000Z" }),
    ]);
  });

  it("records a refused letter as not sent and flags that the customer was not informed", async () => {
    letters.mailer.failWith = new MailSuppressedError("suppressed");

    const result = await sendProgressUpdate(
      REFERENCE,
      { text: "We are still looking into this." },
      STAFF,
      letters.deps,
    );

    expect(result).toEqual({
      ok: false,
      failure: { code: "not-sent", message: expect.any(String), reason: "address-suppressed" },
    });
    expect(letters.cases.eventsOf(REFERENCE, "message-not-sent")).toHaveLength(1);
    expect((await letters.cases.getCase(REFERENCE))?.flags["customer-not-informed"]).toBeDefined();
  });

  it("says nothing was sent when the mail service is down, so the same update can be sent again", async () => {
    letters.mailer.failWith = new Error("ServiceUnavailable");

    const result = await sendProgressUpdate(
      REFERENCE,
      { text: "We are still looking into this." },
      STAFF,
      letters.deps,
    );

    expect(result).toEqual({
      ok: false,
      failure: { code: "mail-unavailable", message: expect.stringContaining("nothing was sent") },
    });
    expect(letters.cases.eventsOf(REFERENCE, "message-sent")).toEqual([]);
  });

  it("refuses a closed case and an unknown reference", async () => {
    letters.cases.update(REFERENCE, (record) => {
      record.status = "resolved";
    });

    expect(await sendProgressUpdate(REFERENCE, { text: "Hello." }, STAFF, letters.deps)).toMatchObject({
      failure: { code: "case-not-open" },
    });
    expect(await sendProgressUpdate("CS-7K3MQ09X", { text: "Hello." }, STAFF, letters.deps)).toMatchObject({
      failure: { code: "invalid-reference" },
    });
  });
});
