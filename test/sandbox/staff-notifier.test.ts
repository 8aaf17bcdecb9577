// The referral notifier through the real handlers and emulators: a referral on a level's queue puts
// the case in that level's queue and emails the level's team what the case is, why it came to them,
// what is missing and where to open it; several referrals arriving together, or one by one within the
// digest window, become one digest; a redelivered referral is not notified twice; repeated-theme alerts
// reach management; and a message the notifier cannot read fails alone.
import { SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { defaultStaffTeams } from "../../shared/config/staff-teams";
import type { CaseRecord } from "../../shared/domain/case";
import { eventsOf } from "./support/case-view";
import {
  callApi,
  caseFromEmail,
  caseStore,
  colleague,
  complaintEmail,
  notified,
  seedCase,
} from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const teamAddress = (level: keyof typeof defaultStaffTeams.teams) => defaultStaffTeams.teams[level].address;

describe("referral notifier", () => {
  const sandbox = withSandbox();

  const mailTo = async (address: string, containing: string) =>
    (await sandbox().readSesStore()).filter(
      (mail) => mail.destination.to.includes(address) && (mail.body.text ?? "").includes(containing),
    );

  /** The event source mapping that feeds the level's referral queue to the notifier. */
  const mappingOf = (level: string) => {
    const queue = sandbox().queue("referral-queue", level);
    const mapping = sandbox().plan.eventSourceMappings.find(
      (candidate) => candidate.queueLogicalId === queue.logicalId,
    );
    if (!mapping) throw new Error(`nothing consumes the ${level} referral queue`);
    return mapping.logicalId;
  };

  function referralBody(record: CaseRecord, level = record.referral.level) {
    return JSON.stringify({
      referralId: `${record.reference}#${level}`,
      caseReference: record.reference,
      level,
      reasonCode: "default",
      reason: record.referral.reason,
      kind: record.classification.kind,
      category: record.classification.category,
      cause: record.classification.cause,
      signals: record.classification.signals,
      summary: record.summary,
      receivedAt: record.createdAt,
    });
  }

  it("emails the level's team about an emailed complaint, with the reason, what is missing and a link, and records it", async () => {
    // Prepare
    const raw = complaintEmail({
      from: `notify.${Date.now()}@example.net`,
      name: "Sam Patel",
      subject: "Broken washing machine",
      body: "My washing machine broke after a week. If this is not sorted I will take legal action and go to the ombudsman.",
    });

    // Act
    const record = await caseFromEmail(sandbox(), raw);
    const event = await notified(sandbox(), record.reference);

    // Assess: one email to management's mailbox, about this case
    expect(record.referral.level).toBe("management");
    const [mail, ...others] = await waitFor(() =>
      mailTo(teamAddress("management"), record.reference).then((found) => found.length > 0 && found),
    );
    expect(others).toHaveLength(0);
    expect(mail?.from).toBe(defaultStaffTeams.sender);
    expect(mail?.subject).toContain(`Referred to management: ${record.reference}`);
    const text = mail?.body.text ?? "";
    expect(text).toContain("Why it was referred:");
    expect(text).toContain(record.referral.reason);
    expect(text).toContain("What is missing:");
    expect(text).toContain("a phone number");
    expect(text).toContain(`/console#/cases/${record.reference}`);
    expect(text).not.toContain(record.customer.email);

    // Assess: recorded on the timeline, idempotent by referral id
    expect(event).toMatchObject({
      type: "staff-notified",
      eventId: `notified:${record.reference}#management`,
      notification: "referral",
      level: "management",
      to: teamAddress("management"),
      caseCount: 1,
    });

    // Assess: the case waits in management's queue
    const manager = colleague(sandbox(), "management");
    const queue = await callApi<{ cases: { reference: string; reason: string }[] }>(
      sandbox(),
      manager.token,
      "/api/queue",
    );
    expect(queue.body.cases.map((item) => item.reference)).toContain(record.reference);
  });

  it("sends one digest when several referrals reach a team together", async () => {
    // Prepare: three supervisor cases, recorded but not yet referred
    const records = await Promise.all(
      [0, 1, 2].map((index) =>
        seedCase(sandbox(), {
          level: "supervisor",
          unreferred: true,
          createdAt: new Date(Date.now() - (3 - index) * 60_000).toISOString(),
        }),
      ),
    );

    // Act: the three referrals arrive in one delivery
    await sandbox().clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: sandbox().queue("referral-queue", "supervisor").url,
        Entries: records.map((record, index) => ({ Id: String(index), MessageBody: referralBody(record) })),
      }),
    );
    const events = await Promise.all(records.map((record) => notified(sandbox(), record.reference)));

    // Assess: one email lists all three, oldest first, and each case records the digest
    const digests = await mailTo(teamAddress("supervisor"), records[0]?.reference ?? "");
    expect(digests).toHaveLength(1);
    const text = digests[0]?.body.text ?? "";
    expect(digests[0]?.subject).toBe("3 cases for supervisors");
    const positions = records.map((record) => text.indexOf(record.reference));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const messageIds = new Set(
      events.map((event) => (event.type === "staff-notified" ? event.messageId : undefined)),
    );
    expect(messageIds.size).toBe(1);
    for (const event of events) expect(event).toMatchObject({ caseCount: 3 });
  });

  it("gathers referrals that reach a team one by one within the digest window into one digest", async () => {
    // Prepare: two frontline cases, recorded but not yet referred
    const records = await Promise.all(
      [0, 1].map((index) =>
        seedCase(sandbox(), {
          level: "frontline",
          unreferred: true,
          createdAt: new Date(Date.now() - (2 - index) * 60_000).toISOString(),
        }),
      ),
    );

    // Act: the referrals are sent apart, as intake sends them, within the test sandbox's one-second window
    const queueUrl = sandbox().queue("referral-queue", "frontline").url;
    for (const record of records) {
      await sandbox().clients.sqs.send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: referralBody(record) }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const events = await Promise.all(records.map((record) => notified(sandbox(), record.reference)));

    // Assess: the team got one email naming both cases, and each case records that email
    const digests = await mailTo(teamAddress("frontline"), records[0]?.reference ?? "");
    expect(digests).toHaveLength(1);
    expect(digests[0]?.body.text).toContain(records[1]?.reference ?? "missing");
    for (const event of events) expect(event).toMatchObject({ caseCount: 2 });
  });

  it("does not notify a referral twice when the queue delivers it again", async () => {
    // Prepare
    const record = await seedCase(sandbox(), { level: "frontline" });
    await notified(sandbox(), record.reference);

    // Act: the same referral is delivered again, and handled
    const mapping = mappingOf("frontline");
    const handledBefore = sandbox().batches.filter((batch) => batch.mapping === mapping).length;
    await sandbox().clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: sandbox().queue("referral-queue", "frontline").url,
        MessageBody: referralBody(record),
      }),
    );
    await waitFor(
      () => sandbox().batches.filter((batch) => batch.mapping === mapping).length > handledBefore,
      {
        description: "the redelivered referral to be handled",
      },
    );

    // Assess
    expect(await mailTo(teamAddress("frontline"), record.reference)).toHaveLength(1);
    const timeline = await caseStore(sandbox()).timeline(record.reference);
    expect(eventsOf(timeline, "staff-notified")).toHaveLength(1);
  });

  it("emails management about a repeated theme and records it on each of its cases", async () => {
    // Prepare
    const records = await Promise.all(
      [0, 1].map(() => seedCase(sandbox(), { level: "frontline", unreferred: true })),
    );
    const alertId = `delivery/any@test-${Date.now()}`;

    // Act
    await sandbox().clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: sandbox().queue("referral-queue", "management").url,
        MessageBody: JSON.stringify({
          type: "repeated-theme",
          alertId,
          theme: "delivery/any",
          summary: "5 cases about delivery in the last 7 days, at or above the alert threshold of 5.",
          caseReferences: records.map((record) => record.reference),
          raisedAt: new Date().toISOString(),
        }),
      }),
    );
    const events = await Promise.all(records.map((record) => notified(sandbox(), record.reference, alertId)));

    // Assess
    const [mail] = await mailTo(teamAddress("management"), alertId.split("@")[0] ?? "");
    expect(mail?.subject).toBe("Repeated theme: delivery/any (2 cases)");
    for (const record of records) expect(mail?.body.text).toContain(record.reference);
    for (const event of events)
      expect(event).toMatchObject({ notification: "repeated-theme", level: "management" });
  });

  it("fails only the message it cannot read, and notifies the rest of the batch", async () => {
    // Prepare
    const record = await seedCase(sandbox(), { level: "head-office", unreferred: true });

    // Act
    await sandbox().clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: sandbox().queue("referral-queue", "head-office").url,
        Entries: [
          { Id: "poison", MessageBody: "{not json" },
          { Id: "good", MessageBody: referralBody(record) },
        ],
      }),
    );

    // Assess
    await notified(sandbox(), record.reference);
    const mapping = mappingOf("head-office");
    const batch = await waitFor(() =>
      sandbox().batches.find((report) => report.mapping === mapping && report.failed > 0),
    );
    expect(batch).toMatchObject({ failed: 1, deleted: 1 });
  });
});
