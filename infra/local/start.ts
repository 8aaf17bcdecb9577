// `npm start`: runs the local sandbox with the HEED_* settings from the environment, prints one line
// per service, and stops it cleanly on Ctrl-C or SIGTERM.
import { startSandbox } from "./sandbox";
import { settingsFromEnv } from "./settings";

// Lambda runs Node 22; the AWS SDK's warning about this machine's Node 20 would only add noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

try {
  const sandbox = await startSandbox(settingsFromEnv());
  console.log(
    [
      "",
      "Heed is running. Ctrl-C stops it.",
      `  Send a complaint by email:  npm run send -- test/fixtures/email/late-delivery.eml`,
      `  Or use the contact form:    ${sandbox.urls.http}/`,
      `  Read what Heed sent:        ${sandbox.urls.sesViewer}`,
    ].join("\n"),
  );
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox…`);
    await sandbox.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
