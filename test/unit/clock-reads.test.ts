// The lint rule that keeps the system clock in adapters (lint/clock-reads.grit, scoped in biome.json):
// probe files laid out like the repository are linted with the repository's own configuration, so a
// glob that stops matching, or a pattern that misses a way of reading the clock, fails here.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const biome = join(root, "node_modules/.bin/biome");

const clockReads = {
  "date-now-call.ts": "export const at = () => Date.now();",
  "date-now-reference.ts": "export const clock = { now: Date.now };",
  "new-date-empty.ts": "export const at = () => new Date();",
  "new-date-bare.ts": "export const at = () => new Date;",
};
const fixedInstants =
  "export const at = [new Date(0), new Date('2026-11-30T10:30:00Z'), Date.parse('2026-11-30')];";

/** The files biome flags with the clock rule, relative to the probe folder. */
function flagged(files: Record<string, string>): string[] {
  const folder = mkdtempSync(join(tmpdir(), "heed-clock-reads-"));
  try {
    const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
    delete config.$schema;
    config.vcs = { enabled: false };
    config.plugins = config.plugins.map((plugin: { path: string }) => ({
      ...plugin,
      path: join(root, plugin.path),
    }));
    writeFileSync(join(folder, "biome.json"), JSON.stringify(config));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), `${text}\n`);
    }
    const report = lint(folder);
    return report.diagnostics
      .filter((diagnostic) => diagnostic.category === "plugin")
      .map((diagnostic) => diagnostic.location.path)
      .sort();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface LintReport {
  diagnostics: { category: string; location: { path: string } }[];
}

function lint(folder: string): LintReport {
  try {
    return JSON.parse(
      execFileSync(biome, ["lint", "--reporter=json", "."], { cwd: folder, stdio: "pipe" }).toString(),
    );
  } catch (error) {
    // biome exits 1 when it reports errors; the report is still on stdout.
    const stdout = (error as { stdout?: Buffer }).stdout?.toString();
    if (!stdout) throw error;
    return JSON.parse(stdout);
  }
}

function under(folder: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text]));
}

describe("reading the system clock", () => {
  let results: string[];
  const forbiddenIn = ["shared/domain", "shared/application/staff-work", "functions/web-form", "test/unit"];

  beforeAll(() => {
    results = flagged({
      ...Object.assign({}, ...forbiddenIn.map((folder) => under(folder, clockReads))),
      ...under("shared/adapters/aws", clockReads),
      "shared/adapters/system-clock.ts": clockReads["new-date-empty.ts"],
      "shared/application/fixed.ts": fixedInstants,
      "infra/local/runtime.ts": clockReads["date-now-call.ts"],
      "test/sandbox/wait.test.ts": clockReads["date-now-call.ts"],
    });
  });

  it.each(forbiddenIn)("is reported in %s, however the clock is read", (folder) => {
    expect(results.filter((path) => path.startsWith(`${folder}/`))).toEqual(
      Object.keys(clockReads)
        .map((name) => `${folder}/${name}`)
        .sort(),
    );
  });

  it("is allowed in adapters, the local runtime and the sandbox tests", () => {
    expect(results.filter((path) => /^(shared\/adapters|infra|test\/sandbox)\//.test(path))).toEqual([]);
  });

  it("leaves fixed instants alone", () => {
    expect(results).not.toContain("shared/application/fixed.ts");
  });
});
