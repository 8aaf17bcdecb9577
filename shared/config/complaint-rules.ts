// Loads the complaint rule pack this deployment follows (complaint-rules.json, or COMPLAINT_RULE_PACK in a
// function's environment) from those Heed ships (rule-packs/*.json), with the deployment's close of
// business. The chosen pack is validated when this module loads, so a mistake stops the function at
// start-up, not at a deadline; the unit tests validate every shipped pack, and a function spends no
// start-up time on packs it does not follow. A deployed function's bundle has this module replaced by
// the packs checked when it was bundled (infra/constructs/checked-policies.ts), chosen the same way.

import * as z from "zod";
import { parseRulePack, type RulePack, timeOfDay } from "../domain/policy/complaint-rules";
import {
  chooseRulePack,
  RulePackError,
  type RulePackSelection,
  unknownRulePack,
} from "../domain/policy/rule-pack-choice";
import { validated } from "../domain/policy/validated";
import complaintRulesJson from "./complaint-rules.json" with { type: "json" };
import fcaDisp from "./rule-packs/fca-disp.json" with { type: "json" };
import noRegulator from "./rule-packs/none.json" with { type: "json" };
import ombudsmanAfterEightWeeks from "./rule-packs/ombudsman-after-eight-weeks.json" with { type: "json" };
import ownTargets from "./rule-packs/own-targets.json" with { type: "json" };

/** Every pack Heed ships, by id, as written; a new pack is a JSON file in rule-packs/ and a line here. */
const SHIPPED_PACKS: Readonly<Record<string, unknown>> = {
  "fca-disp": fcaDisp,
  "ombudsman-after-eight-weeks": ombudsmanAfterEightWeeks,
  "own-targets": ownTargets,
  none: noRegulator,
};

export const SHIPPED_RULE_PACK_IDS: readonly string[] = Object.keys(SHIPPED_PACKS);

/** A shipped pack, validated. */
export function shippedRulePack(id: string): RulePack {
  const json = SHIPPED_PACKS[id];
  if (json === undefined) throw unknownRulePack(id, SHIPPED_RULE_PACK_IDS);
  return checkedRulePack(id, json);
}

/** The shipped pack `id` as `json` has it, validated. */
export function checkedRulePack(id: string, json: unknown): RulePack {
  const pack = parseRulePack(json);
  if (pack.id !== id) throw new RulePackError(`rule pack "${id}" calls itself "${pack.id}"`);
  return pack;
}

const rulePackSelection = z.strictObject({
  rulePack: z.string().min(1),
  closeOfBusiness: timeOfDay.optional(),
});

/** complaint-rules.json's content, checked. */
export function checkedRulePackSelection(file: unknown = complaintRulesJson): RulePackSelection {
  return validated(rulePackSelection, file, "invalid complaint-rules.json", RulePackError);
}

/**
 * The pack this deployment follows: COMPLAINT_RULE_PACK when set, otherwise complaint-rules.json's;
 * with the deployment's close of business (COMPLAINT_CLOSE_OF_BUSINESS, then the file's) over the pack's.
 */
export function selectRulePack(
  env: NodeJS.ProcessEnv = process.env,
  file: unknown = complaintRulesJson,
): RulePack {
  return chooseRulePack(shippedRulePack, checkedRulePackSelection(file), env);
}

// Marked pure for the bundler: a function that never reads it leaves the file and its validation out.
export const selectedRulePack: RulePack = /* @__PURE__ */ selectRulePack();
