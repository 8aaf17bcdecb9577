// Browser tests drive Debian's Chromium. A fresh CI machine (root, no browser) gets it from apt here,
// once per run, before any test starts; a developer without root is told what to install.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

export class ChromiumMissingError extends Error {
  override name = "ChromiumMissingError";
}

export default function installChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new ChromiumMissingError(
      `${CHROMIUM} is missing: install it with \`sudo apt-get install chromium\``,
    );
  }
  console.log(`${CHROMIUM} is missing: installing Debian's chromium package…`);
  const install = spawnSync(
    "sh",
    [
      "-c",
      "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium",
    ],
    { stdio: "inherit" },
  );
  if (install.status !== 0 || !existsSync(CHROMIUM)) {
    throw new ChromiumMissingError(`installing chromium failed (exit status ${install.status})`);
  }
}
