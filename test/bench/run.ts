// `npm run bench`: prints Heed's figures beside a naive configuration measured in the same run, with
// the ratio and the budget from the design. Never fails on timing; only a crash exits non-zero.

import { benchEndToEnd } from "./end-to-end-bench";
import { benchParsing } from "./parse-bench";
import { evaluateUnderstanding } from "./understanding-eval";

function row(cells: (string | number)[]): string {
  return cells.map((cell) => String(typeof cell === "number" ? cell.toFixed(2) : cell).padEnd(22)).join("");
}

async function main(): Promise<void> {
  console.log("MIME parsing (ms)");
  console.log(row(["message", "heed p50/p99", "naive p50/p99", "ratio p50", "budget (20 KB)"]));
  for (const figure of await benchParsing()) {
    console.log(
      row([
        figure.name,
        `${figure.heed.p50.toFixed(2)} / ${figure.heed.p99.toFixed(2)}`,
        `${figure.naive.p50.toFixed(2)} / ${figure.naive.p99.toFixed(2)}`,
        figure.naive.p50 / figure.heed.p50,
        "<= 1.0 p50, <= 5 p99",
      ]),
    );
  }

  console.log("\nUnderstanding, on the labelled evaluation set (test/evaluation/messages.json)");
  console.log(row(["metric", "precision", "recall"]));
  for (const figure of evaluateUnderstanding())
    console.log(row([figure.metric, figure.precision, figure.recall]));

  console.log("\nEnd to end through the local sandbox (SMTP → S3 → SQS → intake → DynamoDB, SQS, SES)");
  console.log(row(["delivery", "intakes/s", "cpu ms/intake", "vs sequential", "budget"]));
  const [sequential, ...others] = await benchEndToEnd();
  for (const figure of [sequential, ...others]) {
    if (!figure || !sequential) continue;
    console.log(
      row([
        figure.concurrency === 1 ? "sequential (naive)" : `${figure.concurrency} at once`,
        figure.perSecond,
        figure.cpuMsPerIntake,
        figure.perSecond / sequential.perSecond,
        ">= 250/s, <= 4 ms",
      ]),
    );
  }
}

await main();
