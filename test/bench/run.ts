// `npm run bench`: prints Heed's figures beside a naive configuration measured in the same run, with the
// ratio, the budget from the design (§5) and whether it was met or by how much it was missed. Never fails
// on timing; only a crash exits non-zero. Runs for a few minutes, against 127.0.0.1 only.

import { availableParallelism, loadavg } from "node:os";
import { type Calibration, calibrate } from "./calibration";
import { benchEndToEnd, benchRequests, type RequestFigures } from "./end-to-end-bench";
import { BASE_HISTORY, benchHistory, flat, HISTORY_SCALES, type HistoryFigure } from "./history-bench";
import { benchInit } from "./init-bench";
import { benchParsing } from "./parse-bench";
import { REQUESTS_BEFORE } from "./request-baseline";
import { fixed, table } from "./table";
import { THROUGHPUT_BEFORE } from "./throughput-baseline";
import { printUnderstanding } from "./understanding-report";

const BUDGET = {
  typicalParseP50Ms: 1,
  typicalParseP99Ms: 5,
  sesMaximumExtraMb: 64,
  /** Through the sandbox, 16 deliveries at once. */
  intakesPerSecond: 60,
  /** The intake function's own CPU per intake, 16 deliveries at once. */
  cpuMsPerIntake: 8,
  dollarsPer1000: 0.3,
  dollarsPer1000OutsideSes: 0.01,
  requestsPerIntake: 12,
  dynamoDbRequestsPerIntake: 8,
  /** What the total leaves beside DynamoDB's eight. */
  otherRequestsPerIntake: 4,
  dynamoDbWriteUnitsPerIntake: 10,
  dynamoDbReadUnitsPerIntake: 4,
} as const;

function ratio(naive: number | undefined, heed: number | undefined): string {
  if (naive === undefined || heed === undefined || !Number.isFinite(naive / heed)) return "n/a";
  return `${(naive / heed).toFixed(1)}×`;
}

function atMost(value: number | undefined, budget: number, unit: string, digits = 2): string {
  if (value === undefined || !Number.isFinite(value)) return "not measured";
  return value <= budget ? "met" : `MISSED by ${(value - budget).toFixed(digits)} ${unit}`;
}

async function parsing(): Promise<void> {
  console.log("\n## MIME parsing: Heed's streaming adapter vs mailparser's defaults on the whole object");
  console.log(
    "   (wall time p50/p99; CPU is the process's CPU time for the parse; heed includes the second,",
  );
  console.log("   storing read when there are attachments; memory is one parse in a fresh process)\n");
  const figures = await benchParsing();
  table(
    [
      "message",
      "bytes",
      "heed p50/p99 ms",
      "naive p50/p99 ms",
      "naive/heed",
      "heed CPU p50/p99",
      "budget",
      "verdict",
    ],
    figures.map((f) => [
      f.name,
      String(f.bytes),
      `${fixed(f.heed.p50Ms)} / ${fixed(f.heed.p99Ms)}`,
      `${fixed(f.naive.p50Ms)} / ${fixed(f.naive.p99Ms)}`,
      ratio(f.naive.p50Ms, f.heed.p50Ms),
      `${fixed(f.heed.cpuP50Ms)} / ${fixed(f.heed.cpuP99Ms)}`,
      f.budget === "typical" ? `<= ${BUDGET.typicalParseP50Ms} p50, <= ${BUDGET.typicalParseP99Ms} p99` : "",
      f.budget === "typical"
        ? [
            `p50 ${atMost(f.heed.p50Ms, BUDGET.typicalParseP50Ms, "ms")}`,
            `p99 ${atMost(f.heed.p99Ms, BUDGET.typicalParseP99Ms, "ms")}`,
            f.heed.p99Ms > BUDGET.typicalParseP99Ms
              ? `(CPU p99 ${atMost(f.heed.cpuP99Ms, BUDGET.typicalParseP99Ms, "ms")})`
              : "",
          ]
            .filter(Boolean)
            .join(", ")
        : "",
    ]),
  );
  console.log("");
  table(
    [
      "message",
      "outcome (heed)",
      "heed +RSS / +heap MB",
      "naive +RSS / +heap MB",
      "naive/heed RSS",
      "budget",
      "verdict",
    ],
    figures.map((f) => [
      f.name,
      f.heed.outcome,
      `${fixed(f.heed.extraRssMb, 1)} / ${fixed(f.heed.extraHeapMb, 1)}`,
      `${fixed(f.naive.extraRssMb, 1)} / ${fixed(f.naive.extraHeapMb, 1)}`,
      ratio(f.naive.extraRssMb, Math.max(f.heed.extraRssMb, 0.1)),
      f.budget === "ses-maximum" ? `<= +${BUDGET.sesMaximumExtraMb} MB` : "",
      f.budget === "ses-maximum"
        ? atMost(Math.max(f.heed.extraRssMb, f.heed.extraHeapMb), BUDGET.sesMaximumExtraMb, "MB", 1)
        : "",
    ]),
  );
}

function init(): void {
  console.log("\n## Function init: import time over bare `node -e 0` (median of interleaved runs)");
  console.log(
    "   deployed = the CDK bundle with the function's NODE_OPTIONS as deployed; at start = the entry and",
  );
  console.log("   the chunks it imports statically, all chunks = with those it imports on first use;");
  console.log("   naive = the unbundled handler through tsx, over `node --import tsx -e 0`\n");
  const figures = benchInit();
  table(
    [
      "function",
      "at start KB (gzip)",
      "all chunks KB",
      "map KB",
      "deployed ms",
      "no source maps ms",
      "naive ms",
      "naive/deployed",
      "budget",
      "verdict",
    ],
    figures.map((f) => [
      f.name,
      `${(f.bundleBytes / 1024).toFixed(0)} (${(f.gzipBytes / 1024).toFixed(0)})`,
      (f.assetBytes / 1024).toFixed(0),
      (f.sourceMapBytes / 1024).toFixed(0),
      fixed(f.deployedMs, 0),
      fixed(f.withoutSourceMapsMs, 0),
      fixed(f.unbundledMs, 0),
      ratio(f.unbundledMs, f.deployedMs),
      `<= ${f.budgetMs} ms`,
      f.errors.deployed
        ? `could not import: ${f.errors.deployed}`
        : atMost(f.deployedMs, f.budgetMs, "ms", 1),
    ]),
  );
  for (const f of figures) {
    for (const [configuration, error] of Object.entries(f.errors)) {
      if (configuration !== "deployed")
        console.log(`   ${f.name}: ${configuration} could not be imported: ${error}`);
    }
  }
}

async function endToEnd(): Promise<void> {
  console.log("\n## End to end through the local sandbox: SMTP → S3 → SQS → intake → DynamoDB, SQS, SES");
  const calibrationBefore = calibrate();
  const result = await benchEndToEnd();
  const calibrationAfter = calibrate();
  const calibration: Calibration = {
    wallMs: (calibrationBefore.wallMs + calibrationAfter.wallMs) / 2,
    cpuMs: (calibrationBefore.cpuMs + calibrationAfter.cpuMs) / 2,
  };
  console.log(
    `   function concurrency ${result.functionConcurrency} (sandbox default); naive = ${result.naive.label}`,
  );
  console.log(
    "   CPU per intake: every thread of the process / the function threads / the intake function alone\n",
  );
  const { naive } = result;
  const concurrent = result.heed.find((f) => f.concurrency === 16);
  table(
    ["delivery", "intakes", "intakes/s", "CPU ms/intake", "vs naive", "budget", "verdict"],
    [...result.heed, naive].map((f) => [
      f.label,
      `${f.intakes}${f.failedBatches ? ` (${f.failedBatches} failed batches)` : ""}`,
      fixed(f.perSecond, 1),
      `${fixed(f.cpuMsPerIntake, 1)} / ${fixed(f.functionCpuMsPerIntake, 1)} / ${fixed(f.intakeCpuMsPerIntake, 1)}`,
      f === naive ? "1.0×" : ratio(f.perSecond, naive.perSecond),
      f === concurrent ? `>= ${BUDGET.intakesPerSecond}/s, intake <= ${BUDGET.cpuMsPerIntake} ms` : "",
      f === concurrent ? throughputVerdict(f.perSecond, f.intakeCpuMsPerIntake) : "",
    ]),
  );
  if (concurrent) printAgainstBefore(concurrent, calibration);

  printRequestsAndCost(result);
}

function throughputVerdict(perSecond: number, intakeCpuMs: number | undefined): string {
  return [
    perSecond >= BUDGET.intakesPerSecond
      ? "rate met"
      : `rate MISSED by ${(BUDGET.intakesPerSecond - perSecond).toFixed(0)}/s (${(BUDGET.intakesPerSecond / perSecond).toFixed(1)}× short)`,
    `intake CPU ${atMost(intakeCpuMs, BUDGET.cpuMsPerIntake, "ms", 1)}`,
  ].join(", ");
}

/**
 * The 16-at-once figures against those recorded on an earlier commit, scaled by the calibration workload
 * timed in this run: the rate by its wall time (a busy machine shares the cores), the CPU by its CPU time.
 */
function printAgainstBefore(
  now: { perSecond: number; intakeCpuMsPerIntake: number | undefined },
  calibration: Calibration,
): void {
  const before = THROUGHPUT_BEFORE;
  const wallScale = calibration.wallMs / before.calibration.wallMs;
  const cpuScale = calibration.cpuMs / before.calibration.cpuMs;
  const scaledRate = before.perSecond / wallScale;
  const scaledCpu = before.intakeCpuMsPerIntake * cpuScale;
  console.log(
    `\n   16 at once against commit ${before.commit} (test/bench/throughput-baseline.ts), its recorded figures scaled by a`,
  );
  console.log(
    `   fixed workload timed in this run (test/bench/calibration.ts): ${fixed(calibration.wallMs, 1)} ms wall, ${fixed(calibration.cpuMs, 1)} ms CPU`,
  );
  console.log(
    `   now against ${before.calibration.wallMs} / ${before.calibration.cpuMs} ms then (load average ${fixed(loadavg()[0])} now, ~${before.loadAverage} then);`,
  );
  console.log(
    "   a machine whose load changes within a run makes the scale rough: read the ratio, not the digits\n",
  );
  table(
    ["figure", `before (${before.commit}, scaled)`, "now", "now/before", "budget", "verdict"],
    [
      [
        "intakes/s",
        fixed(scaledRate, 1),
        fixed(now.perSecond, 1),
        ratio(now.perSecond, scaledRate),
        `>= ${BUDGET.intakesPerSecond}/s`,
        now.perSecond >= BUDGET.intakesPerSecond
          ? "met"
          : `MISSED by ${(BUDGET.intakesPerSecond - now.perSecond).toFixed(0)}/s`,
      ],
      [
        "intake CPU ms/intake",
        fixed(scaledCpu, 1),
        fixed(now.intakeCpuMsPerIntake, 1),
        ratio(now.intakeCpuMsPerIntake, scaledCpu),
        `<= ${BUDGET.cpuMsPerIntake} ms`,
        atMost(now.intakeCpuMsPerIntake, BUDGET.cpuMsPerIntake, "ms", 1),
      ],
    ],
  );
}

function printRequestsAndCost({ requestsPerIntake, cost, idleReceivesPerSecond }: RequestFigures): void {
  console.log("\n   AWS requests per intake, counted at the emulators during a further 16-at-once run\n");
  table(
    ["service", "operation", "per intake"],
    requestsPerIntake.map((r) => [r.service, r.operation, fixed(r.perIntake)]),
  );

  console.log("\n## Cost per 1,000 intakes (prices: test/bench/aws-prices.ts)\n");
  table(
    ["service", "what", "units/intake", "$ per 1,000"],
    cost.lines.map((l) => [l.service, l.what, l.unitsPerIntake.toPrecision(3), l.dollarsPer1000.toFixed(5)]),
  );
  console.log("\n   DynamoDB units by operation and item (reads at 4 KB a unit, writes at 1 KB)\n");
  table(
    ["operation", "item", "calls/intake", "units/intake", "mean item bytes"],
    cost.dynamoDb.map((d) => [
      d.operation,
      d.itemType,
      fixed(d.callsPerIntake),
      fixed(d.unitsPerIntake),
      fixed(d.meanItemBytes, 0),
    ]),
  );
  console.log("\n   not counted: KMS (bucket keys and data-key reuse keep it to a few calls per 5 minutes),");
  console.log(
    "   storage over time, data transfer, SES's charge per GB of attachments sent (Heed sends none),",
  );
  console.log(
    `   and receives that found a queue empty (${fixed(idleReceivesPerSecond, 1)}/s here, all queues, 5-second long polls;`,
  );
  console.log(
    "   a deployed queue's pollers wait 20 seconds: a cost per queue per month, whatever the intakes).",
  );

  const sum = (service?: string) =>
    requestsPerIntake
      .filter((r) => service === undefined || r.service === service)
      .reduce((total, r) => total + r.perIntake, 0);
  const before = REQUESTS_BEFORE;
  console.log(
    `\n## Per new-case intake against the budgets (before: recorded on commit ${before.commit}, test/bench/request-baseline.ts)\n`,
  );
  const figures: [string, number, number, number, string, number][] = [
    ["AWS requests (all services)", before.totalRequests, sum(), BUDGET.requestsPerIntake, "", 1],
    ["DynamoDB requests", before.dynamoDbRequests, sum("dynamodb"), BUDGET.dynamoDbRequestsPerIntake, "", 1],
    [
      "SQS, S3 and SES requests",
      before.totalRequests - before.dynamoDbRequests,
      sum() - sum("dynamodb"),
      BUDGET.otherRequestsPerIntake,
      "",
      1,
    ],
    [
      "DynamoDB write units",
      before.dynamoDbWriteUnits,
      cost.writeUnitsPerIntake,
      BUDGET.dynamoDbWriteUnitsPerIntake,
      "",
      1,
    ],
    [
      "DynamoDB read units",
      before.dynamoDbReadUnits,
      cost.readUnitsPerIntake,
      BUDGET.dynamoDbReadUnitsPerIntake,
      "",
      2,
    ],
    ["$ per 1,000 intakes", before.dollarsPer1000, cost.total, BUDGET.dollarsPer1000, "$", 4],
    [
      "$ per 1,000 outside SES",
      before.dollarsPer1000OutsideSes,
      cost.outsideSes,
      BUDGET.dollarsPer1000OutsideSes,
      "$",
      4,
    ],
  ];
  table(
    ["figure", "before", "now", "budget", "verdict"],
    figures.map(([name, was, now, budget, unit, digits]) => [
      name,
      fixed(was, digits),
      fixed(now, digits),
      `<= ${unit}${budget}`,
      atMost(now, budget, unit, digits).replace(/^MISSED/, "not met: missed"),
    ]),
  );
}

async function history(): Promise<void> {
  console.log(
    `\n## History: the same recent work over ${HISTORY_SCALES.map((scale) => `${scale}×`).join(", ")} a history of ${BASE_HISTORY} past intakes`,
  );
  console.log("   (entries, cases, arrivals, raw mail objects; a fresh sandbox for each scale;");
  console.log(
    "   requests and read units decide flat: the 100× figure within 10% and one unit of the 1× figure;",
  );
  console.log("   queue pollers' receives are left out: they follow the time that passes, not the work)\n");
  const figures = await benchHistory();
  const row = (what: string, pick: (f: HistoryFigure) => number, digits: number, decides: boolean) => [
    what,
    ...figures.map((f) => fixed(pick(f), digits)),
    decides ? (flat(figures.map(pick)) ? "flat" : "NOT FLAT") : "(time: noisy)",
  ];
  table(
    ["per", ...figures.map((f) => `${f.scale}× (${f.pastIntakes} past)`), "verdict"],
    [
      row("intake: AWS requests", (f) => f.intake.requests, 1, true),
      row("intake: DynamoDB read units", (f) => f.intake.readUnits, 1, true),
      row("intake: ms", (f) => f.intake.ms, 0, false),
      row("reconcile run: AWS requests", (f) => f.reconcile.requests, 0, true),
      row("reconcile run: DynamoDB read units", (f) => f.reconcile.readUnits, 1, true),
      row("reconcile run: ms", (f) => f.reconcile.ms, 0, false),
    ],
  );
  console.log("\n   Requests by operation (per intake; per reconcile run)\n");
  const operations = (pick: (f: HistoryFigure) => Record<string, number>, what: string) =>
    [...new Set(figures.flatMap((f) => Object.keys(pick(f))))]
      .sort()
      .map((operation) => [
        `${what}: ${operation}`,
        ...figures.map((f) => fixed(pick(f)[operation] ?? 0, 1)),
      ]);
  table(
    ["operation", ...figures.map((f) => `${f.scale}×`)],
    [
      ...operations((f) => f.intake.byOperation, "intake"),
      ...operations((f) => f.reconcile.byOperation, "reconcile"),
    ],
  );
}

async function main(): Promise<void> {
  const [one, five] = loadavg();
  console.log(
    `Heed bench: Node ${process.version}, ${availableParallelism()} cores, load average ${fixed(one)} / ${fixed(five)} at start` +
      " (other work on the machine widens p99 and lowers throughput; ratios are within one run)",
  );
  // `npm run bench -- init` (or parsing, understanding, end-to-end, history, requests) runs only the
  // sections named; with none named, every section but `requests` runs (end-to-end prints the same counts).
  const sections: Record<string, () => void | Promise<void>> = {
    parsing,
    understanding: printUnderstanding,
    init,
    "end-to-end": endToEnd,
    history,
    // The request and cost count alone, without the timed runs: about a minute.
    requests: async () => {
      console.log("\n## AWS requests and cost per new-case intake only");
      printRequestsAndCost(await benchRequests());
    },
  };
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !(name in sections));
  if (unknown.length > 0)
    throw new Error(`no bench section ${unknown.join(", ")}: ${Object.keys(sections).join(", ")}`);
  for (const [name, run] of Object.entries(sections))
    if (chosen.includes(name) || (chosen.length === 0 && name !== "requests")) await run();
}

await main();
