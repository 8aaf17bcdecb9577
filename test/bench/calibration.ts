// A fixed piece of work that never changes with Heed's code (JSON, hashing, regular expressions and string
// building, single-threaded), timed in the bench's own process. It is how a figure recorded on another day
// is compared with today's: the recorded figure is scaled by how much slower or faster this workload runs
// now than it ran when that figure was recorded, on the same machine kind, so a busier machine does not
// read as a slower Heed (nor a quieter one as a faster Heed).

import { createHash } from "node:crypto";
import { percentile } from "./stats";

export interface Calibration {
  /** Median wall time of one round, which a busy machine stretches by sharing the cores. */
  wallMs: number;
  /** Median CPU time of one round, which a busy machine stretches less (caches, frequency). */
  cpuMs: number;
}

const ROUNDS = 9;

const RECORD = {
  from: "Customer <customer@example.org>",
  subject: "Order 123456 has not arrived",
  body: "My order number 123456 still hasn't arrived and I am fed up. Please call me on 07700 900123. ".repeat(
    8,
  ),
  headers: Array.from({ length: 12 }, (_, i) => ({
    key: `x-header-${i}`,
    line: `X-Header-${i}: value ${i}`,
  })),
};
const PATTERNS = [/\b(?:order|parcel|delivery)\b/gi, /\b0\d{4}\s?\d{6}\b/g, /\b[A-Z]{2}\d{6}\b/g];

function round(): number {
  let found = 0;
  for (let i = 0; i < 400; i++) {
    const text = JSON.stringify({ ...RECORD, index: i });
    const copy = JSON.parse(text) as typeof RECORD;
    for (const pattern of PATTERNS) found += copy.body.match(pattern)?.length ?? 0;
    found += createHash("sha256").update(text).digest()[0] ?? 0;
    found += copy.headers.map((h) => h.line.toLowerCase()).join("\n").length;
  }
  return found;
}

/** Times the workload in this process: one round to warm up, then the median of ROUNDS rounds. */
export function calibrate(): Calibration {
  round();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    round();
    walls.push(performance.now() - began);
    const cpu = process.cpuUsage(cpuBefore);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  return { wallMs: percentile(walls, 50), cpuMs: percentile(cpus, 50) };
}

if (process.argv[1]?.endsWith("calibration.ts")) console.log(JSON.stringify(calibrate()));
