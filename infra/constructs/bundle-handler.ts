// Bundles one handler with esbuild, in a process of its own because esbuild runs plugins only in its
// asynchronous build while CDK bundles synchronously: HandlerBundling hands it the build options and the
// modules to replace as JSON on standard input. Run as `node --import tsx bundle-handler.ts`.

import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type BuildOptions, build, type Plugin } from "esbuild";

export interface BundleRequest {
  readonly options: BuildOptions;
  /** Source code that stands in for a module, by the module's absolute path. */
  readonly replacements: Readonly<Record<string, string>>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Loads each module of `replacements` as the code given for it instead of its file. */
function replaceModules(replacements: Readonly<Record<string, string>>): Plugin {
  return {
    name: "heed-replace-modules",
    setup(esbuild) {
      const paths = Object.keys(replacements);
      if (paths.length === 0) return;
      esbuild.onLoad({ filter: new RegExp(`^(?:${paths.map(escapeRegExp).join("|")})$`) }, (module) => ({
        contents: replacements[module.path],
        loader: "js",
        resolveDir: dirname(module.path),
      }));
    },
  };
}

/** Where a bundle keeps iconv-lite's code tables, beside its modules. */
const CODE_TABLES_FOLDER = "iconv-lite-tables";

/**
 * iconv-lite requires each multi-byte charset's code table (over 400 KB of JSON in all) only when a codec
 * for it is first asked for. Bundled, every table would still be read and compiled with the bundle at each
 * cold start; kept as files beside the bundle, the bundle's require (Node's own, from the module banner)
 * reads one with JSON.parse when a message in that charset needs it. Collects the tables it keeps out.
 */
function codeTablesBesideBundle(tables: Set<string>): Plugin {
  return {
    name: "heed-code-tables-beside-bundle",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\/tables\/[\w-]+\.json$/ }, (module) => {
        if (!/[\\/]node_modules[\\/]iconv-lite[\\/]encodings$/.test(module.resolveDir)) return undefined;
        tables.add(join(module.resolveDir, module.path));
        return { path: `./${CODE_TABLES_FOLDER}/${basename(module.path)}`, external: true };
      });
    },
  };
}

const request = JSON.parse(readFileSync(0, "utf8")) as BundleRequest;
const tables = new Set<string>();
await build({
  ...request.options,
  plugins: [replaceModules(request.replacements), codeTablesBesideBundle(tables)],
});
if (tables.size > 0) {
  const folder = join(String(request.options.outdir), CODE_TABLES_FOLDER);
  mkdirSync(folder, { recursive: true });
  for (const table of tables) copyFileSync(table, join(folder, basename(table)));
}
