// What a fresh deployment meets before anything is wrong, through the real handlers and emulators: the
// set-up messages SES and SNS publish to the mail-events topic are dropped, not retried into the
// dead-letter queue, and an account still in the SES sandbox refusing an unverified customer ends the
// acknowledgement at once with a reason staff can read, instead of a retry storm.

import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it } from "vitest";
import { eventsOf } from "./support/case-view";
import {
  acknowledgementsTo,
  complaint,
  expectCountsAddUp,
  faultsOf,
  functionId,
  settledComplaint,
  stores,
} from "./support/reliability";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

describe("a first deployment", () => {
  const sandbox = withSandbox({ faults: true, queueVisibilityTimeoutSeconds: 4 });

  afterEach(async () => {
    faultsOf(sandbox()).clearAll();
    await expectCountsAddUp(sandbox());
  });

  /** What SNS puts on the mail-events queue for one message on the topic (raw message delivery off). */
  function snsMessage(type: string, message: string): string {
    return JSON.stringify({
      Type: type,
      MessageId: "0ec3ac6d-9f51-5389-a925-f287c0aac55e",
      TopicArn: `arn:aws:sns:${sandbox().region}:${sandbox().accountId}:Heed-MailEventsTopic`,
      Message: message,
      Timestamp: new Date().toISOString(),
      SignatureVersion: "1",
      Signature: "EXAMPLE",
      SigningCertURL: "https://sns.example/cert.pem",
    });
  }

  it("drops SES's topic validation message and SNS's subscription confirmation instead of parking them", async () => {
    // Prepare
    const mailEvents = functionId(sandbox(), "functions/mail-events/handler.ts");
    const mapping = sandbox().plan.eventSourceMappings.find((m) => m.functionLogicalId === mailEvents);
    const batches = () => sandbox().batches.filter((batch) => batch.mapping === mapping?.logicalId);
    const before = batches().length;
    const queue = sandbox().queue("mail-events-queue");

    // Act
    for (const body of [
      snsMessage("Notification", "Successfully validated SNS topic for Amazon SES event publishing."),
      snsMessage("SubscriptionConfirmation", "You have chosen to subscribe to the topic."),
    ]) {
      await sandbox().clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));
    }
    await waitFor(
      () =>
        batches()
          .slice(before)
          .reduce((sum, batch) => sum + batch.deleted, 0) >= 2,
      { description: "both messages handled" },
    );

    // Assess
    expect(
      batches()
        .slice(before)
        .filter((batch) => batch.failed > 0 || batch.error),
    ).toEqual([]);
    const dropped = sandbox()
      .logs.filter((line) => line.function === mailEvents && line.line.includes("notification dropped"))
      .map((line) => line.line);
    expect(dropped.some((line) => line.includes("not-an-ses-event"))).toBe(true);
    expect(dropped.some((line) => line.includes("sns-subscription-message"))).toBe(true);
    expect(await sandbox().receiveAll(sandbox().queue("mail-events-queue-dlq").url)).toEqual([]);
  });

  it("records 'SES sandbox: recipient not verified' on the case and does not retry the acknowledgement", async () => {
    // Prepare
    const mail = complaint("ses-sandbox");
    const fault = faultsOf(sandbox()).inject({
      service: "ses",
      operations: ["SendEmail"],
      matching: mail.sender,
      fault: "ses-sandbox",
    });

    // Act
    const { reference, record } = await settledComplaint(sandbox(), mail);

    // Assess
    expect(fault.hits).toBe(1);
    expect(record.acknowledgement).toEqual({ state: "failed", reason: "recipient-not-verified" });
    expect(record.flags["customer-not-informed"]?.detail).toContain("SES sandbox: recipient not verified");
    const timeline = await stores(sandbox()).cases.timeline(reference);
    expect(eventsOf(timeline, "message-not-sent")).toEqual([
      expect.objectContaining({ purpose: "acknowledgement", reason: "recipient-not-verified" }),
    ]);
    expect(await acknowledgementsTo(sandbox(), mail)).toEqual([]);
    expect(await sandbox().receiveAll(sandbox().queue("intake-queue-dlq").url)).toEqual([]);
  });
});
