// The policy files are checked when the functions are bundled: a deployed bundle carries each file as its
// schema returned it and parses no schema at start, and a file that fails its check stops the bundling
// (and so synthesis and deployment) with the file's name and each problem.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  checkedPolicyModules,
  PolicyCheckError,
  type ReadPolicyFile,
} from "../../infra/constructs/checked-policies";
import { defaultCommunicationPolicy } from "../../shared/config/communication-policy";
import { selectRulePack } from "../../shared/config/complaint-rules";
import { defaultPolicy } from "../../shared/config/policy";
import { CATALOGUES } from "../../shared/domain/templates/catalogues";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const shipped: ReadPolicyFile = (file) => JSON.parse(readFileSync(join(REPO_ROOT, file), "utf8"));

/** The shipped files, with `file` read as `content` instead. */
function withFile(
  file: string,
  content: (shippedContent: Record<string, unknown>) => unknown,
): ReadPolicyFile {
  return (path) => (path === file ? content(shipped(path) as Record<string, unknown>) : shipped(path));
}

/** A replacement module's exports, by importing its code as a data: URL. */
async function exportsOf(code: string): Promise<Record<string, unknown>> {
  return (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<string, unknown>;
}

function moduleFor(modules: Record<string, string>, loader: string): string {
  const code = modules[join(REPO_ROOT, loader)];
  if (code === undefined) throw new Error(`no replacement for ${loader}`);
  return code;
}

/** The rule-pack module a deployed bundle gets, bundled on its own and imported with `env` set. */
async function deployedRulePack(env: Record<string, string>): Promise<unknown> {
  const [output] = buildSync({
    stdin: {
      contents: moduleFor(checkedPolicyModules(), "shared/config/complaint-rules.ts"),
      resolveDir: REPO_ROOT,
    },
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
  }).outputFiles;
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  // Imported once per environment: an import of the same code would be the module already loaded.
  const module = await exportsOf(`${output?.text ?? ""}\n// ${JSON.stringify(env)}`);
  return module.selectedRulePack;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("policy files checked at bundling", () => {
  it("lets the deployment's variables choose among the packs checked at bundling, as the loader does", async () => {
    const chosen = await deployedRulePack({
      COMPLAINT_RULE_PACK: "own-targets",
      COMPLAINT_CLOSE_OF_BUSINESS: "17:30",
    });
    expect(chosen).toEqual(
      selectRulePack({ COMPLAINT_RULE_PACK: "own-targets", COMPLAINT_CLOSE_OF_BUSINESS: "17:30" }),
    );
    await expect(deployedRulePack({ COMPLAINT_RULE_PACK: "fsa" })).rejects.toThrow(
      /unknown rule pack "fsa": choose one of/,
    );
    await expect(
      deployedRulePack({ COMPLAINT_RULE_PACK: "fca-disp", COMPLAINT_CLOSE_OF_BUSINESS: "5pm" }),
    ).rejects.toThrow(/close of business "5pm" is not a time of day/);
  });

  it("replaces each loader with its files' content as the loader itself checks it", async () => {
    const modules = checkedPolicyModules();
    expect((await exportsOf(moduleFor(modules, "shared/config/policy.ts"))).defaultPolicy).toEqual(
      defaultPolicy,
    );
    expect(
      (await exportsOf(moduleFor(modules, "shared/config/communication-policy.ts")))
        .defaultCommunicationPolicy,
    ).toEqual(defaultCommunicationPolicy);
    expect((await exportsOf(moduleFor(modules, "shared/domain/templates/catalogues.ts"))).CATALOGUES).toEqual(
      CATALOGUES,
    );
    for (const code of Object.values(modules)) expect(code).not.toMatch(/zod|safeParse/);
  });

  it("fails the bundling with the file's name and the problem when a policy is wrong", () => {
    const bad = withFile("shared/config/default-policy.json", (policy) => ({
      ...policy,
      authority: "unlimited",
    }));
    expect(() => checkedPolicyModules(bad)).toThrow(PolicyCheckError);
    expect(() => checkedPolicyModules(bad)).toThrow(
      /^shared\/config\/default-policy\.json fails its check, so no function is bundled: invalid policy: authority: /,
    );
  });

  it("fails the bundling with the file's name when a letter catalogue is wrong", () => {
    const bad = withFile("shared/domain/templates/messages/cy.json", (catalogue) => ({
      ...catalogue,
      fallbackSubject: " ",
    }));
    expect(() => checkedPolicyModules(bad)).toThrow(
      /^shared\/domain\/templates\/messages\/cy\.json fails its check, so no function is bundled: invalid message catalogue: fallbackSubject: /,
    );
  });

  it("fails the bundling when a retention period is shorter than the regulator's minimum", () => {
    const bad = withFile("shared/config/retention-policy.json", (retention) =>
      JSON.parse(JSON.stringify(retention).replace(/"retainYears":\s*6/, '"retainYears": 1')),
    );
    expect(() => checkedPolicyModules(bad)).toThrow(
      /^shared\/config\/retention-policy\.json fails its check/,
    );
  });

  it("fails the bundling when complaint-rules.json names no pack", () => {
    const bad = withFile("shared/config/complaint-rules.json", () => ({ closeOfBusiness: "17:30" }));
    expect(() => checkedPolicyModules(bad)).toThrow(
      /^shared\/config\/complaint-rules\.json fails its check, so no function is bundled: invalid complaint-rules\.json: rulePack/,
    );
  });
});
