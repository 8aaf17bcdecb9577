// Function init: each function bundled exactly as the deployment bundles it (a real CDK synthesis with
// esbuild), the size raw and gzipped of the modules a cold start loads (the entry and the chunks it
// imports statically; chunks imported on first use are left out), and how long Node takes to import it over a bare `node -e 0`, with
// the function's own NODE_OPTIONS as deployed and without source maps; against the unbundled handler
// imported through tsx (over `node --import tsx -e 0`). Runs are interleaved and the median is kept.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { buildHeedApp } from "../../infra/heed-app";
import { type CloudFormationTemplate, planLocalResources } from "../../infra/local/resource-plan";
import { percentile } from "./stats";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The one function that parses mail gets a larger init budget (design §5). */
const MAIL_PARSING_FUNCTIONS = new Set(["inbound-email"]);

export interface InitFigure {
  /** The folder under functions/. */
  name: string;
  /** The modules a cold start loads: the entry and the chunks it imports statically. */
  bundleBytes: number;
  gzipBytes: number;
  sourceMapBytes: number;
  /** Every module of the bundle, chunks imported on first use included. */
  assetBytes: number;
  /** Import time over bare Node, with the function's NODE_OPTIONS (source maps on) as deployed. */
  deployedMs: number;
  /** The same bundle without --enable-source-maps. */
  withoutSourceMapsMs: number;
  /** The handler's TypeScript imported through tsx, unbundled. */
  unbundledMs: number;
  budgetMs: number;
  /** Why a configuration could not be imported, by configuration; its figure is then NaN. */
  errors: Record<string, string>;
}

interface BundledFunction {
  name: string;
  entry: string;
  bundle: string;
  environment: Record<string, string>;
}

interface Bundles {
  /** The cloud assembly the synthesis wrote, removed once the figures are taken. */
  directory: string;
  functions: BundledFunction[];
}

/**
 * Run as a script (`CDK_OUTDIR=<dir> node --import tsx init-bench.ts bundle`): synthesizes the stack
 * with bundling on into the given directory (CDK removes its own temporary ones when the process
 * exits) and prints each Heed function's bundle and resolved environment as JSON. A process of its own
 * keeps esbuild's chatter out of the bench's output.
 */
function bundle(): Bundles {
  const { app, stack } = buildHeedApp({}, { awsSolutionsChecks: false, cloudFormationValidation: false });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as CloudFormationTemplate;
  const plan = planLocalResources(template, {
    stackName: stack.stackName,
    region: "eu-west-1",
    accountId: "000000000000",
    queueUrl: (name) => `https://sqs.eu-west-1.amazonaws.com/000000000000/${name}`,
  });
  const functions = plan.functions.map((fn) => {
    const code = template.Resources[fn.logicalId]?.Properties?.Code as { S3Key?: string } | undefined;
    const asset = join(assembly.directory, `asset.${String(code?.S3Key).replace(/\.zip$/, "")}`);
    return {
      name: basename(dirname(fn.entry)),
      entry: join(REPO_ROOT, fn.entry),
      bundle: join(asset, "index.mjs"),
      environment: fn.environment,
    };
  });
  return { directory: assembly.directory, functions };
}

/** The entry module and every chunk it imports statically, transitively: what a cold start reads. */
function modulesLoadedAtStart(entry: string, loaded = new Set<string>()): Set<string> {
  if (loaded.has(entry)) return loaded;
  loaded.add(entry);
  const code = readFileSync(entry, "utf8");
  for (const [, chunk] of code.matchAll(
    /(?:^|[;\n}])\s*import\s*(?:[^"';]*?\bfrom\s*)?["'](\.\/[^"']+)["']/g,
  ))
    modulesLoadedAtStart(join(dirname(entry), String(chunk)), loaded);
  return loaded;
}

function sizes(
  bundle: string,
): Pick<InitFigure, "bundleBytes" | "gzipBytes" | "sourceMapBytes" | "assetBytes"> {
  const atStart = [...modulesLoadedAtStart(bundle)];
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  return {
    bundleBytes: atStart.reduce((total, file) => total + size(file), 0),
    gzipBytes: gzipSync(Buffer.concat(atStart.map((file) => readFileSync(file)))).length,
    sourceMapBytes: atStart.reduce((total, file) => total + size(`${file}.map`), 0),
    assetBytes: readdirSync(dirname(bundle))
      .filter((file) => file.endsWith(".mjs"))
      .reduce((total, file) => total + size(join(dirname(bundle), file)), 0),
  };
}

function bundledFunctions(): Bundles {
  const directory = mkdtempSync(join(tmpdir(), "heed-bench-assembly-"));
  const result = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "bundle"], {
    cwd: REPO_ROOT,
    env: { ...process.env, CDK_OUTDIR: directory },
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) {
    rmSync(directory, { recursive: true, force: true });
    throw new Error(`bundling failed: ${result.stderr.trim().split("\n").slice(-5).join(" ")}`);
  }
  return JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}") as Bundles;
}

interface Start {
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Wall time of a whole Node process, start to exit; throws with its stderr when it fails. */
function timeProcess(start: Start): number {
  const began = process.hrtime.bigint();
  const result = spawnSync(process.execPath, start.args, {
    cwd: REPO_ROOT,
    env: start.env,
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  if (result.status !== 0) {
    const lines = result.stderr.split("\n");
    throw new Error(lines.find((line) => /Error\b/.test(line))?.trim() ?? `exit ${result.status}`);
  }
  return ms;
}

function importing(url: string, env: NodeJS.ProcessEnv, preload: string[] = []): Start {
  return { args: [...preload, "--input-type=module", "-e", `await import(${JSON.stringify(url)});`], env };
}

export function benchInit(runs = 5): InitFigure[] {
  const { directory, functions } = bundledFunctions();
  try {
    // What Lambda provides before the handler loads: a region, credentials and its own variables.
    const lambda = (fn: BundledFunction): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKIDBENCH",
      AWS_SECRET_ACCESS_KEY: "bench",
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...fn.environment,
    });
    const bare: Start = { args: ["-e", "0"], env: { PATH: process.env.PATH } };
    const bareTsx: Start = { args: ["--import", "tsx", "-e", "0"], env: { PATH: process.env.PATH } };
    const figures: InitFigure[] = [];
    for (const fn of functions) {
      const { NODE_OPTIONS: _deployedOptions, ...withoutSourceMaps } = lambda(fn);
      const starts = {
        bare,
        deployed: importing(pathToFileURL(fn.bundle).href, lambda(fn)),
        withoutSourceMaps: importing(pathToFileURL(fn.bundle).href, withoutSourceMaps),
        bareTsx,
        unbundled: importing(pathToFileURL(fn.entry).href, withoutSourceMaps, ["--import", "tsx"]),
      };
      const samples = Object.fromEntries(Object.keys(starts).map((key) => [key, [] as number[]])) as Record<
        keyof typeof starts,
        number[]
      >;
      const figure: InitFigure = {
        name: fn.name,
        ...sizes(fn.bundle),
        deployedMs: Number.NaN,
        withoutSourceMapsMs: Number.NaN,
        unbundledMs: Number.NaN,
        budgetMs: MAIL_PARSING_FUNCTIONS.has(fn.name) ? 180 : 150,
        errors: {},
      };
      // A first start fills the file cache (and tsx's transform cache); one that fails drops out.
      const working = Object.entries(starts).filter(([key, start]) => {
        try {
          timeProcess(start);
          return true;
        } catch (error) {
          figure.errors[key] = error instanceof Error ? error.message : String(error);
          return false;
        }
      });
      for (let run = 0; run < runs; run++) {
        for (const [key, start] of working) samples[key as keyof typeof starts].push(timeProcess(start));
      }
      const median = (key: keyof typeof starts) => percentile(samples[key], 50);
      figure.deployedMs = median("deployed") - median("bare");
      figure.withoutSourceMapsMs = median("withoutSourceMaps") - median("bare");
      figure.unbundledMs = median("unbundled") - median("bareTsx");
      figures.push(figure);
    }
    return figures;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[2] === "bundle" && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`\n${JSON.stringify(bundle())}\n`);
}
