// No personal data in logs, metrics or error messages, and no hostile name or subject turned into a
// header or a recipient. A canary person (name, email, phone, address) goes through every path: email,
// a reply, the web form, refused input, faults on the way, staff searches, export and erasure; then
// no function log line, metric line or error answer may contain any of it. Hostile display names and
// subjects must leave every message Heed sends with one-line headers of at most 998 octets.

import { randomUUID } from "node:crypto";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { newFormSession } from "../../shared/application/form-session";
import { PRIVACY_NOTICE } from "../../shared/config/privacy-notice";
import type { LetterSentEvent } from "../../shared/domain/case";
import { eventsOf } from "./support/case-view";
import {
  decidedEntry,
  intakeDrained,
  reconcileAt,
  runScheduled,
  settledCase,
  stores,
} from "./support/reliability";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const CANARY = {
  name: "Zebedee Quillfeather",
  email: "zebedee.quillfeather@canary.example",
  phone: "07700 900461",
  address: "17 Marigold Crescent",
  postcode: "KT22 7QW",
};
/** Every form the canary's details could take in a log line. */
const CANARY_TRACES = [
  "Quillfeather",
  "Zebedee",
  "zebedee.quillfeather",
  "canary.example",
  "900461",
  "Marigold",
  "KT22",
];

function canaryMail(subject: string, headers: string[] = [], body?: string): string {
  return [
    `From: ${CANARY.name} <${CANARY.email}>`,
    "To: complaints@example.com",
    `Subject: ${subject}`,
    `Message-ID: <${randomUUID()}@canary.example>`,
    ...headers,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body ??
      `My refund has not arrived and I am unhappy.\n\n${CANARY.name}\n${CANARY.address}\nLeatherhead ${CANARY.postcode}\nTel: ${CANARY.phone}`,
    "",
  ].join("\r\n");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const LINE_BREAK_OR_NUL = /[\r\n\u0000]/;

const encodedWord = (text: string) => `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;

describe("privacy and header safety", () => {
  const sandbox = withSandbox({ faults: true, queueVisibilityTimeoutSeconds: 4 });
  const errorAnswers: string[] = [];

  async function api(path: string, method: string, body: unknown): Promise<Response> {
    const response = await sandbox().fetchApi(path, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status >= 400) errorAnswers.push(await response.clone().text());
    return response;
  }

  async function postForm(fields: Record<string, string>): Promise<Response> {
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
      body: JSON.stringify({ ...session, ...fields }),
    });
    if (response.status >= 400) errorAnswers.push(await response.clone().text());
    return response;
  }

  async function send(raw: string) {
    const sent = await sandbox().sendEml(raw);
    const entry = await decidedEntry(sandbox(), sent.key);
    const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
    return { sent, entry, reference };
  }

  it("keeps the canary's name, email, phone and address out of every log line, metric and error answer", async () => {
    const faults = sandbox().faults;
    if (!faults) throw new Error("the sandbox runs without its fault proxy");
    const formFields = {
      name: CANARY.name,
      email: CANARY.email,
      phone: CANARY.phone,
      address: CANARY.address,
      postcode: CANARY.postcode,
      orderReference: "",
      category: "billing-refund",
      message: `Refund missing. ${CANARY.name}, ${CANARY.address}, ${CANARY.phone}`,
      contactPreference: "phone",
      website: "",
    };

    // Email, with throttling on the way, and a reply from the canary threaded into the case
    const throttled = faults.inject({ service: "dynamodb", fault: "throughput-exceeded", times: 2 });
    const first = await send(canaryMail("Refund missing"));
    const record = await settledCase(sandbox(), first.reference);
    await send(
      canaryMail(`Re: Refund missing [${first.reference}]`, [
        `In-Reply-To: <${record.acknowledgement.messageId}>`,
      ]),
    );
    throttled.clear();

    // The acknowledgement rejected by SES, and a case whose referral fails for a while
    const rejected = faults.inject({ service: "ses", matching: "canary.example", fault: "rejected" });
    const referral = faults.inject({
      service: "sqs",
      operations: ["SendMessage"],
      matching: "ReferralQueues",
      fault: "unavailable",
      times: 3,
    });
    const second = await send(canaryMail("Second complaint about my refund"));
    await settledCase(sandbox(), second.reference);
    rejected.clear();
    referral.clear();

    // Refused and odd input: an unparseable message, a poison queue message, a refused and an accepted form post
    await send(
      `From: ${CANARY.name} <${CANARY.email}>\r\nSubject: ${CANARY.address}\r\nContent-Type: multipart/mixed\r\n\r\n--x`,
    );
    await sandbox().clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: sandbox().queue("intake-queue").url,
        MessageBody: `{"from":"${CANARY.email}"`,
      }),
    );
    await postForm({ ...formFields, email: "not-an-address", website: "" });
    expect((await postForm(formFields)).status).toBe(201);

    // Staff: searches, an invalid request, an export, an erasure, and mail from the canary afterwards
    await api("/api/data-protection/search", "POST", { email: CANARY.email, phone: CANARY.phone });
    await api("/api/data-protection/search", "POST", {
      email: CANARY.email,
      phone: `${CANARY.name} ${CANARY.phone}x`,
    });
    await api("/api/data-protection/export", "POST", { email: CANARY.email });
    await api(`/api/cases/${first.reference}/legal-hold`, "PUT", { reason: "" });
    await api("/api/data-protection/erase", "POST", { email: CANARY.email, confirm: true });
    const afterErasure = await send(canaryMail("Are you still there?"));
    expect(afterErasure.entry.result).toMatchObject({ outcome: "quarantined", reason: "erased-person" });

    // The scheduled jobs over all of it
    await intakeDrained(sandbox());
    await reconcileAt(sandbox());
    await runScheduled(sandbox(), "functions/retention/handler.ts", new Date(Date.now() + 4000 * 86_400_000));
    await waitFor(() => sandbox().logs.some((line) => line.line.includes("ReconciliationMismatches")));

    // Assess
    const leaks = [
      ...sandbox().logs.map((line) => `[${line.function}] ${line.line}`),
      ...errorAnswers.map((answer) => `[answer] ${answer}`),
    ].filter((line) => CANARY_TRACES.some((trace) => line.toLowerCase().includes(trace.toLowerCase())));
    expect(sandbox().logs.length).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });

  it("never lets a hostile name or subject add a header, a recipient or a header line over 998 octets", async () => {
    // Prepare
    const victim = "victim@elsewhere.example";
    const long = "Refund ".repeat(300).trim();
    const hostile = [
      { name: encodedWord(`Evil\r\nBcc: ${victim}`), subject: encodedWord(`Refund\r\nBcc: ${victim}`) },
      { name: "Mallory", subject: `=?UTF-8?Q?Refund=0D=0ACc:_${victim.replace("@", "=40")}?=` },
      { name: encodedWord(`\u202Eevil\u202C Eve`), subject: `\u202Edesrever\u202C refund \u200Bmissing` },
      { name: "Long Subject", subject: long },
      { name: encodedWord(`Trudy\nTo: ${victim}`), subject: encodedWord(`Refund\u0000\nX-Injected: yes`) },
    ];

    // Act
    const cases = [];
    for (const [index, { name, subject }] of hostile.entries()) {
      const sender = `hostile-${index}-${randomUUID().slice(0, 6)}@example.net`;
      const { reference } = await send(
        [
          `From: ${name} <${sender}>`,
          "To: complaints@example.com",
          `Subject: ${subject}`,
          `Message-ID: <${randomUUID()}@example.net>`,
          "Content-Type: text/plain; charset=utf-8",
          "",
          "My refund has not arrived and I am unhappy about it.",
          "",
        ].join("\r\n"),
      );
      cases.push({ sender, reference, record: await settledCase(sandbox(), reference) });
    }
    const store = await sandbox().readSesStore();

    // Assess: what the SES emulator received
    const octets = (text: string) => Buffer.byteLength(text, "utf8");
    for (const message of store) {
      for (const recipient of [
        ...message.destination.to,
        ...message.destination.cc,
        ...message.destination.bcc,
      ]) {
        expect(recipient).not.toContain("elsewhere.example");
      }
      expect(message.subject).not.toMatch(LINE_BREAK_OR_NUL);
      expect(octets(`Subject: ${message.subject}`)).toBeLessThanOrEqual(998);
    }
    // Assess: each acknowledgement went to its sender alone, as recorded on the timeline
    for (const { sender, reference, record } of cases) {
      expect(record.acknowledgement.state).toBe("sent");
      const acks = store.filter((message) => message.destination.to.includes(sender));
      expect(acks).toHaveLength(1);
      expect(acks[0]?.destination).toEqual({ to: [sender], cc: [], bcc: [] });
      const [sent] = eventsOf(
        await stores(sandbox()).cases.timeline(reference),
        "message-sent",
      ) as LetterSentEvent[];
      expect(sent?.to).toBe(sender);
      const lines = [
        `Subject: ${sent?.subject}`,
        ...Object.entries(sent?.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
      ];
      for (const line of lines) {
        expect(line).not.toMatch(LINE_BREAK_OR_NUL);
        expect(line).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
        expect(octets(line)).toBeLessThanOrEqual(998);
      }
      expect(Object.keys(sent?.headers ?? {}).map((name) => name.toLowerCase())).not.toEqual(
        expect.arrayContaining(["bcc", "cc", "to", "x-injected"]),
      );
    }
  });

  it("masks phone numbers, email addresses and postcodes in what staff emails quote of the customer's words", async () => {
    // Prepare: a customer who writes their contact details into the message itself
    const sender = `masked-${randomUUID().slice(0, 8)}@example.net`;
    const raw = [
      `From: Pat Masked <${sender}>`,
      "To: complaints@example.com",
      "Subject: Refund missing",
      `Message-ID: <${randomUUID()}@example.net>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "My refund has not arrived and I am unhappy. Ring me on 07700 900462 or write to pat.home@canary.example, post to LS6 3AB.",
      "",
    ].join("\r\n");

    // Act
    const { reference } = await send(raw);
    const notification = await waitFor(async () =>
      (await sandbox().readSesStore()).find(
        (mail) => !mail.destination.to.includes(sender) && mail.body.text?.includes(reference),
      ),
    );

    // Assess: the words are there, the contact details are not
    expect(notification.body.text).toContain("My refund has not arrived");
    expect(notification.body.text).toContain("Ring me on [phone] or write to [email], post to [postcode].");
    for (const detail of ["900462", "pat.home", "canary.example", "LS6", sender]) {
      expect(notification.body.text).not.toContain(detail);
    }
  });
});
