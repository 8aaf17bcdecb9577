// Parse measurements, each in a process of its own so that its memory figures start clean:
// `node --expose-gc --import tsx parse-measure.ts memory <message file> <heed|naive>` prints the peak
// extra RSS and heap of one parse; `... timing <message file> <runs>` prints p50/p99 of both paths,
// alternating them run by run so that whatever else loads the machine weighs on both alike.

import { createReadStream, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { plainText2k } from "./corpus";
import { chunksOf, heedParse, naiveParse, type ParsePath } from "./parse-paths";
import { percentile } from "./stats";

export interface MemoryMeasurement {
  outcome: string;
  extraRssMb: number;
  extraHeapMb: number;
}

export interface TimingMeasurement {
  p50Ms: number;
  p99Ms: number;
  /** The same in CPU time (the process's, which is the parse and V8's helpers): what it costs apart from waiting for a core. */
  cpuP50Ms: number;
  cpuP99Ms: number;
}

const MB = 1024 * 1024;

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function peakExtraMemory(path: ParsePath, file: string): Promise<MemoryMeasurement> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  const base = process.memoryUsage();
  const heapOf = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.external;
  let peakRss = base.rss;
  let peakHeap = heapOf(base);
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, heapOf(usage));
  };
  const sampler = setInterval(sample, 2);
  // Heed streams the object as it arrives; the naive path held all of it first.
  const outcome = await (path === "heed"
    ? heedParse(() => createReadStream(file, { highWaterMark: 64 * 1024 }))
    : readFile(file).then(naiveParse));
  clearInterval(sampler);
  sample();
  return { outcome, extraRssMb: (peakRss - base.rss) / MB, extraHeapMb: (peakHeap - heapOf(base)) / MB };
}

async function timing(file: string, runs: number): Promise<Record<ParsePath, TimingMeasurement>> {
  const raw = readFileSync(file);
  const paths: Record<ParsePath, () => Promise<string>> = {
    heed: () => heedParse(() => chunksOf(raw)),
    naive: () => naiveParse(raw),
  };
  const wall: Record<ParsePath, number[]> = { heed: [], naive: [] };
  const cpu: Record<ParsePath, number[]> = { heed: [], naive: [] };
  // The first parses compile and warm the code; they are not counted.
  const warmUp = Math.max(2, Math.ceil(runs / 10));
  for (let run = -warmUp; run < runs; run++) {
    for (const path of ["heed", "naive"] as const) {
      const cpuStart = cpuMs();
      const start = performance.now();
      await paths[path]();
      if (run < 0) continue;
      wall[path].push(performance.now() - start);
      cpu[path].push(cpuMs() - cpuStart);
    }
  }
  const figures = (path: ParsePath): TimingMeasurement => ({
    p50Ms: percentile(wall[path], 50),
    p99Ms: percentile(wall[path], 99),
    cpuP50Ms: percentile(cpu[path], 50),
    cpuP99Ms: percentile(cpu[path], 99),
  });
  return { heed: figures("heed"), naive: figures("naive") };
}

async function main(): Promise<void> {
  const [mode, file, argument] = process.argv.slice(2);
  if (!file) throw new Error("usage: memory <file> <heed|naive> | timing <file> <runs>");
  // Load and warm every module on a small message, so the measured parse allocates only for itself.
  const small = plainText2k();
  await heedParse(() => chunksOf(small));
  await naiveParse(small);
  let result: unknown;
  if (mode === "memory" && (argument === "heed" || argument === "naive")) {
    result = await peakExtraMemory(argument, file);
  } else if (mode === "timing") {
    result = await timing(file, Number(argument ?? 1));
  } else {
    throw new Error(`unknown measurement ${mode} ${argument}`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
