// What the fault, restart and data-protection tests share: a complaint email made unique per test,
// Heed's own stores over the sandbox's table, waiting for a case to settle, running the reconciler and
// the checks every such test ends with (the counts add up, no customer got two acknowledgements).

import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { FaultController } from "../../../infra/local/fault-proxy";
import { DynamoDbCaseStore } from "../../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbIntakeLedger } from "../../../shared/adapters/aws/dynamodb-intake-ledger";
import type { ReconciliationReport } from "../../../shared/application/reconcile";
import type { CaseRecord } from "../../../shared/domain/case";
import type { IntakeEntry } from "../../../shared/domain/intake";
import type { TestSandbox } from "./test-sandbox";
import { waitFor } from "./wait-for";

export interface Complaint {
  label: string;
  sender: string;
  messageId: string;
  raw: string;
}

/** A plain complaint from a sender of its own, so per-sender caps never get in the way. */
export function complaint(
  label: string,
  body = "My parcel has not arrived and I am very unhappy.",
): Complaint {
  const id = `${label}-${randomUUID().slice(0, 8)}`;
  const sender = `${id}@example.net`;
  const messageId = `${id}@mail.example.net`;
  const raw = [
    `From: Sam Reliable <${sender}>`,
    "To: complaints@example.com",
    `Subject: Parcel ${id} has not arrived`,
    `Message-ID: <${messageId}>`,
    "Date: Tue, 4 Mar 2025 09:00:00 +0000",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
  return { label, sender, messageId, raw };
}

export function stores(sandbox: TestSandbox) {
  const table = sandbox.table("case-table").name;
  return {
    cases: new DynamoDbCaseStore(sandbox.clients.documents, table),
    ledger: new DynamoDbIntakeLedger(sandbox.clients.documents, table),
  };
}

/** The sandbox's fault controller; the sandbox must have been started with `faults: true`. */
export function faultsOf(sandbox: TestSandbox): FaultController {
  if (!sandbox.faults) throw new Error("the sandbox runs without its fault proxy");
  return sandbox.faults;
}

export function functionId(sandbox: TestSandbox, entry: string): string {
  const found = sandbox.plan.functions.find((fn) => fn.entry === entry);
  if (!found) throw new Error(`the stack has no function ${entry}`);
  return found.logicalId;
}

/** The ledger entry of a raw mail object, once it has an outcome. */
export function decidedEntry(sandbox: TestSandbox, key: string, timeoutMs = 20_000): Promise<IntakeEntry> {
  return waitFor(
    async () => {
      const entry = await stores(sandbox).ledger.get(`mail:${key}`);
      return entry?.result ? entry : undefined;
    },
    { description: `an intake outcome for ${key}`, timeoutMs },
  );
}

const SETTLED = new Set(["sent", "failed", "not-required"]);

/** The case once its referral and acknowledgement have both settled. */
export function settledCase(
  sandbox: TestSandbox,
  reference: string,
  timeoutMs = 20_000,
): Promise<CaseRecord> {
  return waitFor(
    async () => {
      const record = await stores(sandbox).cases.getCase(reference);
      return record && record.referral.state === "sent" && SETTLED.has(record.acknowledgement.state)
        ? record
        : undefined;
    },
    { description: `case ${reference} to settle`, timeoutMs },
  );
}

/** Sends a complaint over SMTP and waits for its case to settle. */
export async function settledComplaint(sandbox: TestSandbox, mail: Complaint) {
  const sent = await sandbox.sendEml(mail.raw);
  const entry = await decidedEntry(sandbox, sent.key);
  const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
  return { sent, entry, reference, record: await settledCase(sandbox, reference) };
}

/** Waits until the intake queue has no message waiting or in flight: every input has been worked on. */
export async function intakeDrained(sandbox: TestSandbox, timeoutMs = 30_000): Promise<void> {
  const intake = sandbox.queue("intake-queue");
  await waitFor(
    async () => {
      const snapshot = await sandbox.peekQueue(intake);
      return snapshot.ready.length + snapshot.inflight.length === 0;
    },
    { description: "the intake queue to drain", timeoutMs },
  );
}

/** Fires the EventBridge rule that targets the function with this handler, as if at `at`. */
export async function runScheduled(sandbox: TestSandbox, entry: string, at = new Date()): Promise<unknown> {
  const target = functionId(sandbox, entry);
  const rule = sandbox.schedules.schedules.find((schedule) =>
    schedule.targets.some((candidate) => candidate.functionLogicalId === target),
  );
  if (!rule) throw new Error(`no schedule runs ${entry}`);
  const [outcome] = await sandbox.schedules.run(rule.logicalId, at);
  if (!outcome?.ok) throw new Error(`${entry} failed: ${outcome?.error.errorMessage}`);
  return outcome.payload;
}

/** Runs the reconciler as its schedule does, at `at`. */
export async function reconcileAt(sandbox: TestSandbox, at = new Date()): Promise<ReconciliationReport> {
  return (await runScheduled(sandbox, "functions/reconciler/handler.ts", at)) as ReconciliationReport;
}

/** The end of every fault test: every input has exactly one outcome, and they add up. */
export async function expectCountsAddUp(sandbox: TestSandbox): Promise<ReconciliationReport> {
  await intakeDrained(sandbox);
  const report = await reconcileAt(sandbox);
  const { outcomes } = report;
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  expect(report.mismatches).toEqual(
    Object.fromEntries(Object.keys(report.mismatches).map((code) => [code, 0])),
  );
  expect(report.addsUp).toBe(true);
  expect(outcomes.undecided).toBe(0);
  expect(report.inputs.total).toBe(
    outcomes.newCases + outcomes.threaded + sum(outcomes.suppressed) + sum(outcomes.quarantined),
  );
  return report;
}

/** No customer got more than one message about a case: the acknowledgement, at most once. */
export async function expectNoDuplicateAcknowledgements(sandbox: TestSandbox): Promise<void> {
  const perCustomerAndCase = new Map<string, number>();
  const { cases } = stores(sandbox);
  for (const message of await sandbox.readSesStore()) {
    for (const reference of new Set(message.subject.match(/CS-[0-9A-Z]{8}/g) ?? [])) {
      const customer = (await cases.getCase(reference))?.customer.email;
      if (!customer || !message.destination.to.includes(customer)) continue;
      const key = `${reference} to ${customer}`;
      perCustomerAndCase.set(key, (perCustomerAndCase.get(key) ?? 0) + 1);
    }
  }
  expect([...perCustomerAndCase].filter(([, count]) => count > 1)).toEqual([]);
}

/** Messages sent to the customer of `mail` through the SES emulator. */
export async function acknowledgementsTo(sandbox: TestSandbox, mail: Complaint) {
  return (await sandbox.readSesStore()).filter((message) => message.destination.to.includes(mail.sender));
}
