// Keeping customers informed through the real handlers and emulators: staff actions send letters that
// land in the SES store and on the timeline, a promising letter is refused with its phrases, the hourly
// timer (fired at a chosen time) refers through the referral queues, the feedback link works without a
// login, and an SES bounce delivered to the mail-events queue marks the case and stops further mail.

import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { DynamoDbAcknowledgementQuota } from "../../shared/adapters/aws/dynamodb-acknowledgement-quota";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbSuppressions } from "../../shared/adapters/aws/dynamodb-suppressions";
import { SesMailer } from "../../shared/adapters/aws/ses-mailer";
import { caseTable, followUpAdapters } from "../../shared/adapters/aws/wiring/runtime";
import { noticeReply } from "../../shared/application/reply-notice";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { defaultPolicy } from "../../shared/config/policy";
import type { ReferralLevel } from "../../shared/domain/case";
import type { ReferralMessage } from "../../shared/ports";
import { type CaseView, eventsOf } from "./support/case-view";
import { colleague } from "./support/staff-cases";
import { type SesStoredEmail, withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const DAY_MS = 86_400_000;
let customers = 0;

/** A complaint about a late parcel from a new customer, so the daily cap on acknowledgements stays out of the way. */
function complaint(tag: string, body?: string): { raw: string; customer: string; messageId: string } {
  const customer = `sam.comms.${++customers}.${Date.now()}@example.net`;
  const messageId = `comms-${tag}-${customers}-${Date.now()}@mail.example.net`;
  const raw = [
    `From: Sam Carter <${customer}>`,
    "To: complaints@example.com",
    "Subject: Kettle order still not here",
    `Message-ID: <${messageId}>`,
    "Date: Mon, 23 Nov 2026 09:12:44 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body ??
      "Hello,\n\nI ordered a kettle (order number 100419) two weeks ago and it still hasn't arrived. I'm really fed up.\n\nSam Carter",
    "",
  ].join("\r\n");
  return { raw, customer, messageId };
}

type StoredLetter = SesStoredEmail & { headers?: Array<{ name: string; value: string }> };

/** What the communication routes answer, as far as these tests read it. */
interface ApiBody {
  error?: { code: string } & Record<string, unknown>;
  messageId?: string;
  commitmentId?: string;
  proposalId?: string;
  delivery?: { sent: boolean };
  outcome?: { type: string; by: string };
}

describe("keeping customers informed", () => {
  const sandbox = withSandbox();

  const functionFor = (entry: string) => {
    const fn = sandbox().plan.functions.find((candidate) => candidate.entry === entry);
    if (!fn) throw new Error(`no function for ${entry}`);
    return fn.logicalId;
  };
  const followUpRule = () => {
    const timers = functionFor("functions/follow-up-timers/handler.ts");
    const rule = sandbox().schedules.schedules.find((schedule) =>
      schedule.targets.some((target) => target.functionLogicalId === timers),
    );
    if (!rule) throw new Error("no schedule runs the follow-up timers");
    return rule.logicalId;
  };

  async function caseView(reference: string): Promise<CaseView> {
    const response = await sandbox().fetchApi(`/api/cases/${reference}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CaseView;
  }

  /** Sends a complaint by email and waits until it is recorded, referred and acknowledged. */
  async function acknowledgedCase(tag: string, body?: string) {
    const email = complaint(tag, body);
    const sent = await sandbox().sendEml(email.raw);
    const reference = await waitFor(
      async () => {
        const response = await sandbox().fetchApi(`/api/intake?id=${encodeURIComponent(`mail:${sent.key}`)}`);
        const { entries } = (await response.json()) as { entries: { result?: { caseReference?: string } }[] };
        return entries[0]?.result?.caseReference;
      },
      { description: "the case of the complaint" },
    );
    await waitFor(async () => (await caseView(reference)).case.acknowledgement.state === "sent", {
      description: "the acknowledgement",
    });
    return { reference, ...email };
  }

  /** Head office, who may act on a case at any level. */
  let headOffice: { id: string; token: string } | undefined;

  async function post(path: string, body: unknown) {
    headOffice ??= colleague(sandbox(), "head-office");
    const response = await sandbox().fetchApi(path, {
      token: headOffice.token,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as ApiBody };
  }

  /** Letters to the customer about the case; the team's referral emails name the case too, so they are left out. */
  async function lettersAbout(reference: string): Promise<StoredLetter[]> {
    return (await sandbox().readCustomerMail()).filter((letter) => letter.subject.includes(reference));
  }

  /**
   * Waits until the referral is on the level's queue: waiting, being handled or parked by the referral
   * notifier that consumes it, or already told to the team (the notifier's timeline entry).
   */
  async function referred(reference: string, level: ReferralLevel, referralId: string) {
    const onQueue = async (role: string) => {
      const snapshot = await sandbox().peekQueue(sandbox().queue(role, level));
      return [...snapshot.ready, ...snapshot.inflight, ...snapshot.delayed]
        .map((body) => JSON.parse(body) as ReferralMessage)
        .find((message) => message.referralId === referralId);
    };
    return waitFor(
      async () =>
        (await onQueue("referral-queue")) ??
        (await onQueue("referral-queue-dlq")) ??
        eventsOf((await caseView(reference)).timeline, "staff-notified").some(
          (event) => event.notificationId === referralId && event.level === level,
        ),
      { description: `${referralId} on the ${level} queue` },
    );
  }

  /** Fires the hourly follow-up timer as EventBridge would at `time`. */
  async function runTimerAt(time: Date) {
    const [outcome] = await sandbox().schedules.run(followUpRule(), time);
    expect(outcome?.ok).toBe(true);
    return outcome?.ok ? (outcome.payload as Record<string, number>) : {};
  }

  it("acknowledges with a plain-text and an accessible HTML part, in Welsh to a customer who wrote in Welsh", async () => {
    const english = await acknowledgedCase("ack");
    const welsh = await acknowledgedCase(
      "cy",
      "Helo,\n\nMae fy archeb wedi cyrraedd ond mae'r tegell wedi torri. Rwy'n anhapus iawn gyda hyn. Beth sy'n digwydd nesaf?\n\nDiolch,\nSam",
    );

    const [englishAck] = await lettersAbout(english.reference);
    const [welshAck] = await lettersAbout(welsh.reference);

    expect(englishAck?.body.text).toContain(`under the reference ${english.reference}`);
    expect(englishAck?.body.html).toContain('<html lang="en">');
    expect((await caseView(welsh.reference)).case.language).toBe("cy");
    expect(welshAck?.body.text).toContain(`o dan y cyfeirnod ${welsh.reference}`);
    expect(welshAck?.body.html).toContain('<html lang="cy">');
  });

  it("sends a progress update to the customer, threaded to their message and recorded with who sent it", async () => {
    // Prepare
    const { reference, customer, messageId } = await acknowledgedCase("update");

    // Act
    const response = await post(`/api/cases/${reference}/updates`, {
      text: "We have asked the courier to trace your parcel.\n\nWe will contact you about the next steps.",
    });

    // Assess: the letter
    expect(response.status).toBe(201);
    const update = (await lettersAbout(reference)).find((letter) =>
      letter.body.text?.includes("trace your parcel"),
    );
    expect(update?.destination.to).toEqual([customer]);
    expect(update?.body.html).toContain("<p>We have asked the courier to trace your parcel.</p>");
    const headers = Object.fromEntries((update?.headers ?? []).map((header) => [header.name, header.value]));
    expect(headers["In-Reply-To"]).toBe(`<${messageId}>`);
    expect(headers["Auto-Submitted"]).toBeUndefined();

    // Assess: the timeline
    const { case: record, timeline } = await caseView(reference);
    const sent = eventsOf(timeline, "message-sent").find((event) => event.purpose === "progress-update");
    expect(sent).toMatchObject({ sentBy: headOffice?.id, messageId: response.body.messageId });
    expect(record.lastContactAt).toBeDefined();
    const found = (await (
      await sandbox().fetchApi(`/api/cases?messageId=${response.body.messageId}`)
    ).json()) as {
      cases: { reference: string }[];
    };
    expect(found.cases.map((item) => item.reference)).toEqual([reference]);
  });

  it("refuses an update that promises an outcome, with the phrases marked, and records that it was blocked", async () => {
    const { reference } = await acknowledgedCase("blocked");
    const lettersBefore = (await lettersAbout(reference)).length;

    const response = await post(`/api/cases/${reference}/updates`, {
      text: "Sorry about this. We will refund you by Friday.",
    });

    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: "promise-check",
      findings: [
        { kind: "promise", phrase: "We will refund", index: 18, field: "text" },
        { kind: "deadline", phrase: "by Friday", index: 37, field: "text" },
      ],
      highlighted: { text: "Sorry about this. [[We will refund]] you [[by Friday]]." },
    });
    expect(await lettersAbout(reference)).toHaveLength(lettersBefore);
    const [blocked] = eventsOf((await caseView(reference)).timeline, "message-blocked");
    expect(blocked).toMatchObject({ purpose: "progress-update", by: headOffice?.id });
  });

  it("reminds the owner before a commitment is due and flags it to the supervisors when it is missed", async () => {
    // Prepare
    const { reference } = await acknowledgedCase("commitment");
    const level = (await caseView(reference)).case.referral.level;
    const dueAt = new Date(Date.now() + 2 * DAY_MS);
    const recorded = await post(`/api/cases/${reference}/commitments`, {
      description: "Call back about the missing kettle",
      dueAt: dueAt.toISOString(),
    });
    expect(recorded.status).toBe(201);
    const { commitmentId } = recorded.body;

    // Act: the timer runs half a day before it is due, then an hour after
    const before = await runTimerAt(new Date(dueAt.getTime() - DAY_MS / 2));
    const after = await runTimerAt(new Date(dueAt.getTime() + 3_600_000));

    // Assess: the reminder went to the case's team, the missed commitment to the supervisors
    expect(before.reminded).toBeGreaterThanOrEqual(1);
    expect(after.missed).toBeGreaterThanOrEqual(1);
    expect(await referred(reference, level, `${reference}#commitment-reminder#${commitmentId}`)).toBeTruthy();
    expect(await referred(reference, "supervisor", `${reference}#commitment#${commitmentId}`)).toBeTruthy();
    const { timeline } = await caseView(reference);
    expect(eventsOf(timeline, "commitment-recorded")[0]).toMatchObject({ by: headOffice?.id });
    expect(eventsOf(timeline, "commitment-reminder")).toHaveLength(1);
    expect(eventsOf(timeline, "commitment-missed")[0]).toMatchObject({ level: "supervisor" });
    const listed = (await (await sandbox().fetchApi(`/api/cases/${reference}/commitments`)).json()) as Array<{
      state: string;
    }>;
    expect(listed.map((commitment) => commitment.state)).toEqual(["missed"]);
  });

  it("nudges the case's team when the customer has heard nothing for the quiet period", async () => {
    // Prepare
    const { reference } = await acknowledgedCase("quiet");
    const level = (await caseView(reference)).case.referral.level;
    await post(`/api/cases/${reference}/updates`, { text: "We are looking into this." });
    const { lastContactAt } = (await caseView(reference)).case;

    // Act: a fortnight later (more than five working days, whatever the holidays)
    const report = await runTimerAt(new Date(Date.now() + 14 * DAY_MS));

    // Assess
    expect(report.nudged).toBeGreaterThanOrEqual(1);
    const [event] = eventsOf((await caseView(reference)).timeline, "quiet-period-nudge");
    expect(event).toMatchObject({ lastContactAt, workingDays: 5, level });
    const referralId = `${reference}#quiet-period#${event?.eventId.slice("quiet-period:".length)}`;
    expect(await referred(reference, level, referralId)).toBeTruthy();
  });

  it("proposes options to the customer and records the one they chose", async () => {
    const { reference } = await acknowledgedCase("options");

    const proposed = await post(`/api/cases/${reference}/options`, {
      options: [
        { label: "A replacement kettle", detail: "sent to the address on your order" },
        { label: "A refund of £34.99", money: { type: "refund", amount: 34.99 } },
      ],
    });
    const chosen = await post(`/api/cases/${reference}/options/choice`, {
      proposalId: proposed.body.proposalId,
      optionId: "2",
      note: "The customer chose by phone.",
    });

    expect(proposed.status).toBe(201);
    expect(proposed.body.delivery).toMatchObject({ sent: true });
    const letter = (await lettersAbout(reference)).find((item) => item.body.text?.includes("Option 2"));
    expect(letter?.body.text).toContain("- Option 2: A refund of £34.99");
    expect(chosen.status).toBe(201);
    const { timeline } = await caseView(reference);
    expect(eventsOf(timeline, "options-proposed")[0]?.options).toHaveLength(2);
    expect(eventsOf(timeline, "option-chosen")[0]).toMatchObject({
      optionId: "2",
      by: headOffice?.id,
    });
  });

  it("resolves a case with a feedback link the customer can answer once, without signing in", async () => {
    // Prepare
    const { reference } = await acknowledgedCase("resolve");

    // Act: resolve, then follow the link in the letter
    const resolved = await post(`/api/cases/${reference}/resolve`, {
      agreed: "We have refunded £34.99 to the card you paid with.",
      money: { type: "refund", amount: 34.99 },
    });
    const letter = (await lettersAbout(reference)).find((item) =>
      item.body.text?.includes("What was agreed"),
    );
    const link = /Tell us how we did: (\S+)/.exec(letter?.body.text ?? "")?.[1] ?? "";
    const path = new URL(link).pathname;
    const page = await sandbox().fetchApi(path, { token: null });
    const pageHtml = await page.text();
    const answer = await sandbox().fetchApi(path, {
      token: null,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "rating=5&comment=Quick+and+kind",
    });
    const again = await sandbox().fetchApi(path, {
      token: null,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "rating=1",
    });

    // Assess
    expect(resolved.status).toBe(200);
    expect(resolved.body.outcome).toMatchObject({ type: "resolved", by: headOffice?.id });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(pageHtml).toContain('<html lang="en">');
    expect(pageHtml).toContain("How satisfied are you with how we dealt with your case?");
    expect(answer.status).toBe(200);
    expect(await again.text()).toContain("We already have your feedback");
    const { case: record, timeline } = await caseView(reference);
    expect(record.status).toBe("resolved");
    expect(record.feedback).toMatchObject({ rating: 5, comment: "Quick and kind" });
    expect(eventsOf(timeline, "feedback-received")).toHaveLength(1);
    const month = record.feedback?.at.slice(0, 7);
    const report = (await (await sandbox().fetchApi(`/api/feedback?month=${month}`)).json()) as {
      count: number;
      entries: { caseReference: string; rating: number }[];
    };
    expect(report.entries).toContainEqual(expect.objectContaining({ caseReference: reference, rating: 5 }));
    expect((await sandbox().fetchApi(`${path.slice(0, -3)}abc`, { token: null })).status).toBe(404);
  });

  it("closes a case unresolved only with reasons, and tells the customer where else to get help", async () => {
    const { reference } = await acknowledgedCase("unresolved");

    const withoutReasons = await post(`/api/cases/${reference}/close-unresolved`, {});
    const closed = await post(`/api/cases/${reference}/close-unresolved`, {
      reasons: "The courier's record shows the parcel was delivered to the address on the order.",
    });

    expect(withoutReasons.status).toBe(400);
    expect(closed.status).toBe(200);
    const letter = (await lettersAbout(reference)).find((item) => item.body.text?.includes("Why:"));
    expect(letter?.body.text).toContain("Citizens Advice consumer service");
    expect(letter?.body.text).toContain("Phone: 0808 223 1133");
    const { case: record, timeline } = await caseView(reference);
    expect(record.status).toBe("closed-unresolved");
    expect(eventsOf(timeline, "outcome-recorded")[0]?.outcome).toMatchObject({
      type: "unresolved",
      outsideHelp: ["citizens-advice", "adr"],
    });
  });

  it("marks the case when SES reports a bounce, and sends nothing more to that address", async () => {
    // Prepare: an update whose delivery SES then reports as bounced
    const { reference, customer } = await acknowledgedCase("bounce");
    await post(`/api/cases/${reference}/updates`, { text: "We are looking into this." });
    const sent = eventsOf((await caseView(reference)).timeline, "message-sent").find(
      (event) => event.purpose === "progress-update",
    );
    const notification = {
      eventType: "Bounce",
      mail: {
        timestamp: new Date().toISOString(),
        source: sandbox().intakeAddress,
        sourceArn: `arn:aws:ses:${sandbox().region}:${sandbox().accountId}:identity/example.com`,
        messageId: sent?.providerMessageId,
        destination: [customer],
      },
      bounce: {
        feedbackId: `bounce-${reference}`,
        bounceType: "Permanent",
        bounceSubType: "General",
        bouncedRecipients: [{ emailAddress: customer, action: "failed", status: "5.1.1" }],
        timestamp: new Date().toISOString(),
      },
    };
    // What SNS delivers to the mail-events queue (raw message delivery off).
    const delivery = {
      Type: "Notification",
      MessageId: "b0c1a6e4-7a0f-5d7b-9a44-6f5e6f0d9d11",
      TopicArn: `arn:aws:sns:${sandbox().region}:${sandbox().accountId}:Heed-MailEventsTopic`,
      Message: JSON.stringify(notification),
      Timestamp: new Date().toISOString(),
      SignatureVersion: "1",
      Signature: "EXAMPLE",
      SigningCertURL: "https://sns.example/cert.pem",
      UnsubscribeURL: "https://sns.example/unsubscribe",
    };

    // Act
    await sandbox().clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: sandbox().queue("mail-events-queue").url,
        MessageBody: JSON.stringify(delivery),
      }),
    );
    await waitFor(async () => (await caseView(reference)).case.flags["customer-not-informed"], {
      description: "the case flagged",
    });
    const lettersBefore = (await lettersAbout(reference)).length;
    const next = await post(`/api/cases/${reference}/updates`, { text: "We have an update on your parcel." });

    // Assess
    const { case: record, timeline } = await caseView(reference);
    expect(record.flags["customer-not-informed"]).toBeDefined();
    expect(eventsOf(timeline, "delivery-problem")[0]).toMatchObject({
      problem: "bounce",
      bounceType: "Permanent",
      addressSuppressed: true,
    });
    expect(next.status).toBe(409);
    expect(next.body.error).toMatchObject({ code: "not-sent", reason: "address-suppressed" });
    expect(await lettersAbout(reference)).toHaveLength(lettersBefore);
  });

  it("tells a customer their reply reached the case when intake threads it, once, through the one mailer", async () => {
    // Prepare: the customer replies to the acknowledgement
    const { reference, customer } = await acknowledgedCase("reply");
    const ackId = (await caseView(reference)).case.acknowledgement.messageId;
    await sandbox().sendEml(
      [
        `From: Sam Carter <${customer}>`,
        "To: complaints@example.com",
        `Subject: Re: Kettle order still not here [${reference}]`,
        `Message-ID: <reply-${reference}@mail.example.net>`,
        `In-Reply-To: <${ackId}>`,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Any news on this?",
        "",
      ].join("\r\n"),
    );
    const received = await waitFor(
      async () => eventsOf((await caseView(reference)).timeline, "message-received")[1],
      { description: "the reply on the timeline" },
    );
    const documents = sandbox().clients.documents;
    const table = sandbox().table("case-table").name;
    const deps = {
      cases: new DynamoDbCaseStore(documents, table),
      mailer: new SesMailer(sandbox().clients.ses, undefined, new DynamoDbSuppressions(documents, table)),
      followUps: followUpAdapters(caseTable({ documents }, table)),
      quota: new DynamoDbAcknowledgementQuota(documents, table),
      intakePolicy: defaultIntakePolicy,
      clock: { now: () => new Date() },
      log: { info() {}, warn() {}, error() {} },
      policy: defaultPolicy,
      settings: { intakeAddress: sandbox().intakeAddress },
    };

    // Act: intake sent the notice when it threaded the reply; asking again changes nothing
    const notices = await waitFor(
      async () => {
        const letters = (await lettersAbout(reference)).filter((letter) =>
          letter.body.text?.includes("Thank you for your message about your case"),
        );
        return letters.length > 0 ? letters : undefined;
      },
      { description: "the reply notice" },
    );
    const again = await noticeReply(reference, received.eventId, deps);

    // Assess
    expect(again).toEqual({ sent: false, reason: "already-noticed" });
    expect(
      (await lettersAbout(reference)).filter((letter) =>
        letter.body.text?.includes("Thank you for your message about your case"),
      ),
    ).toHaveLength(1);
    const headers = Object.fromEntries(
      (notices[0]?.headers ?? []).map((header) => [header.name, header.value]),
    );
    expect(headers).toMatchObject({
      "Auto-Submitted": "auto-replied",
      "In-Reply-To": `<reply-${reference}@mail.example.net>`,
    });
    expect(
      eventsOf((await caseView(reference)).timeline, "message-sent").map((event) => event.purpose),
    ).toContain("reply-notice");
  });
});
