// Bundles one handler with esbuild, in a process of its own because esbuild runs plugins only in its
// asynchronous build while CDK bundles synchronously: HandlerBundling hands it the build options and the
// modules to replace as JSON on standard input. Run as `node --import tsx bundle-handler.ts`.

import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type BuildOptions, build } from "esbuild";
import {
  CODE_TABLES_FOLDER,
  codeTablesBesideBundle,
  doubleByteCodecsByTheirTables,
  replaceModules,
} from "./bundle-plugins";

export interface BundleRequest {
  readonly options: BuildOptions;
  /** Source code that stands in for a module, by the module's absolute path. */
  readonly replacements: Readonly<Record<string, string>>;
}

const request = JSON.parse(readFileSync(0, "utf8")) as BundleRequest;
const tables = new Set<string>();
await build({
  ...request.options,
  plugins: [
    replaceModules(request.replacements),
    codeTablesBesideBundle(tables),
    doubleByteCodecsByTheirTables(),
  ],
});
if (tables.size > 0) {
  const folder = join(String(request.options.outdir), CODE_TABLES_FOLDER);
  mkdirSync(folder, { recursive: true });
  for (const table of tables) copyFileSync(table, join(folder, basename(table)));
}
