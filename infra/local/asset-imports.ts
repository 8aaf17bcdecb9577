// Function bundles may import static files as bytes (`with { type: "bytes" }`), which esbuild supports
// and Node does not. The sandbox runs each function through a small entry that registers a hook for
// such imports in the function's own worker thread before it loads the real handler.
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { LocalFunction } from "./resource-plan";

const ENTRY = fileURLToPath(new URL("./asset-import-entry.ts", import.meta.url));

/** The functions, each started through the asset-import entry (handlers exported as `handler` only). */
export function withAssetImports(functions: readonly LocalFunction[], repoRoot: string): LocalFunction[] {
  return functions.map((fn) =>
    fn.handlerExport === "handler"
      ? {
          ...fn,
          entry: relative(repoRoot, ENTRY),
          environment: { ...fn.environment, HEED_LOCAL_HANDLER_ENTRY: join(repoRoot, fn.entry) },
        }
      : fn,
  );
}
