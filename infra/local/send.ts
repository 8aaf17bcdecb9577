// `npm run send -- file.eml [more.eml]`: delivers .eml files to the running sandbox over SMTP, to
// HEED_INTAKE_ADDRESS on HEED_SMTP_PORT, exactly as they are on disk.
import { readFile } from "node:fs/promises";
import { deliverRawMail } from "./mail-delivery";
import { DEFAULTS, settingsFromEnv } from "./settings";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: npm run send -- message.eml [more.eml ...]");
  process.exitCode = 2;
} else {
  const options = settingsFromEnv();
  const port = options.smtpPort ?? DEFAULTS.smtpPort;
  const to = options.intakeAddress ?? DEFAULTS.intakeAddress;
  for (const file of files) {
    try {
      const reply = await deliverRawMail({ raw: await readFile(file), port, to });
      console.log(`${file}: ${reply}`);
    } catch (error) {
      console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
}
