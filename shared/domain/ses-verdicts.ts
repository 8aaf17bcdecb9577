// Reads the verdicts SES wrote into a received message: spam, virus, SPF, DKIM and DMARC. Only the block
// SES prepends at the top is trusted — the first occurrence of each header before the sender's own
// headers begin — because a sender can forge copies of these headers further down.

import type { HeaderLine } from "./mail";

export type Verdict = "pass" | "fail" | "gray" | "processing-failed" | "unknown";

export interface SesVerdicts {
  spam: Verdict;
  virus: Verdict;
  spf: Verdict;
  dkim: Verdict;
  dmarc: Verdict;
}

const SES_BLOCK_HEADERS = new Set([
  "return-path",
  "received",
  "x-ses-spam-verdict",
  "x-ses-virus-verdict",
  "received-spf",
  "authentication-results",
  "x-ses-receipt",
  "x-ses-dkim-signature",
]);

function isSesReceived(value: string): boolean {
  return /\bby\s+inbound-smtp\.[a-z0-9-]+\.amazonaws\.com\b/i.test(value);
}

/** The leading header lines SES added, ending at the first line that is not SES's own. */
export function sesBlock(lines: readonly HeaderLine[]): HeaderLine[] {
  const block: HeaderLine[] = [];
  let sawSesReceived = false;
  for (const line of lines) {
    if (!SES_BLOCK_HEADERS.has(line.name)) break;
    if (line.name === "received") {
      if (!isSesReceived(line.value) || sawSesReceived) break;
      sawSesReceived = true;
    }
    block.push(line);
  }
  return sawSesReceived ? block : [];
}

function verdictOf(value: string | undefined): Verdict {
  const word = value
    ?.trim()
    .split(/[\s;(]/)[0]
    ?.toLowerCase();
  if (word === "pass" || word === "fail" || word === "gray") return word;
  if (word === "processing_failed") return "processing-failed";
  return "unknown";
}

function authenticationResult(value: string | undefined, method: string): Verdict {
  const match = value ? new RegExp(`\\b${method}=(\\w+)`, "i").exec(value) : null;
  const result = match?.[1]?.toLowerCase();
  if (result === "pass") return "pass";
  if (result === "fail" || result === "softfail" || result === "permerror") return "fail";
  return "unknown";
}

export function readSesVerdicts(lines: readonly HeaderLine[]): SesVerdicts {
  const block = sesBlock(lines);
  const first = (name: string) => block.find((line) => line.name === name)?.value;
  const authentication = first("authentication-results");
  return {
    spam: verdictOf(first("x-ses-spam-verdict")),
    virus: verdictOf(first("x-ses-virus-verdict")),
    spf: authenticationResult(authentication, "spf"),
    dkim: authenticationResult(authentication, "dkim"),
    dmarc: authenticationResult(authentication, "dmarc"),
  };
}
