// The layers stay layers: no import circle anywhere in shared/ or functions/ (type-only imports count,
// since they say which module a reader must understand first), the domain imports no configuration,
// application or adapter, and configuration only loads files against the domain's schemas. Imports are
// read with the TypeScript compiler's own pre-processor, so the test sees what the compiler sees.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The repository-relative TypeScript files a file imports, re-exports or dynamically imports. */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), "utf8"), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith("."))
    .flatMap((specifier) => {
      const base = resolve(ROOT, dirname(file), specifier);
      const found = [`${base}.ts`, join(base, "index.ts")].find(
        (path) => existsSync(path) && statSync(path).isFile(),
      );
      return found ? [relative(ROOT, found)] : [];
    });
}

const files = [...sourceFiles("shared"), ...sourceFiles("functions")];
const graph = new Map(files.map((file) => [file, localImports(file)]));

/** Every circle as the files on it, found with Tarjan's strongly connected components. */
function circles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    lowest.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowest.set(file, Math.min(lowest.get(file) ?? 0, lowest.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowest.set(file, Math.min(lowest.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowest.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || edges.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** Imports from files under `from` of files under any of `forbidden`, as "importer -> imported". */
function importsAcross(from: string, forbidden: readonly string[]): string[] {
  return [...graph]
    .filter(([file]) => file.startsWith(from))
    .flatMap(([file, imports]) =>
      imports
        .filter((target) => forbidden.some((layer) => target.startsWith(layer)))
        .map((target) => `${file} -> ${target}`),
    );
}

describe("import layers", () => {
  it("reads the imports of every file, so a test that finds nothing has looked", () => {
    expect(graph.get("shared/config/policy.ts")).toContain("shared/domain/policy/organisation-policy.ts");
    expect(files.length).toBeGreaterThan(100);
  });

  it("finds a circle when there is one", () => {
    const circle = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(circles(circle)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("has no import circle under shared/ or functions/", () => {
    expect(circles(graph)).toEqual([]);
  });

  it("keeps the domain free of configuration, application and adapters", () => {
    expect(
      importsAcross("shared/domain/", ["shared/config/", "shared/application/", "shared/adapters/"]),
    ).toEqual([]);
  });

  it("lets configuration load files against the domain's schemas and nothing more", () => {
    expect(
      importsAcross("shared/config/", ["shared/application/", "shared/adapters/", "functions/"]),
    ).toEqual([]);
  });

  it("keeps the application behind the ports, away from adapters and handlers", () => {
    expect(importsAcross("shared/application/", ["shared/adapters/", "functions/"])).toEqual([]);
  });
});
