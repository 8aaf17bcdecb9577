// `npm run understanding:export [-- --out <file>]`: writes every case whose kind or signals staff
// corrected, from the sandbox on HEED_DATA_DIR, as labelled examples in the labelled-set format (to a
// file, or to standard output), so the organisation can grow its own evaluation set from them.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbCaseTableInventory } from "../../shared/adapters/aws/dynamodb-case-table-inventory";
import { exportCorrectedExamples } from "../../shared/application/understanding-export";
import { readEnvironment } from "../../shared/config/environment";
import { staffApiEnvironment } from "../../shared/config/staff-environment";
import { connectToSandbox, functionEnvironmentOf, parseFlags, runCommand } from "./operations";

const USAGE = "usage: npm run understanding:export [-- --out test/evaluation/dev/corrections.json]";

await runCommand(USAGE, async () => {
  const { values } = parseFlags(process.argv.slice(2), { values: ["out"], switches: [] });
  const connection = await connectToSandbox();
  try {
    const env = readEnvironment(
      staffApiEnvironment,
      functionEnvironmentOf(connection.plan, "functions/staff-api/handler.ts"),
    );
    const { documents } = connection.clients;
    const file = await exportCorrectedExamples({
      inventory: new DynamoDbCaseTableInventory(documents, env.CASE_TABLE_NAME),
      cases: new DynamoDbCaseStore(documents, env.CASE_TABLE_NAME),
    });
    const json = `${JSON.stringify(file, null, 2)}\n`;
    if (values.out) {
      writeFileSync(resolve(values.out), json);
      console.error(`${file.messages.length} corrected cases written to ${values.out}`);
    } else {
      process.stdout.write(json);
    }
  } finally {
    await connection.close();
  }
});
