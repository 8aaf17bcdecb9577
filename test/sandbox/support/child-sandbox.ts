// The sandbox as `npm start` runs it, in a process of its own that a test can kill outright, with one
// fault held open so that work is sure to be in flight when it dies: every case write for a sender
// whose address contains HEED_TEST_HANG never returns.
import { startSandbox } from "../../../infra/local/sandbox";
import { settingsFromEnv } from "../../../infra/local/settings";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const sandbox = await startSandbox({ ...settingsFromEnv(), faults: true, onFunctionLog: () => {} });
const hang = process.env.HEED_TEST_HANG;
if (hang)
  sandbox.faults?.inject({ service: "dynamodb", operations: ["PutItem"], matching: hang, fault: "hang" });
console.log("Heed is running");
