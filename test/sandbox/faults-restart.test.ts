// The sandbox killed with work in flight, then started again on the same data folder: the sandbox runs
// in a child process that is killed (SIGKILL, no chance to tidy up) while intake of half the messages is
// stuck mid-write; the sandbox started again re-drives whatever has no outcome, and every message ends
// with one outcome and at most one acknowledgement.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { deliverRawMail } from "../../infra/local/mail-delivery";
import { eventsOf } from "./support/case-view";
import {
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

describe("faults: the sandbox killed with work in flight and started again", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "heed-restart-"));
  let restarted: TestSandbox | undefined;

  afterAll(async () => {
    await restarted?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("finishes every message once after the restart, and no customer gets two acknowledgements", async () => {
    // Prepare: ten complaints delivered; five are stuck mid-write when the sandbox is killed
    const child = await startChildSandbox(dataDir, "restart-stuck");
    const mails = Array.from({ length: 10 }, (_, index) =>
      complaint(index % 2 === 0 ? `restart-done-${index}` : `restart-stuck-${index}`),
    );
    const keys: string[] = [];
    for (const mail of mails) {
      const reply = await deliverRawMail({
        raw: mail.raw,
        port: child.smtpPort,
        to: "complaints@example.com",
      });
      keys.push(`inbound/${/^250 Ok (\S+)/.exec(reply)?.[1]}`);
    }
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
        timeoutMs: 30_000,
      },
    );
    const sentBeforeKill: SesStoredEmail[] = await readSesStore(child.sesUrl);
    const exited = new Promise((resolve) => child.process.once("exit", resolve));
    child.process.kill("SIGKILL");
    await exited;

    // Act: the sandbox starts again on the same data folder
    const sandboxLog: string[] = [];
    restarted = await startTestSandbox({ dataDir, log: (line) => sandboxLog.push(line) });
    const sandbox = restarted;
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
