// The sandbox killed with work in flight, then started again on the same data folder: the sandbox runs
// in a child process that is killed (SIGKILL, no chance to tidy up) while intake of half the messages is
// stuck mid-write, or in the middle of a burst of a hundred; the sandbox started again re-drives whatever
// has no outcome, the reconciler finishes what was left, and every message ends with one outcome, at most
// one acknowledgement, a place in a work queue and one notification of its team.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { deliverRawMail } from "../../infra/local/mail-delivery";
import type { SandboxOptions } from "../../infra/local/sandbox";
import { DynamoDbWorkQueues } from "../../shared/adapters/aws/dynamodb-work-queues";
import { REFERRAL_LEVELS } from "../../shared/domain/case";
import { eventsOf } from "./support/case-view";
import {
  type Complaint,
  complaint,
  decidedEntry,
  expectCountsAddUp,
  intakeDrained,
  reconcileAt,
  stores,
} from "./support/reliability";
import {
  readSesStore,
  type SesStoredEmail,
  startTestSandbox,
  type TestSandbox,
} from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MINUTE_MS = 60_000;

interface RunningChild {
  process: ChildProcess;
  smtpPort: number;
  sesUrl: string;
  httpUrl: string;
  token: string;
}

/** The sandbox in a child process on free ports, resolved once it says it is running. */
function startChildSandbox(dataDir: string, hang: string): Promise<RunningChild> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/sandbox/support/child-sandbox.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      HEED_TEST_HANG: hang,
      HEED_DATA_DIR: dataDir,
      HEED_HTTP_PORT: "0",
      HEED_SMTP_PORT: "0",
      HEED_SES_PORT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const found: Record<string, string> = {};
    child.once("exit", (code) => reject(new Error(`the child sandbox exited with ${code}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      for (const [name, pattern] of [
        ["smtp", /^SMTP\s+smtp:\/\/127\.0\.0\.1:(\d+)/],
        ["ses", /^SES viewer\s+(\S+)/],
        ["http", /^HTTP API\s+(\S+)/],
        ["token", /^Dev token\s+(\S+)/],
      ] as const) {
        const match = pattern.exec(line);
        if (match?.[1]) found[name] = match[1];
      }
      if (line.startsWith("Heed is running")) {
        resolve({
          process: child,
          smtpPort: Number(found.smtp),
          sesUrl: found.ses ?? "",
          httpUrl: found.http ?? "",
          token: found.token ?? "",
        });
      }
    });
  });
}

/** Delivers each message over SMTP to the child sandbox; the raw-mail keys SES would store them under. */
async function deliverAll(child: RunningChild, mails: readonly Complaint[]): Promise<string[]> {
  const keys: string[] = [];
  for (const mail of mails) {
    const reply = await deliverRawMail({ raw: mail.raw, port: child.smtpPort, to: "complaints@example.com" });
    keys.push(`inbound/${/^250 Ok (\S+)/.exec(reply)?.[1]}`);
  }
  return keys;
}

/** SIGKILL: no chance to tidy up, as a crash of `npm start`. */
async function killOutright(child: RunningChild): Promise<void> {
  const exited = new Promise((resolve) => child.process.once("exit", resolve));
  child.process.kill("SIGKILL");
  await exited;
}

/** A data folder the killed sandbox and its successor share; the successor is stopped and all removed after the file. */
function restartableDataDir(prefix: string) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  let restarted: TestSandbox | undefined;
  afterAll(async () => {
    await restarted?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
  return {
    dataDir,
    restart: async (options: SandboxOptions = {}) => {
      restarted = await startTestSandbox({ dataDir, ...options });
      return restarted;
    },
  };
}

describe("faults: the sandbox killed with work in flight and started again", () => {
  const { dataDir, restart } = restartableDataDir("heed-restart-");

  it("finishes every message once after the restart, and no customer gets two acknowledgements", async () => {
    // Prepare: ten complaints delivered; five are stuck mid-write when the sandbox is killed
    const child = await startChildSandbox(dataDir, "restart-stuck");
    const mails = Array.from({ length: 10 }, (_, index) =>
      complaint(index % 2 === 0 ? `restart-done-${index}` : `restart-stuck-${index}`),
    );
    const keys = await deliverAll(child, mails);
    const outcomeInChild = async (key: string) => {
      const response = await fetch(
        new URL(`/api/intake?id=${encodeURIComponent(`mail:${key}`)}`, child.httpUrl),
        {
          headers: { authorization: `Bearer ${child.token}` },
        },
      );
      const { entries } = (await response.json()) as { entries: { result?: unknown }[] };
      return entries[0]?.result !== undefined;
    };
    await waitFor(
      async () => (await Promise.all(keys.filter((_, i) => i % 2 === 0).map(outcomeInChild))).every(Boolean),
      {
        description: "the outcomes of the messages that are not stuck",
        timeoutMs: 90_000,
      },
    );
    const sentBeforeKill: SesStoredEmail[] = await readSesStore(child.sesUrl);
    await killOutright(child);

    // Act: the sandbox starts again on the same data folder
    const sandboxLog: string[] = [];
    const sandbox = await restart({ log: (line) => sandboxLog.push(line) });
    const references = await Promise.all(
      keys.map(async (key) => {
        const entry = await decidedEntry(sandbox, key, 45_000);
        return entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
      }),
    );
    await intakeDrained(sandbox);
    // An acknowledgement cut off mid-send is settled as unknown (never sent again) once its lease is over.
    await reconcileAt(sandbox, new Date(Date.now() + 20 * MINUTE_MS));
    const sentAfterRestart = await sandbox.readSesStore();

    // Assess
    expect(sandboxLog).toContain("Re-drove 5 raw message(s) that had no intake outcome yet");
    expect(new Set(references).size).toBe(10);
    for (const [index, reference] of references.entries()) {
      const record = await stores(sandbox).cases.getCase(reference);
      const timeline = await stores(sandbox).cases.timeline(reference);
      const delivered = [...sentBeforeKill, ...sentAfterRestart].filter((message) =>
        message.destination.to.includes(mails[index]?.sender ?? ""),
      );
      expect(record?.referral.state, reference).toBe("sent");
      expect(["sent", "failed"], reference).toContain(record?.acknowledgement.state);
      expect(delivered.length, reference).toBeLessThanOrEqual(1);
      expect(eventsOf(timeline, "message-sent").length, reference).toBeLessThanOrEqual(1);
      if (record?.acknowledgement.state === "sent")
        expect(eventsOf(timeline, "message-sent")).toHaveLength(1);
    }
    const report = await expectCountsAddUp(sandbox);
    expect(report.inputs.total).toBe(10);
  });
});

describe("faults: the sandbox killed in the middle of a burst of a hundred emails", () => {
  const { dataDir, restart } = restartableDataDir("heed-burst-");

  it("puts every case in a queue, notifies its team once and acknowledges it once after the restart", async () => {
    // Prepare: a hundred complaints delivered; the sandbox is killed while they are being worked on
    const child = await startChildSandbox(dataDir, "");
    const mails = Array.from({ length: 100 }, (_, index) => complaint(`burst-${index}`));
    const keys = await deliverAll(child, mails);
    await waitFor(async () => (await readSesStore(child.sesUrl)).length >= 20, {
      description: "the burst to be under way",
      timeoutMs: 60_000,
    });
    const sentBeforeKill = await readSesStore(child.sesUrl);
    await killOutright(child);

    // Act: start again, let intake and the notifier finish, then reconcile past the lease
    const sandbox = await restart();
    const references = await Promise.all(
      keys.map(async (key) => {
        const entry = await decidedEntry(sandbox, key, 90_000);
        return entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
      }),
    );
    const referralQueuesDrained = () =>
      waitFor(
        async () => {
          for (const level of REFERRAL_LEVELS) {
            const snapshot = await sandbox.peekQueue(sandbox.queue("referral-queue", level));
            if (snapshot.ready.length + snapshot.inflight.length + snapshot.delayed.length > 0) return false;
          }
          return true;
        },
        { description: "the referral queues to drain", timeoutMs: 60_000 },
      );
    await intakeDrained(sandbox, 60_000);
    await referralQueuesDrained();
    const report = await reconcileAt(sandbox, new Date(Date.now() + 20 * MINUTE_MS));
    await referralQueuesDrained();

    // Assess: every case is in its level's queue, its team was told once, its customer at most once
    const { cases } = stores(sandbox);
    const queues = new DynamoDbWorkQueues(sandbox.clients.documents, sandbox.table("case-table").name);
    const queued = new Set(
      (await Promise.all(REFERRAL_LEVELS.map((level) => queues.list(level))))
        .flat()
        .map((entry) => entry.caseReference),
    );
    // The SES viewer may keep what it had before the kill: each message counts once, by its id.
    const sent = [
      ...new Map(
        [...sentBeforeKill, ...(await sandbox.readSesStore())].map((message) => [message.messageId, message]),
      ).values(),
    ];
    expect(new Set(references).size).toBe(100);
    for (const [index, reference] of references.entries()) {
      const record = await cases.getCase(reference);
      const timeline = await cases.timeline(reference);
      const toTeams = sent.filter(
        (message) =>
          !message.destination.to.includes(mails[index]?.sender ?? "") &&
          !message.subject.startsWith("Repeated theme") &&
          message.body.text?.includes(reference),
      );
      expect(record?.referral.state, reference).toBe("sent");
      expect(queued.has(reference), reference).toBe(true);
      const referralNotices = eventsOf(timeline, "staff-notified").filter(
        (event) => event.notification === "referral",
      );
      expect(referralNotices, reference).toHaveLength(1);
      expect(toTeams.length, reference).toBeLessThanOrEqual(1);
      expect(["sent", "failed"], reference).toContain(record?.acknowledgement.state);
      expect(
        sent.filter((message) => message.destination.to.includes(mails[index]?.sender ?? "")).length,
        reference,
      ).toBeLessThanOrEqual(1);
    }
    expect(report.inputs.total).toBe(100);
    const settled = await expectCountsAddUp(sandbox);
    expect(settled.mismatches["referral-not-notified"]).toBe(0);
  }, 300_000);
});
