// `npm run redrive -- --queue <intake | referral level | role> [--dry-run]`: moves the messages parked in
// that queue's dead-letter queue back to it, in the sandbox on HEED_DATA_DIR. In AWS, use
// `aws sqs start-message-move-task` (see the README's runbook).
import { deadLetterRoute, redriveDeadLetters } from "./dead-letter-redrive";
import { connectToSandbox, parseFlags, runCommand, UsageError, waitForIntakeToDrain } from "./operations";

const USAGE =
  "usage: npm run redrive -- --queue <intake | frontline | supervisor | management | head-office> [--dry-run]";

await runCommand(USAGE, async () => {
  const { values, switches } = parseFlags(process.argv.slice(2), {
    values: ["queue"],
    switches: ["dry-run"],
  });
  if (!values.queue) throw new UsageError("--queue is required");
  const connection = await connectToSandbox();
  try {
    const report = await redriveDeadLetters(
      connection.clients.sqs,
      deadLetterRoute(connection.plan, values.queue),
      {
        dryRun: switches.has("dry-run"),
      },
    );
    console.log(JSON.stringify(report, null, 2));
    if (connection.startedHere && report.moved > 0) await waitForIntakeToDrain(connection);
  } finally {
    await connection.close();
  }
});
