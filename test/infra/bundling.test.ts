// One real synthesis with bundling on: esbuild bundles every Heed function into a minified ES module
// with the AWS SDK inside and a source map beside it. Bundling costs seconds, so this file synthesizes
// exactly once, leaving cdk-nag and CloudFormation's validation to their own test and to `cdk synth`.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHeedApp } from "../../infra/heed-app";
import type { Resources } from "./heed-template";

interface BundledFunction {
  readonly entry: string;
  readonly handler: string;
  readonly directory: string;
}

let assemblyDirectory = "";
let bundled: BundledFunction[] = [];

beforeAll(() => {
  const { app, stack } = buildHeedApp({}, { awsSolutionsChecks: false, cloudFormationValidation: false });
  const assembly = app.synth();
  assemblyDirectory = assembly.directory;
  const resources = assembly.getStackByName(stack.stackName).template.Resources as Resources;
  bundled = Object.values(resources)
    .filter((resource) => resource.Type === "AWS::Lambda::Function" && resource.Metadata?.["heed:entry"])
    .map((fn) => {
      const s3Key = String((fn.Properties.Code as { S3Key: string }).S3Key);
      return {
        entry: String(fn.Metadata?.["heed:entry"]),
        handler: String(fn.Properties.Handler),
        directory: join(assemblyDirectory, `asset.${s3Key.replace(/\.zip$/, "")}`),
      };
    });
}, 120_000);

afterAll(() => {
  // Without an outdir the app synthesizes into a fresh temporary directory of its own.
  if (assemblyDirectory) rmSync(assemblyDirectory, { recursive: true, force: true });
});

function bundleOf(fn: BundledFunction): string {
  return readFileSync(join(fn.directory, "index.mjs"), "utf8");
}

/** Specifiers of the bundle's static imports and of its literal dynamic `import("...")` calls. */
function importedModules(bundle: string): string[] {
  const staticImports = bundle.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"';]*?\bfrom\s*)?["']([^"']+)["']/g);
  const dynamicImports = bundle.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g);
  return [...new Set([...staticImports, ...dynamicImports].map((match) => String(match[1])))];
}

// Assertions below compare facts about each bundle, never the bundle itself: a failure would print megabytes.
describe("bundling", () => {
  it("bundles every Heed function into an ES module that exports its handler", () => {
    expect(bundled).not.toHaveLength(0);
    for (const fn of bundled) {
      expect(existsSync(join(fn.directory, "index.mjs")), fn.entry).toBe(true);
      expect(fn.handler, fn.entry).toBe("index.handler");
      expect(/export\s*\{[^}]*\bas handler\b[^}]*\}/.test(bundleOf(fn)), fn.entry).toBe(true);
    }
  });

  it("starts every bundle with the createRequire banner its CommonJS dependencies need", () => {
    for (const fn of bundled) {
      const [firstLine] = bundleOf(fn).split("\n", 1);
      expect(firstLine, fn.entry).toBe(
        'import { createRequire as heedCreateRequire } from "node:module"; const require = heedCreateRequire(import.meta.url);',
      );
    }
  });

  it("bundles the AWS SDK and every other dependency, importing only Node built-ins", () => {
    for (const fn of bundled) {
      const modules = importedModules(bundleOf(fn));
      expect(modules, fn.entry).toContain("node:module");
      expect(
        modules.filter((module) => !module.startsWith("node:")),
        fn.entry,
      ).toEqual([]);
    }
  });

  it("minifies every bundle and ships its source map without the sources", () => {
    for (const fn of bundled) {
      const bundle = bundleOf(fn);
      const averageLineLength = bundle.length / bundle.split("\n").length;
      const map = JSON.parse(readFileSync(join(fn.directory, "index.mjs.map"), "utf8")) as Record<
        string,
        unknown
      >;
      expect(averageLineLength, fn.entry).toBeGreaterThan(1000);
      expect(map.sourcesContent, fn.entry).toBeUndefined();
    }
  });

  it("bundles a package that ships both module formats in one of them only", () => {
    for (const fn of bundled) {
      const map = JSON.parse(readFileSync(join(fn.directory, "index.mjs.map"), "utf8")) as {
        sources: string[];
      };
      const formats = new Map<string, Set<string>>();
      for (const source of map.sources) {
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/dist\/(esm|cjs)\//.exec(source);
        if (match)
          formats.set(String(match[1]), (formats.get(String(match[1])) ?? new Set()).add(String(match[2])));
      }
      const inBoth = [...formats].filter(([, found]) => found.size > 1).map(([name]) => name);
      expect(inBoth, fn.entry).toEqual([]);
    }
  });

  it("ships nothing but the bundle and its source map", () => {
    for (const fn of bundled) {
      expect(readdirSync(fn.directory).sort(), fn.entry).toEqual(["index.mjs", "index.mjs.map"]);
    }
  });
});
