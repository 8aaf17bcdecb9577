// One real synthesis with bundling on: esbuild bundles every Heed function into minified ES modules (the
// entry and the chunks it imports, statically or on first use) with the AWS SDK inside and a source map
// beside each. Bundling costs seconds, so this file synthesizes
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

/** The folder beside a bundle that holds iconv-lite's code tables. */
const CODE_TABLES = "iconv-lite-tables";

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

/** Every ES module of the function's bundle: the entry and its chunks. */
function modulesOf(fn: BundledFunction): string[] {
  return readdirSync(fn.directory).filter((file) => file.endsWith(".mjs"));
}

function mapOf(fn: BundledFunction, module: string): { sources: string[]; sourcesContent?: unknown } {
  return JSON.parse(readFileSync(join(fn.directory, `${module}.map`), "utf8")) as {
    sources: string[];
    sourcesContent?: unknown;
  };
}

/** Specifiers of the bundle's static imports and of its literal dynamic `import("...")` calls. */
function importedModules(bundle: string): string[] {
  const staticImports = bundle.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"';]*?\bfrom\s*)?["']([^"']+)["']/g);
  const dynamicImports = bundle.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g);
  return [...new Set([...staticImports, ...dynamicImports].map((match) => String(match[1])))];
}

// Assertions below compare facts about each bundle, never the bundle itself: a failure would print megabytes.
describe("bundling", () => {
  it("bundles every Heed function from its own handler into an ES module that exports it", () => {
    expect(bundled).not.toHaveLength(0);
    for (const fn of bundled) {
      expect(existsSync(join(fn.directory, "index.mjs")), fn.entry).toBe(true);
      expect(fn.handler, fn.entry).toBe("index.handler");
      expect(/export\s*\{[^}]*\bas handler\b[^}]*\}/.test(bundleOf(fn)), fn.entry).toBe(true);
      expect(
        mapOf(fn, "index.mjs").sources.some((source) => source.endsWith(fn.entry)),
        fn.entry,
      ).toBe(true);
    }
  });

  it("starts every module of a bundle with the createRequire banner its CommonJS dependencies need", () => {
    for (const fn of bundled) {
      for (const module of modulesOf(fn)) {
        const [firstLine] = readFileSync(join(fn.directory, module), "utf8").split("\n", 1);
        expect(firstLine, `${fn.entry} ${module}`).toBe(
          'import { createRequire as heedCreateRequire } from "node:module"; const require = heedCreateRequire(import.meta.url);',
        );
      }
    }
  });

  it("bundles the AWS SDK and every other dependency, importing only Node built-ins and its own chunks", () => {
    for (const fn of bundled) {
      const modules = modulesOf(fn);
      expect(importedModules(bundleOf(fn)), fn.entry).toContain("node:module");
      for (const module of modules) {
        const outside = importedModules(readFileSync(join(fn.directory, module), "utf8")).filter(
          (imported) => !imported.startsWith("node:") && !modules.includes(imported.replace(/^\.\//, "")),
        );
        expect(outside, `${fn.entry} ${module}`).toEqual([]);
      }
    }
  });

  it("splits the code a handler imports on first use into chunks of their own", () => {
    const staffApi = bundled.find((fn) => fn.entry === "functions/staff-api/handler.ts");
    expect(staffApi).toBeDefined();
    if (!staffApi) return;
    const chunkImports = [...bundleOf(staffApi).matchAll(/\bimport\(\s*["']\.\/([^"']+)["']\s*\)/g)];
    expect(chunkImports.length).toBeGreaterThan(0);
    for (const [, chunk] of chunkImports) expect(modulesOf(staffApi)).toContain(chunk);
  });

  it("minifies every bundle and ships each module's source map without the sources", () => {
    for (const fn of bundled) {
      // Minified code is laid out without indentation: what leading whitespace is left belongs to strings
      // (a letter's text, a template). Line length says nothing here, since the shipped kind model is a
      // string of one feature a line.
      const code = modulesOf(fn)
        .map((module) => readFileSync(join(fn.directory, module), "utf8"))
        .join("");
      const indentation = [...code.matchAll(/^[ \t]+/gm)].reduce(
        (total, [spaces]) => total + spaces.length,
        0,
      );
      expect(indentation / code.length, fn.entry).toBeLessThan(0.01);
      for (const module of modulesOf(fn)) expect(mapOf(fn, module).sourcesContent, fn.entry).toBeUndefined();
    }
  });

  it("bundles a package that ships both module formats in one of them only", () => {
    for (const fn of bundled) {
      const formats = new Map<string, Set<string>>();
      for (const source of modulesOf(fn).flatMap((module) => mapOf(fn, module).sources)) {
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/dist\/(esm|cjs)\//.exec(source);
        if (match)
          formats.set(String(match[1]), (formats.get(String(match[1])) ?? new Set()).add(String(match[2])));
      }
      const inBoth = [...formats].filter(([, found]) => found.size > 1).map(([name]) => name);
      expect(inBoth, fn.entry).toEqual([]);
    }
  });

  it("ships nothing but the bundle's modules, their source maps and the code tables they read", () => {
    for (const fn of bundled) {
      const modules = modulesOf(fn);
      expect(modules, fn.entry).toContain("index.mjs");
      const tables = existsSync(join(fn.directory, CODE_TABLES)) ? [CODE_TABLES] : [];
      expect(readdirSync(fn.directory).sort(), fn.entry).toEqual(
        [...modules, ...modules.map((module) => `${module}.map`), ...tables].sort(),
      );
    }
  });

  it("keeps iconv-lite's code tables as files beside the bundle that parses mail, read on first use", () => {
    const inboundEmail = bundled.find((fn) => fn.entry === "functions/inbound-email/handler.ts");
    expect(inboundEmail).toBeDefined();
    if (!inboundEmail) return;
    const code = modulesOf(inboundEmail).map((module) =>
      readFileSync(join(inboundEmail.directory, module), "utf8"),
    );
    const required = [
      ...new Set(
        code.flatMap((text) => [...text.matchAll(/\(\s*"\.\/iconv-lite-tables\/([\w-]+\.json)"\s*\)/g)]),
      ),
    ].map((match) => String(match[1]));
    expect(required).toEqual(expect.arrayContaining(["cp936.json", "shiftjis.json", "eucjp.json"]));
    expect(readdirSync(join(inboundEmail.directory, CODE_TABLES)).sort()).toEqual(
      [...new Set(required)].sort(),
    );
    // No table is compiled into the bundle itself.
    expect(code.join("\n")).not.toContain('["8140","');
  });
});
