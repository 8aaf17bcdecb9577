// Module hooks that load `import x from "./file" with { type: "bytes" }` as a Uint8Array, as esbuild
// does when it bundles a function, so handlers that bundle static files run unchanged in the sandbox.
import { readFile } from "node:fs/promises";

export async function load(url, context, nextLoad) {
  if (context.importAttributes?.type !== "bytes") return nextLoad(url, context);
  const base64 = (await readFile(new URL(url))).toString("base64");
  return {
    format: "module",
    source: `export default new Uint8Array(Buffer.from(${JSON.stringify(base64)}, "base64"));`,
    shortCircuit: true,
  };
}
