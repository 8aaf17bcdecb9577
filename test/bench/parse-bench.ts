// MIME parsing on the generated corpus: Heed's streaming adapter against mailparser's defaults on the
// whole object, same bytes, each measured in a fresh child process (parse-measure.ts) so that one
// configuration's heap never inflates another's figures.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type CorpusEntry, PARSE_CORPUS } from "./corpus";
import type { MemoryMeasurement, TimingMeasurement } from "./parse-measure";
import type { ParsePath } from "./parse-paths";

export type ParseMeasurement = MemoryMeasurement & TimingMeasurement;

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MEASURE_SCRIPT = fileURLToPath(new URL("./parse-measure.ts", import.meta.url));

export interface ParseFigure {
  name: string;
  bytes: number;
  budget: CorpusEntry["budget"];
  heed: ParseMeasurement;
  naive: ParseMeasurement;
}

/** Enough runs for a p99 on small messages; a handful for the large ones, which take a second each. */
function runsFor(bytes: number): number {
  if (bytes < 100_000) return 400;
  if (bytes < 2_000_000) return 40;
  if (bytes < 20_000_000) return 6;
  return 3;
}

async function measure<T>(...args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--expose-gc", "--import", "tsx", MEASURE_SCRIPT, ...args],
    { cwd: REPO_ROOT, timeout: 300_000, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as T;
}

export async function benchParsing(): Promise<ParseFigure[]> {
  const directory = mkdtempSync(join(tmpdir(), "heed-bench-mail-"));
  try {
    const figures: ParseFigure[] = [];
    for (const entry of PARSE_CORPUS) {
      const raw = entry.make();
      const file = join(directory, `${figures.length}.eml`);
      writeFileSync(file, raw);
      const memory = async (path: ParsePath) => measure<MemoryMeasurement>("memory", file, path);
      const heedMemory = await memory("heed");
      const naiveMemory = await memory("naive");
      const times = await measure<Record<ParsePath, TimingMeasurement>>(
        "timing",
        file,
        String(runsFor(raw.length)),
      );
      figures.push({
        name: entry.name,
        bytes: raw.length,
        budget: entry.budget,
        heed: { ...heedMemory, ...times.heed },
        naive: { ...naiveMemory, ...times.naive },
      });
    }
    return figures;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
