// Helpers for the staff tests: colleagues at each level with their own bearer tokens, cases recorded
// the way intake records them (the case, its first event and its lookups, then the referral on the
// level's queue), complaint emails to send through SMTP, and JSON calls to the staff API.
import { randomBytes } from "node:crypto";
import { DynamoDbCaseStore } from "../../../shared/adapters/aws/dynamodb-case-store";
import { SqsReferralQueue } from "../../../shared/adapters/aws/sqs-referral-queue";
import { addCaseLookups } from "../../../shared/application/case-lookups";
import { referralReports } from "../../../shared/application/complete-case";
import { referralMessageFor } from "../../../shared/application/referral-message";
import type { CaseRecord, MessageReceivedEvent, ReferralLevel } from "../../../shared/domain/case";
import { REFERRAL_LEVELS } from "../../../shared/domain/case";
import { newReference } from "../../../shared/domain/reference";
import type { TestSandbox } from "./test-sandbox";
import { waitFor } from "./wait-for";

export type StaffGroup = ReferralLevel | "admin";

let people = 0;

/** A colleague in one staff group, with a token the sandbox's authorizer accepts. */
export function colleague(sandbox: TestSandbox, group: StaffGroup): { id: string; token: string } {
  const username = `${group}-${++people}`;
  const email = `${username}@example.com`;
  return { id: email, token: sandbox.issueDevToken({ username, email, groups: [group] }) };
}

export function caseStore(sandbox: TestSandbox): DynamoDbCaseStore {
  return new DynamoDbCaseStore(sandbox.clients.documents, sandbox.table("case-table").name);
}

function referralQueue(sandbox: TestSandbox): SqsReferralQueue {
  const urls = Object.fromEntries(
    REFERRAL_LEVELS.map((level) => [level, sandbox.queue("referral-queue", level).url]),
  ) as Record<ReferralLevel, string>;
  return new SqsReferralQueue(sandbox.clients.sqs, urls);
}

export interface SeedOptions {
  level?: ReferralLevel;
  customer?: Partial<CaseRecord["customer"]>;
  transactionReferences?: string[];
  category?: string;
  signals?: string[];
  createdAt?: string;
  text?: string;
  /** Leave the case unreferred: no message on the level's queue. */
  unreferred?: boolean;
}

/**
 * Records a case as intake does — the case with its first event, then its lookups — and refers it to
 * its level's queue, where the referral notifier picks it up.
 */
export async function seedCase(sandbox: TestSandbox, options: SeedOptions = {}): Promise<CaseRecord> {
  const reference = newReference("case", randomBytes);
  const at = options.createdAt ?? new Date().toISOString();
  const level = options.level ?? "frontline";
  const email = options.customer?.email ?? `customer.${reference.toLowerCase()}@example.org`;
  const text = options.text ?? "My parcel has not arrived and nobody has told me why.";
  const record: CaseRecord = {
    reference,
    customerReference: newReference("customer", randomBytes),
    channel: "email",
    status: "open",
    createdAt: at,
    updatedAt: at,
    customer: {
      name: "Alex Rivers",
      email,
      phone: undefined,
      address: undefined,
      postcode: undefined,
      ...options.customer,
    },
    subject: "Parcel not arrived",
    summary: text,
    transactionReferences: options.transactionReferences ?? [],
    extracted: [],
    classification: {
      kind: "complaint",
      category: options.category ?? "delivery",
      cause: "system-or-procedure-failure",
      signals: options.signals ?? ["dissatisfaction"],
      evidence: [{ rule: "signal:dissatisfaction", matched: "nobody has told me" }],
    },
    referral: { level, reasonCode: "default", reason: `Seeded for the ${level} team.`, state: "pending" },
    acknowledgement: { state: "sent", sentAt: at },
    intakeId: `test:${reference}`,
    inboundMessageId: undefined,
    flags: {},
  };
  const received: MessageReceivedEvent = {
    type: "message-received",
    caseReference: reference,
    eventId: `received:test:${reference}`,
    at,
    channel: "email",
    from: email,
    subject: record.subject,
    messageId: undefined,
    inReplyTo: undefined,
    text,
    textTruncated: false,
    rawLocation: undefined,
    attachments: [],
    fromCustomer: true,
  };
  const cases = caseStore(sandbox);
  await cases.createCase(record);
  await cases.appendEvent(received);
  await cases.addLookup("email", email, reference);
  await addCaseLookups(record, cases);
  if (!options.unreferred) {
    // As intake refers a case: its report rows first, then the referral.
    const referral = referralMessageFor(record);
    await cases.addToCase(reference, referralReports(record, referral, at));
    await referralQueue(sandbox).send({ ...referral, summary: record.summary });
    await cases.markReferred(reference, at);
  }
  return record;
}

/** Waits until the referral notifier has told the level's team about the case. */
export async function notified(sandbox: TestSandbox, reference: string, notificationId?: string) {
  const cases = caseStore(sandbox);
  return waitFor(
    async () =>
      (await cases.timeline(reference)).find(
        (event) =>
          event.type === "staff-notified" &&
          (notificationId === undefined || event.notificationId === notificationId),
      ),
    { description: `a staff notification for ${reference}` },
  );
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T & { error?: { code: string; message: string } & Record<string, unknown> };
}

export async function callApi<T = Record<string, unknown>>(
  sandbox: TestSandbox,
  token: string | null,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const response = await sandbox.fetchApi(path, {
    token,
    ...(body === undefined
      ? {}
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const type = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    body: (type.includes("json")
      ? await response.json()
      : { text: await response.text() }) as ApiAnswer<T>["body"],
  };
}

let messages = 0;

/** A complaint email as a customer's mail program would send it. */
export function complaintEmail(options: {
  from: string;
  name?: string;
  subject?: string;
  body: string;
  html?: string;
}): string {
  const messageId = `staff-test-${++messages}-${Date.now()}@mail.example.org`;
  const headers = [
    `From: ${options.name ? `${options.name} ` : ""}<${options.from}>`,
    "To: complaints@example.com",
    `Subject: ${options.subject ?? "Order not delivered"}`,
    `Message-ID: <${messageId}>`,
    "Date: Mon, 23 Nov 2026 09:12:44 +0000",
    "MIME-Version: 1.0",
  ];
  if (!options.html) {
    return [...headers, "Content-Type: text/plain; charset=utf-8", "", options.body, ""].join("\r\n");
  }
  const boundary = `b-${messageId}`;
  return [
    ...headers,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    options.body,
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "",
    options.html,
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

/** Sends the email through SMTP and waits until its case is recorded and referred. */
export async function caseFromEmail(sandbox: TestSandbox, raw: string): Promise<CaseRecord> {
  const sent = await sandbox.sendEml(raw);
  const cases = caseStore(sandbox);
  const ledgerId = `mail:${sent.key}`;
  return waitFor(
    async () => {
      const response = await sandbox.fetchApi(`/api/intake?id=${encodeURIComponent(ledgerId)}`);
      const { entries } = (await response.json()) as {
        entries: { result?: { outcome: string; caseReference?: string } }[];
      };
      const reference = entries[0]?.result?.caseReference;
      const record = reference ? await cases.getCase(reference) : undefined;
      return record?.referral.state === "sent" ? record : undefined;
    },
    { description: "the emailed case to be recorded and referred", timeoutMs: 30_000 },
  );
}
