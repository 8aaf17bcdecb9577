// UK GDPR through the real staff API and scheduled functions: a person found by email or phone across
// cases, the intake ledger and raw mail; their data exported with the raw messages and other people
// flagged; erased with a tombstone no redrive or reply gets past; legal holds; and retention on a fake
// clock (the scheduled event's time) that purges closed cases per case type, and nothing open or held.

import { randomUUID } from "node:crypto";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { keys } from "../../shared/adapters/aws/table-keys";
import type { ErasureReport, ExportBundle } from "../../shared/application/data-protection";
import { newFormSession } from "../../shared/application/form-session";
import type { RetentionReport } from "../../shared/application/retention";
import { PRIVACY_NOTICE } from "../../shared/config/privacy-notice";
import { defaultRetentionPolicy } from "../../shared/config/retention-policy";
import type { CaseRecord } from "../../shared/domain/case";
import { addYears } from "../../shared/domain/retention";
import type { CaseView } from "./support/case-view";
import {
  complaint,
  decidedEntry,
  expectCountsAddUp,
  runScheduled,
  settledCase,
  settledComplaint,
  stores,
} from "./support/reliability";
import { objectCreatedBody } from "./support/s3-events";
import { colleague } from "./support/staff-cases";
import { type TestSandbox, withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const DAY_MS = 86_400_000;

/** A person of their own per test, so one test's erasure never reaches another's data. */
function person(label: string) {
  const id = `${label}-${randomUUID().slice(0, 6)}`;
  const digits = String(Math.floor(Math.random() * 900) + 100);
  return { email: `${id}@example.net`, phone: `07700 900${digits}`, e164: `+447700900${digits}`, id };
}

function mailFrom(from: string, subject: string, body: string, headers: string[] = []): string {
  return [
    `From: ${from}`,
    "To: complaints@example.com",
    `Subject: ${subject}`,
    `Message-ID: <${randomUUID()}@mail.example.net>`,
    ...headers,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

function withAttachment(from: string, subject: string): string {
  const boundary = "heed-boundary";
  return [
    `From: ${from}`,
    "To: complaints@example.com",
    `Subject: ${subject}`,
    `Message-ID: <${randomUUID()}@mail.example.net>`,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "The photo of the broken kettle is attached. I want a refund.",
    `--${boundary}`,
    'Content-Type: text/plain; name="receipt.txt"',
    'Content-Disposition: attachment; filename="receipt.txt"',
    "",
    "Receipt: kettle, 24.99",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

describe("data protection", () => {
  const sandbox = withSandbox();

  async function api<T>(path: string, method: string, body?: unknown, token?: string): Promise<[number, T]> {
    const response = await sandbox().fetchApi(path, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(token === undefined ? {} : { token }),
    });
    return [response.status, (await response.json()) as T];
  }

  async function caseView(reference: string): Promise<CaseView> {
    return (await (await sandbox().fetchApi(`/api/cases/${reference}`)).json()) as CaseView;
  }

  async function exists(key: string): Promise<boolean> {
    try {
      await sandbox().clients.s3.send(
        new HeadObjectCommand({ Bucket: sandbox().bucket("raw-mail-bucket").name, Key: key }),
      );
      return true;
    } catch {
      return false;
    }
  }

  async function postForm(fields: Record<string, string>): Promise<string> {
    const formFunction = sandbox().plan.functions.find((fn) => fn.entry === "functions/web-form/handler.ts");
    const session = newFormSession({
      clock: { now: () => new Date(Date.now() - 10_000) },
      newSubmissionId: randomUUID,
      notice: PRIVACY_NOTICE,
      settings: {
        signingKey: sandbox().secrets.current(formFunction?.environment.FORM_SIGNING_KEY_SECRET ?? ""),
      },
    });
    const response = await fetch(new URL("/api/forms", sandbox().urls.http), {
      method: "POST",
      headers: {
        origin: sandbox().urls.http,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({
        ...session,
        name: "",
        phone: "",
        address: "",
        postcode: "",
        orderReference: "",
        category: "delivery",
        contactPreference: "email",
        website: "",
        ...fields,
      }),
    });
    const answer = (await response.json()) as { reference?: string };
    expect(response.status).toBe(201);
    return answer.reference ?? "";
  }

  async function send(raw: string) {
    const sent = await sandbox().sendEml(raw);
    const entry = await decidedEntry(sandbox(), sent.key);
    const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
    return { sent, entry, reference };
  }

  /** Marks a case closed at `closedAt`: the staff action that closes cases is not part of this suite. */
  async function close(sandbox: TestSandbox, reference: string, closedAt: Date): Promise<void> {
    await sandbox.clients.documents.send(
      new UpdateCommand({
        TableName: sandbox.table("case-table").name,
        Key: keys.case(reference),
        UpdateExpression: "SET #status = :resolved, closedAt = :at",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":resolved": "resolved", ":at": closedAt.toISOString() },
      }),
    );
  }

  async function retentionAt(at: Date): Promise<RetentionReport> {
    return (await runScheduled(sandbox(), "functions/retention/handler.ts", at)) as RetentionReport;
  }

  it("finds a person by email or phone, and exports their cases, inputs and raw messages, flagging other people", async () => {
    // Prepare: an emailed complaint with a phone number, a form post, a reply from someone else, an auto-reply
    const subject = person("sar");
    const other = person("other");
    const emailed = await settledComplaint(sandbox(), {
      ...complaint("sar"),
      sender: subject.email,
      raw: mailFrom(
        `Alex Subject <${subject.email}>`,
        "Broken kettle",
        `My kettle broke after two days and I want a refund.\n\nAlex Subject\nCall me on ${subject.phone}`,
      ),
    });
    const formReference = await postForm({
      name: "Alex Subject",
      email: subject.email,
      message: "The replacement kettle has not arrived either.",
    });
    const ack = emailed.record.acknowledgement.messageId ?? "";
    await send(
      mailFrom(
        `Morgan Other <${other.email}>`,
        `Re: Broken kettle [${emailed.reference}]`,
        "I am Alex's neighbour.",
        [`In-Reply-To: <${ack}>`],
      ),
    );
    const autoReply = await send(
      mailFrom(`Alex Subject <${subject.email}>`, "Automatic reply: away", "I am away.", [
        "Auto-Submitted: auto-replied",
      ]),
    );

    // Act
    const [byEmailStatus, byEmail] = await api<{
      cases: { caseReference: string; role: string }[];
      inputs: string[];
    }>("/api/data-protection/search", "POST", { email: subject.email.toUpperCase() });
    const [, byPhone] = await api<{ cases: { caseReference: string }[] }>(
      "/api/data-protection/search",
      "POST",
      {
        phone: subject.phone,
      },
    );
    const [exportStatus, bundle] = await api<ExportBundle>("/api/data-protection/export", "POST", {
      email: subject.email,
    });
    const [, correspondent] = await api<{ cases: { caseReference: string; role: string }[] }>(
      "/api/data-protection/search",
      "POST",
      { email: other.email },
    );

    // Assess
    expect(byEmailStatus).toBe(200);
    expect(byEmail.cases).toEqual(
      expect.arrayContaining([
        { caseReference: emailed.reference, role: "customer", legalHold: false },
        { caseReference: formReference, role: "customer", legalHold: false },
      ]),
    );
    expect(byEmail.inputs).toEqual([autoReply.entry.intakeId]);
    expect(byPhone.cases.map((held) => held.caseReference)).toContain(emailed.reference);
    expect(exportStatus).toBe(200);
    expect(bundle.rawMessages.map((message) => message.key)).toEqual(
      expect.arrayContaining([emailed.sent.key, autoReply.sent.key]),
    );
    expect(bundle.rawMessages.find((message) => message.key === emailed.sent.key)?.mime).toContain(
      "Broken kettle",
    );
    expect(bundle.thirdPartiesToReview).toContainEqual(
      expect.objectContaining({ caseReference: emailed.reference, value: other.email }),
    );
    expect(bundle.notes.length).toBeGreaterThan(0);
    expect(correspondent.cases).toEqual([{ caseReference: emailed.reference, role: "correspondent" }]);
  });

  it("erases a person, leaving a tombstone that neither a redrive nor a new message gets past", async () => {
    // Prepare
    const subject = person("erase");
    const first = await settledComplaint(sandbox(), {
      ...complaint("erase"),
      sender: subject.email,
      raw: withAttachment(`Robin Erase <${subject.email}>`, "Kettle refund please"),
    });
    const { timeline } = await caseView(first.reference);
    const attachmentKeys = timeline.flatMap((event) =>
      event.type === "message-received" ? event.attachments.map((attachment) => attachment.storageKey) : [],
    );
    const [resolved] = await api(
      `/api/cases/${first.reference}/resolve`,
      "POST",
      { agreed: "We have refunded the kettle to the card you paid with." },
      colleague(sandbox(), "head-office").token,
    );
    const resolution = await waitFor(async () =>
      (await sandbox().readCustomerMail()).find(
        (mail) => mail.subject.includes(first.reference) && mail.body.text?.includes("Tell us how we did"),
      ),
    );
    const feedbackPath = new URL(/Tell us how we did: (\S+)/.exec(resolution.body.text ?? "")?.[1] ?? "")
      .pathname;
    const answered = await sandbox().fetchApi(feedbackPath, {
      token: null,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "rating=2&comment=Robin+Erase+of+12+Acacia+Road+is+still+waiting",
    });
    const month = (await caseView(first.reference)).case.feedback?.at.slice(0, 7);
    const feedbackReport = async () =>
      (await (await sandbox().fetchApi(`/api/feedback?month=${month}`)).json()) as {
        entries: { caseReference: string; rating: number; comment?: string }[];
      };
    const lineOf = async () =>
      (await feedbackReport()).entries.find((entry) => entry.caseReference === first.reference);
    expect([resolved, answered.status]).toEqual([200, 200]);
    expect((await lineOf())?.comment).toContain("Acacia Road");

    // Act
    const [refused] = await api("/api/data-protection/erase", "POST", { email: subject.email });
    const [status, report] = await api<ErasureReport>("/api/data-protection/erase", "POST", {
      email: subject.email,
      confirm: true,
    });
    await sandbox().clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: sandbox().queue("intake-queue").url,
        MessageBody: objectCreatedBody(sandbox(), first.sent),
      }),
    );
    const reply = await send(
      mailFrom(
        `Robin Erase <${subject.email}>`,
        `Re: Kettle refund please [${first.reference}]`,
        "Any news?",
      ),
    );
    const [, afterwards] = await api<{ cases: unknown[]; previouslyErased: boolean }>(
      "/api/data-protection/search",
      "POST",
      { email: subject.email },
    );

    // Assess: the erasure
    expect(refused).toBe(400);
    expect(status).toBe(200);
    expect(report).toMatchObject({ casesErased: [first.reference], casesHeld: [] });
    const erased = await caseView(first.reference);
    expect(erased.case).toMatchObject({ customer: { email: "" }, subject: "", summary: "", extracted: [] });
    expect(erased.case.anonymisedAt).toBeDefined();
    expect(erased.timeline).toEqual([]);
    expect(await exists(first.sent.key)).toBe(false);
    expect(attachmentKeys).toHaveLength(1);
    for (const key of attachmentKeys) expect(await exists(key)).toBe(false);
    const line = await lineOf();
    expect(line).toMatchObject({ rating: 2 });
    expect(line).not.toHaveProperty("comment");
    expect(await stores(sandbox()).cases.findCaseReferences("email", subject.email)).toEqual([]);
    expect((await stores(sandbox()).ledger.get(first.entry.intakeId))?.purgedAt).toBeDefined();
    // Assess: nothing came back
    expect(reply.entry.result).toEqual(
      expect.objectContaining({ outcome: "quarantined", reason: "erased-person" }),
    );
    expect(afterwards).toMatchObject({ cases: [], previouslyErased: true });
    await expectCountsAddUp(sandbox());
    expect((await caseView(first.reference)).timeline).toEqual([]);
    // Assess: only head office may release the erased person's mail; an admin is refused and it stays held
    const [releaseStatus, release] = await api<{ error: { message: string } }>(
      `/api/quarantine/${encodeURIComponent(reply.entry.intakeId)}/release`,
      "POST",
      {},
    );
    expect(releaseStatus).toBe(403);
    expect(release.error.message).toContain(
      "Only head office can release mail from a person whose data was erased",
    );
    expect((await stores(sandbox()).ledger.get(reply.entry.intakeId))?.result).toMatchObject({
      outcome: "quarantined",
    });
  });

  it("lets only head office and admins act on personal data requests", async () => {
    const frontline = sandbox().issueDevToken({
      username: "dev-frontline",
      email: "frontline@example.com",
      groups: ["frontline"],
    });
    const headOffice = sandbox().issueDevToken({
      username: "dev-head-office",
      email: "dpo@example.com",
      groups: ["head-office"],
    });

    const [forbidden] = await api(
      "/api/data-protection/search",
      "POST",
      { email: "x@example.net" },
      frontline,
    );
    const [allowed] = await api(
      "/api/data-protection/search",
      "POST",
      { email: "x@example.net" },
      headOffice,
    );
    const [invalid] = await api("/api/data-protection/search", "POST", { phone: "not a number" }, headOffice);

    expect(forbidden).toBe(403);
    expect(allowed).toBe(200);
    expect(invalid).toBe(400);
  });

  it("keeps a case under legal hold through erasure and retention, and purges it once the hold is lifted", async () => {
    // Prepare: a closed complaint, long past its retention period
    const subject = person("hold");
    const { reference } = await settledComplaint(sandbox(), {
      ...complaint("hold"),
      sender: subject.email,
      raw: mailFrom(
        `Sam Hold <${subject.email}>`,
        "Faulty boiler",
        "My boiler failed and I am making a claim.",
      ),
    });
    const closedAt = new Date(Date.now() - 7 * 365 * DAY_MS);
    await close(sandbox(), reference, closedAt);

    // Act
    const [placed] = await api(`/api/cases/${reference}/legal-hold`, "PUT", { reason: "county court claim" });
    const [, erasure] = await api<ErasureReport>("/api/data-protection/erase", "POST", {
      email: subject.email,
      confirm: true,
    });
    const whileHeld = await retentionAt(new Date());
    const held = await stores(sandbox()).cases.getCase(reference);
    const [lifted] = await api(`/api/cases/${reference}/legal-hold`, "DELETE");
    await retentionAt(new Date());
    const purged = await stores(sandbox()).cases.getCase(reference);

    // Assess
    expect(placed).toBe(200);
    expect(erasure.casesHeld).toEqual([reference]);
    expect(whileHeld.casesKept.legalHold).toBeGreaterThanOrEqual(1);
    expect(held).toMatchObject({
      customer: { email: subject.email },
      legalHold: { reason: "county court claim" },
    });
    expect(lifted).toBe(200);
    expect(purged).toMatchObject({ customer: { email: "" }, summary: "" });
    expect(purged?.anonymisedAt).toBeDefined();
  });

  it("purges closed cases when their type's period ends, stamps the TTL backstop before then, and never purges an open case", async () => {
    // Prepare: a complaint and a compliment closed now, an open complaint, and an auto-reply (no case)
    const now = new Date();
    const closedComplaint = await settledComplaint(sandbox(), complaint("retain-complaint"));
    const compliment = await send(
      mailFrom(
        `Pat Happy <${person("compliment").email}>`,
        "Thank you",
        "Thank you so much, your team was wonderful and very helpful.",
      ),
    );
    const open = await settledComplaint(sandbox(), complaint("retain-open"));
    const autoReply = await send(
      mailFrom(`Pat Away <${person("away").email}>`, "Out of office", "Away.", [
        "Auto-Submitted: auto-replied",
      ]),
    );
    await settledCase(sandbox(), compliment.reference);
    await close(sandbox(), closedComplaint.reference, now);
    await close(sandbox(), compliment.reference, now);
    const complaintKind = (await stores(sandbox()).cases.getCase(closedComplaint.reference))?.classification
      .kind;
    const complimentKind = (await stores(sandbox()).cases.getCase(compliment.reference))?.classification.kind;
    const yearsFor = (kind: CaseRecord["classification"]["kind"] | undefined) =>
      defaultRetentionPolicy.caseTypes[kind ?? "complaint"].retainYears;

    // Act: the schedule runs on a fake clock
    await retentionAt(new Date(now.getTime() + DAY_MS));
    const stamped = await stores(sandbox()).cases.getCase(closedComplaint.reference);
    await retentionAt(new Date(now.getTime() + (defaultRetentionPolicy.uncasedInputDays + 1) * DAY_MS));
    await retentionAt(new Date(addYears(now, yearsFor(complimentKind)).getTime() + DAY_MS));
    const complimentAfter = await stores(sandbox()).cases.getCase(compliment.reference);
    const complaintMeanwhile = await stores(sandbox()).cases.getCase(closedComplaint.reference);
    await retentionAt(new Date(addYears(now, yearsFor(complaintKind)).getTime() + DAY_MS));
    await retentionAt(new Date(addYears(now, 50).getTime()));

    // Assess
    expect(complaintKind).toBe("complaint");
    expect(complimentKind).toBe("compliment");
    expect(stamped?.expiresAt).toBe(
      Math.floor((addYears(now, 6).getTime() + defaultRetentionPolicy.ttlGraceDays * DAY_MS) / 1000),
    );
    expect(await exists(autoReply.sent.key)).toBe(false);
    expect((await stores(sandbox()).ledger.get(autoReply.entry.intakeId))?.purgedAt).toBeDefined();
    expect(complimentAfter?.anonymisedAt).toBeDefined();
    expect(complaintMeanwhile?.anonymisedAt).toBeUndefined();
    const complaintAfter = await stores(sandbox()).cases.getCase(closedComplaint.reference);
    expect(complaintAfter).toMatchObject({ subject: "", classification: { kind: "complaint" } });
    expect(await stores(sandbox()).cases.timeline(closedComplaint.reference)).toEqual([]);
    expect(await exists(closedComplaint.sent.key)).toBe(false);
    expect((await stores(sandbox()).cases.getCase(open.reference))?.anonymisedAt).toBeUndefined();
    expect(await exists(open.sent.key)).toBe(true);
    await waitFor(async () => (await expectCountsAddUp(sandbox())).addsUp);
  });
});
