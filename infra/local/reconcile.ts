// `npm run reconcile [-- --at <ISO time>]`: runs the reconciler's own code against the sandbox on
// HEED_DATA_DIR (running, or started for the occasion) and prints its report: inputs, new cases,
// threaded messages, suppressions and quarantine by reason, and whatever does not add up.
import { reconciler } from "../../shared/adapters/aws/wiring/reconciler";
import { clientsAtHand } from "../../shared/adapters/aws/wiring/runtime";
import { reconcile } from "../../shared/application/reconcile";
import { reconcilerEnvironment } from "../../shared/config/data-lifecycle-environment";
import { readEnvironment } from "../../shared/config/environment";
import {
  connectToSandbox,
  functionEnvironmentOf,
  parseFlags,
  runCommand,
  stderrLog,
  UsageError,
  waitForIntakeToDrain,
} from "./operations";

const USAGE = "usage: npm run reconcile [-- --at 2030-01-01T00:00:00Z]";

await runCommand(USAGE, async () => {
  const { values } = parseFlags(process.argv.slice(2), { values: ["at"], switches: [] });
  const now = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--at ${values.at} is not a time`);
  const connection = await connectToSandbox();
  try {
    const env = readEnvironment(
      reconcilerEnvironment,
      functionEnvironmentOf(connection.plan, "functions/reconciler/handler.ts"),
    );
    const report = await reconcile(
      await reconciler(
        env,
        {
          clock: { now: () => now },
          log: stderrLog,
          metrics: { publish() {} },
          casePageKey: async () => connection.secrets.current(env.CASE_PAGE_SIGNING_KEY_SECRET),
        },
        clientsAtHand(connection.clients),
      ),
    );
    console.log(JSON.stringify(report, null, 2));
    if (!report.addsUp) process.exitCode = 1;
    // A sandbox started for this command works off what was redriven before it stops.
    if (connection.startedHere && report.redriven > 0) await waitForIntakeToDrain(connection);
  } finally {
    await connection.close();
  }
});
