// The entry the sandbox runs in place of a function's handler file: it adds the asset-import hooks to
// this execution environment, then imports the real handler (HEED_LOCAL_HANDLER_ENTRY) and hands it on.
import { register } from "node:module";
import { pathToFileURL } from "node:url";

register(new URL("./asset-import-hooks.mjs", import.meta.url));

const entry = process.env.HEED_LOCAL_HANDLER_ENTRY;
if (!entry) throw new Error("HEED_LOCAL_HANDLER_ENTRY names no handler file");
const loaded = (await import(pathToFileURL(entry).href)) as { handler: unknown };

export const handler = loaded.handler;
