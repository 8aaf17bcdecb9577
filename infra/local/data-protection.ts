// `npm run data-protection -- <command>`: subject access, erasure and legal holds against the sandbox on
// HEED_DATA_DIR, with the same code as the staff API's head-office routes.
//   search --email <address> [--phone <number>]       what is held, by case and input
//   export --email <address> [--phone <number>] --out <folder>
//                                                     bundle.json plus raw/<n>.eml, the messages as received
//   erase  --email <address> [--phone <number>] --confirm
//   hold   --case <reference> --reason <text>          place a legal hold;  release-hold --case <reference>
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { subjectRights } from "../../shared/adapters/aws/wiring/data-lifecycle";
import { clientsAtHand } from "../../shared/adapters/aws/wiring/runtime";
import { systemClock } from "../../shared/adapters/system-clock";
import {
  type DataProtectionDependencies,
  erasePersonalData,
  exportPersonalData,
  findPersonalData,
  setLegalHold,
} from "../../shared/application/data-protection";
import { readEnvironment } from "../../shared/config/environment";
import { staffApiEnvironment } from "../../shared/config/staff-environment";
import {
  connectToSandbox,
  functionEnvironmentOf,
  parseFlags,
  runCommand,
  type SandboxConnection,
  stderrLog,
  UsageError,
} from "./operations";

const USAGE = `usage: npm run data-protection -- search|export|erase|hold|release-hold [flags]
  search --email <address> [--phone <number>]
  export --email <address> [--phone <number>] --out <folder>
  erase  --email <address> [--phone <number>] --confirm
  hold --case <reference> --reason <text>
  release-hold --case <reference>`;

function dependencies(connection: SandboxConnection): DataProtectionDependencies {
  const env = readEnvironment(
    staffApiEnvironment,
    functionEnvironmentOf(connection.plan, "functions/staff-api/handler.ts"),
  );
  return subjectRights(env, clientsAtHand(connection.clients), { clock: systemClock, log: stderrLog });
}

await runCommand(USAGE, async () => {
  const [command, ...args] = process.argv.slice(2);
  const { values, switches } = parseFlags(args, {
    values: ["email", "phone", "out", "case", "reason"],
    switches: ["confirm"],
  });
  const subject = { email: values.email, phone: values.phone };
  const connection = await connectToSandbox();
  try {
    const deps = dependencies(connection);
    switch (command) {
      case "search":
        console.log(JSON.stringify(await findPersonalData(subject, deps), null, 2));
        break;
      case "export": {
        if (!values.out) throw new UsageError("export needs --out <folder>");
        const bundle = await exportPersonalData(subject, deps);
        const folder = resolve(values.out);
        mkdirSync(join(folder, "raw"), { recursive: true });
        for (const [index, message] of bundle.rawMessages.entries()) {
          writeFileSync(join(folder, "raw", `${index + 1}.eml`), message.mime);
        }
        const files = bundle.rawMessages.map((message, index) => ({
          key: message.key,
          file: `raw/${index + 1}.eml`,
        }));
        writeFileSync(
          join(folder, "bundle.json"),
          JSON.stringify({ ...bundle, rawMessages: files }, null, 2),
        );
        console.log(`wrote ${join(folder, "bundle.json")} and ${files.length} raw message(s)`);
        break;
      }
      case "erase":
        if (!switches.has("confirm")) throw new UsageError("erase deletes data for good: add --confirm");
        console.log(JSON.stringify(await erasePersonalData(subject, deps), null, 2));
        break;
      case "hold":
      case "release-hold": {
        if (!values.case) throw new UsageError(`${command} needs --case <reference>`);
        if (command === "hold" && !values.reason) throw new UsageError("hold needs --reason <text>");
        const hold =
          command === "hold"
            ? { by: "npm run data-protection", at: new Date().toISOString(), reason: values.reason ?? "" }
            : undefined;
        console.log(JSON.stringify(await setLegalHold(values.case, hold, deps)));
        break;
      }
      default:
        throw new UsageError(`unknown command ${command ?? "(none)"}`);
    }
  } finally {
    await connection.close();
  }
});
