// The policy files and letter catalogues Heed ships are checked when the functions are bundled, not each
// time one starts: every loader under shared/config/, and the catalogues' (shared/domain/templates/
// catalogues.ts), is replaced in a deployed bundle by a module holding the files' content as their schema
// returned it (defaults filled in, nation's holidays picked), so a cold start parses no schema.
// A file that fails its check stops the bundling, and so synthesis and deployment, with the checker's
// message. Tests, `npm start` and synthesis itself import the loaders as written, which check at import.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import {
  checkedRulePack,
  checkedRulePackSelection,
  SHIPPED_RULE_PACK_IDS,
} from "../../shared/config/complaint-rules";
import { parseCommunicationPolicy } from "../../shared/domain/policy/communication-policy";
import { parseIntakePolicy } from "../../shared/domain/policy/intake-policy";
import { parsePolicy } from "../../shared/domain/policy/organisation-policy";
import { parsePrivacyNotice } from "../../shared/domain/policy/privacy-notice";
import { parseRetentionPolicy } from "../../shared/domain/policy/retention-policy";
import { parseStaffTeams } from "../../shared/domain/policy/staff-teams";
import { parseCatalogue } from "../../shared/domain/templates/catalogue-schema";
import { SHIPPED_LANGUAGES } from "../../shared/domain/templates/catalogues";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A policy file's content, by repository-relative path. */
export type ReadPolicyFile = (file: string) => unknown;

export class PolicyCheckError extends Error {
  override name = "PolicyCheckError";
}

const readRepositoryFile: ReadPolicyFile = (file) => JSON.parse(readFileSync(join(REPO_ROOT, file), "utf8"));

/** `check`'s result for the file at `file`, or a PolicyCheckError naming the file and each problem. */
function checkedFile<T>(read: ReadPolicyFile, file: string, check: (content: unknown) => T): T {
  try {
    return check(read(file));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PolicyCheckError(`${file} fails its check, so no function is bundled: ${reason}`, {
      cause: error,
    });
  }
}

/** `const name = <value>;` for each value, which must be plain JSON data (JSON.parse reads it fastest). */
function constants(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([name, value]) => {
      const json = JSON.stringify(value);
      if (!isDeepStrictEqual(JSON.parse(json), value))
        throw new PolicyCheckError(`${name} is not plain JSON data, so it cannot be checked at bundling`);
      return `const ${name} = JSON.parse(${JSON.stringify(json)});`;
    })
    .join("\n");
}

function exporting(values: Record<string, unknown>): string {
  return `${constants(values)}\nexport { ${Object.keys(values).join(", ")} };\n`;
}

/**
 * The module each policy loader is replaced by in a deployed bundle, by the loader's absolute path:
 * the same exports, holding the files' content checked now. Throws a PolicyCheckError for a file that
 * fails its check.
 */
export function checkedPolicyModules(read: ReadPolicyFile = readRepositoryFile): Record<string, string> {
  const policy = checkedFile(read, "shared/config/default-policy.json", parsePolicy);
  const ruleChoice = join(REPO_ROOT, "shared/domain/policy/rule-pack-choice.ts");
  const modules: Record<string, string> = {
    "shared/config/policy.ts": exporting({ defaultPolicy: policy }),
    "shared/config/communication-policy.ts": exporting({
      defaultCommunicationPolicy: checkedFile(read, "shared/config/communication-policy.json", (content) =>
        parseCommunicationPolicy(content, policy),
      ),
    }),
    "shared/config/intake-policy.ts": exporting({
      defaultIntakePolicy: checkedFile(read, "shared/config/intake-policy.json", parseIntakePolicy),
    }),
    "shared/config/privacy-notice.ts": exporting({
      PRIVACY_NOTICE: checkedFile(read, "shared/config/privacy-notice.json", parsePrivacyNotice),
    }),
    "shared/config/retention-policy.ts": exporting({
      defaultRetentionPolicy: checkedFile(read, "shared/config/retention-policy.json", parseRetentionPolicy),
    }),
    "shared/config/staff-teams.ts": exporting({
      defaultStaffTeams: checkedFile(read, "shared/config/staff-teams.json", parseStaffTeams),
    }),
    "shared/domain/templates/catalogues.ts": exporting({
      SHIPPED_LANGUAGES,
      CATALOGUES: Object.fromEntries(
        SHIPPED_LANGUAGES.map((language) => {
          const file = `shared/domain/templates/messages/${language}.json`;
          const catalogue = checkedFile(read, file, parseCatalogue);
          return [catalogue.language, catalogue];
        }),
      ),
    }),
    // Every shipped pack, checked: the deployment's COMPLAINT_RULE_PACK still chooses among them at start.
    "shared/config/complaint-rules.ts": [
      `import { chooseRulePack, unknownRulePack } from ${JSON.stringify(ruleChoice)};`,
      constants({
        packs: Object.fromEntries(
          SHIPPED_RULE_PACK_IDS.map((id) => [
            id,
            checkedFile(read, `shared/config/rule-packs/${id}.json`, (content) =>
              checkedRulePack(id, content),
            ),
          ]),
        ),
        selection: checkedFile(read, "shared/config/complaint-rules.json", checkedRulePackSelection),
      }),
      "const shipped = (id) => {",
      "  if (!Object.hasOwn(packs, id)) throw unknownRulePack(id, Object.keys(packs));",
      "  return packs[id];",
      "};",
      "export const selectedRulePack = chooseRulePack(shipped, selection, process.env);",
      "",
    ].join("\n"),
  };
  return Object.fromEntries(Object.entries(modules).map(([loader, code]) => [join(REPO_ROOT, loader), code]));
}
