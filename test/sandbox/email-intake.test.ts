// The email pipeline end to end through the real handlers and emulators: SMTP → S3 → intake queue →
// inbound-email function → case table, referral queue and SES. Redelivery must double nothing.

import { readFileSync } from "node:fs";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { DynamoDbSuppressions } from "../../shared/adapters/aws/dynamodb-suppressions";
import { type CaseView, eventsOf } from "./support/case-view";
import { objectCreatedBody } from "./support/s3-events";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));

interface IntakeEntryView {
  intakeId: string;
  proposedCaseReference: string;
  result?: { outcome: string; caseReference?: string; reason?: string };
}

describe("email intake", () => {
  const sandbox = withSandbox();

  async function intakeOf(key: string): Promise<IntakeEntryView> {
    return waitFor(
      async () => {
        const response = await sandbox().fetchApi(`/api/intake?id=${encodeURIComponent(`mail:${key}`)}`);
        const { entries } = (await response.json()) as { entries: IntakeEntryView[] };
        return entries[0]?.result ? entries[0] : undefined;
      },
      { description: `an intake outcome for ${key}` },
    );
  }

  async function caseView(reference: string) {
    const response = await sandbox().fetchApi(`/api/cases/${reference}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CaseView;
  }

  it("records a case, refers it to the right queue and acknowledges it once, threaded to the customer's message", async () => {
    // Prepare
    const sent = await sandbox().sendEml(fixture("legal-threat.eml"));

    // Act
    const entry = await intakeOf(sent.key);
    const reference = entry.result?.caseReference ?? "";
    const { case: record, timeline } = await waitFor(async () => {
      const view = await caseView(reference);
      return view.case.acknowledgement.state === "sent" ? view : undefined;
    });

    // Assess: the case
    expect(entry.result?.outcome).toBe("case-created");
    expect(reference).toMatch(/^CS-[0-9A-Y]{8}$/);
    expect(record.customer).toMatchObject({ name: "Sam Patel", email: "sam.patel@example.net" });
    expect(record.customerReference).toMatch(/^CU-/);
    expect(record.classification.signals).toContain("legal-threat");
    expect(record.referral).toMatchObject({ level: "management", reasonCode: "legal-threat", state: "sent" });
    expect(record.inboundMessageId).toBe("legal-1@example.net");

    // Assess: the referral reached the management team with the summary and the reason
    const referred = eventsOf(timeline, "referred")[0];
    expect(referred).toMatchObject({ level: "management", reasonCode: "legal-threat" });
    const notification = await waitFor(async () =>
      (await sandbox().readSesStore()).find(
        (mail) =>
          mail.destination.to.includes("customer-relations-managers@example.com") &&
          mail.body.text?.includes(reference),
      ),
    );
    expect(notification.body.text).toContain("washing machine");
    expect(notification.body.text).not.toContain("sam.patel@example.net");

    // Assess: one acknowledgement, with the reference and the threading headers recorded on the timeline
    const acks = (await sandbox().readCustomerMail()).filter((m) => m.subject.includes(reference));
    expect(acks).toHaveLength(1);
    expect(acks[0]?.destination.to).toEqual(["sam.patel@example.net"]);
    const sentEvent = eventsOf(timeline, "message-sent")[0];
    expect(sentEvent?.headers).toMatchObject({
      "Auto-Submitted": "auto-replied",
      "In-Reply-To": "<legal-1@example.net>",
      References: "<legal-1@example.net>",
    });
    expect(sentEvent?.messageId).toBe(record.acknowledgement.messageId);
    expect(timeline.map((e) => e.type)).toEqual(["message-received", "referred", "message-sent"]);
  });

  it("refers and acknowledges a message with characters outside the Basic Multilingual Plane", async () => {
    // Prepare: emoji in an encoded-word subject and in the body, and one beyond the emoji blocks
    const raw = [
      "From: Ana Emoji <ana.emoji@example.net>",
      "To: complaints@example.com",
      "Subject: =?UTF-8?B?".concat(Buffer.from("Parcel 📦 missing").toString("base64"), "?="),
      "Message-ID: <astral-1@example.net>",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "My parcel 📦 has not arrived and I am very unhappy 😡. Order 𝟒𝟐 was for my 👩‍👩‍👧 family.",
      "",
    ].join("\r\n");

    // Act
    const sent = await sandbox().sendEml(raw);
    const entry = await intakeOf(sent.key);
    const reference = entry.result?.caseReference ?? "";
    const { case: record } = await waitFor(async () => {
      const view = await caseView(reference);
      return view.case.acknowledgement.state === "sent" ? view : undefined;
    });

    // Assess
    expect(record.referral.state).toBe("sent");
    expect(record.subject).toBe("Parcel 📦 missing");
    expect(record.summary).toContain("unhappy 😡");
    const acks = (await sandbox().readCustomerMail()).filter((m) => m.subject.includes(reference));
    expect(acks).toHaveLength(1);
    const notification = await waitFor(async () =>
      (await sandbox().readSesStore()).find(
        (mail) =>
          !mail.destination.to.includes("ana.emoji@example.net") && mail.body.text?.includes(reference),
      ),
    );
    expect(notification.body.text).toContain("😡");
  });

  it("finds cases by the customer's email and by the inbound Message-ID", async () => {
    const sent = await sandbox().sendEml(fixture("late-delivery.eml"));
    const entry = await intakeOf(sent.key);

    type Found = { cases: { reference: string }[] };
    const byEmail = (await (
      await sandbox().fetchApi("/api/cases?email=Jo.Bloggs@example.org")
    ).json()) as Found;
    const byMessageId = (await (
      await sandbox().fetchApi("/api/cases?messageId=<late-delivery-1@mail.example.org>")
    ).json()) as Found;

    expect(byEmail.cases.map((c) => c.reference)).toContain(entry.result?.caseReference);
    expect(byMessageId.cases.map((c) => c.reference)).toEqual([entry.result?.caseReference]);
    const view = await caseView(entry.result?.caseReference ?? "");
    expect(view.case.transactionReferences).toContain("100419");
  });

  it("creates nothing new and sends no second acknowledgement when the same S3 event is delivered again, in sequence and at once", async () => {
    // Prepare
    const sent = await sandbox().sendEml(
      fixture("late-delivery.eml").toString().replace("late-delivery-1", "late-delivery-2"),
    );
    const first = await intakeOf(sent.key);
    const reference = first.result?.caseReference ?? "";
    await waitFor(async () => (await caseView(reference)).case.acknowledgement.state === "sent");
    const event = objectCreatedBody(sandbox(), sent);
    const intakeQueue = sandbox().queue("intake-queue");

    // Act: once more in sequence, then three times at once
    await sandbox().clients.sqs.send(
      new SendMessageCommand({ QueueUrl: intakeQueue.url, MessageBody: event }),
    );
    await Promise.all(
      [1, 2, 3].map(() =>
        sandbox().clients.sqs.send(new SendMessageCommand({ QueueUrl: intakeQueue.url, MessageBody: event })),
      ),
    );
    await waitFor(async () => {
      const snapshot = await sandbox().peekQueue(intakeQueue);
      return snapshot.ready.length + snapshot.inflight.length === 0;
    });

    // Assess
    const cases = (await (
      await sandbox().fetchApi("/api/cases?messageId=late-delivery-2@mail.example.org")
    ).json()) as { cases: unknown[] };
    expect(cases.cases).toHaveLength(1);
    const acks = (await sandbox().readCustomerMail()).filter((m) => m.subject.includes(reference));
    expect(acks).toHaveLength(1);
    expect((await caseView(reference)).timeline.filter((e) => e.type === "message-sent")).toHaveLength(1);
  });

  it.each([
    ["out-of-office.eml", "suppressed", "auto-submitted"],
    ["no-sender.eml", "quarantined", "no-sender"],
    ["not-mime.eml", "quarantined", "no-sender"],
  ])("records %s as %s (%s), keeps the raw object and sends nothing", async (name, outcome, reason) => {
    const sesBefore = (await sandbox().readCustomerMail()).length;
    const sent = await sandbox().sendEml(fixture(name));
    const entry = await intakeOf(sent.key);
    expect(entry.result).toMatchObject({ outcome, reason });
    const raw = await sandbox().clients.s3.send(
      new (await import("@aws-sdk/client-s3")).HeadObjectCommand({ Bucket: sent.bucket, Key: sent.key }),
    );
    expect(raw.ContentLength).toBeGreaterThan(0);
    expect((await sandbox().readCustomerMail()).length).toBe(sesBefore);
  });

  it("records the case of a customer whose address is suppressed and sends it no acknowledgement", async () => {
    // Prepare: mail to the customer bounced for good before
    const customer = "bounced.before@example.net";
    await new DynamoDbSuppressions(sandbox().clients.documents, sandbox().table("case-table").name).suppress(
      customer,
      "bounce",
      new Date().toISOString(),
    );

    // Act
    const sent = await sandbox().sendEml(
      [
        `From: Ali Khan <${customer}>`,
        "To: complaints@example.com",
        "Subject: My order 445566 has not arrived",
        "Message-ID: <suppressed-1@example.net>",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "My order 445566 has not arrived and I am fed up with waiting.",
        "",
      ].join("\r\n"),
    );
    const reference = (await intakeOf(sent.key)).result?.caseReference ?? "";
    // The acknowledgement is claimed ("sending") before the mailer refuses it: wait for it to settle.
    const { case: record, timeline } = await waitFor(async () => {
      const view = await caseView(reference);
      return ["pending", "sending"].includes(view.case.acknowledgement.state) ? undefined : view;
    });

    // Assess
    expect(record.acknowledgement).toMatchObject({ state: "failed", reason: "address-suppressed" });
    expect(record.flags["customer-not-informed"]).toBeDefined();
    expect(eventsOf(timeline, "message-not-sent")[0]).toMatchObject({ reason: "address-suppressed" });
    const mail = await sandbox().readCustomerMail();
    expect(mail.filter((message) => message.destination.to.includes(customer))).toEqual([]);
  });

  it("refuses the staff API without a token", async () => {
    const response = await sandbox().fetchApi("/api/cases?email=jo@example.org", { token: null });
    expect(response.status).toBe(401);
  });
});
