// A running sandbox publishes its emulator endpoints and resource plan in its data folder, so the
// `npm run` operations commands (reconcile, redrive, data-protection) can reach the same data.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { LocalResourcePlan } from "./resource-plan";

const CONNECTION_FILE = "sandbox.json";

export interface SandboxConnectionInfo {
  urls: { dynamodb: string; sqs: string; s3: string; sesViewer: string };
  plan: LocalResourcePlan;
}

/** Written by a running sandbox; the returned function removes it again when the sandbox stops. */
export function publishConnection(dataDir: string, info: SandboxConnectionInfo): () => void {
  const file = resolve(dataDir, CONNECTION_FILE);
  writeFileSync(file, JSON.stringify({ pid: process.pid, ...info }));
  return () => rmSync(file, { force: true });
}

/** What the sandbox running on this data folder published, or undefined when none is running. */
export function readConnection(dataDir: string): SandboxConnectionInfo | undefined {
  try {
    const { pid, ...info } = JSON.parse(readFileSync(resolve(dataDir, CONNECTION_FILE), "utf8"));
    process.kill(pid, 0);
    return info as SandboxConnectionInfo;
  } catch {
    return undefined;
  }
}
