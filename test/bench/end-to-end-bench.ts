// End-to-end intakes per second through the local sandbox: emails delivered over SMTP, counted when
// the intake ledger has an outcome for each. Sequential delivery is the naive baseline; concurrent
// delivery shows what queue-based levelling and parallel execution environments buy.

import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { startTestSandbox, type TestSandbox } from "../sandbox/support/test-sandbox";
import { waitFor } from "../sandbox/support/wait-for";

export interface ThroughputFigure {
  concurrency: number;
  intakes: number;
  perSecond: number;
  cpuMsPerIntake: number;
}

function email(index: number): string {
  return [
    `From: Customer ${index} <customer${index}@example.org>`,
    "To: complaints@example.com",
    `Subject: Order ${100000 + index} has not arrived`,
    `Message-ID: <bench-${index}-${Date.now()}@example.org>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    `My order number ${100000 + index} still hasn't arrived and I am fed up. Please call me on 07700 900${String(index % 1000).padStart(3, "0")}.`,
  ].join("\r\n");
}

async function outcomes(sandbox: TestSandbox, keys: string[]): Promise<number> {
  const table = sandbox.table("case-table").name;
  let done = 0;
  for (const key of keys) {
    const { Items = [] } = await sandbox.clients.documents.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `INTAKE#mail:${key}` },
        ProjectionExpression: "outcome",
      }),
    );
    if (Items[0]?.outcome) done++;
  }
  return done;
}

async function run(
  sandbox: TestSandbox,
  count: number,
  concurrency: number,
  offset: number,
): Promise<ThroughputFigure> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const keys: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = offset + next++;
        keys.push((await sandbox.sendEml(email(index))).key);
      }
    }),
  );
  await waitFor(async () => (await outcomes(sandbox, keys)) === count, {
    timeoutMs: 300_000,
    intervalMs: 250,
    description: `${count} intake outcomes`,
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    concurrency,
    intakes: count,
    perSecond: count / seconds,
    cpuMsPerIntake: (cpu.user + cpu.system) / 1000 / count,
  };
}

export async function benchEndToEnd(count = 200): Promise<ThroughputFigure[]> {
  const sandbox = await startTestSandbox({ functionConcurrency: 4 });
  try {
    await run(sandbox, 10, 4, 0);
    const sequential = await run(sandbox, count, 1, 1_000);
    const concurrent = await run(sandbox, count, 16, 10_000);
    return [sequential, concurrent];
  } finally {
    await sandbox.stop();
  }
}
