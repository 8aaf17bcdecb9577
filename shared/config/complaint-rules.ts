// Loads the complaint rule packs Heed ships (rule-packs/*.json) and picks the one this deployment follows
// (complaint-rules.json, or COMPLAINT_RULE_PACK in a function's environment). Every pack is validated
// when this module loads, so a mistake stops the function at start-up, not at a deadline.

import * as z from "zod";
import { parseRulePack, type RulePack, RulePackError } from "../domain/policy/complaint-rules";
import complaintRulesJson from "./complaint-rules.json" with { type: "json" };
import fcaDisp from "./rule-packs/fca-disp.json" with { type: "json" };
import noRegulator from "./rule-packs/none.json" with { type: "json" };
import ombudsmanAfterEightWeeks from "./rule-packs/ombudsman-after-eight-weeks.json" with { type: "json" };

/** Every pack Heed ships; a new pack is a JSON file in rule-packs/ and a line here. */
const SHIPPED_PACKS: unknown[] = [fcaDisp, ombudsmanAfterEightWeeks, noRegulator];

export const RULE_PACKS: ReadonlyMap<string, RulePack> = new Map(
  SHIPPED_PACKS.map((json) => {
    const pack = parseRulePack(json);
    return [pack.id, pack];
  }),
);

const selection = z.strictObject({ rulePack: z.string().min(1) });

/** The pack this deployment follows: COMPLAINT_RULE_PACK when set, otherwise complaint-rules.json's. */
export function selectRulePack(
  env: NodeJS.ProcessEnv = process.env,
  file: unknown = complaintRulesJson,
): RulePack {
  const chosen = env.COMPLAINT_RULE_PACK || selection.parse(file).rulePack;
  const pack = RULE_PACKS.get(chosen);
  if (!pack)
    throw new RulePackError(
      `unknown rule pack "${chosen}": choose one of ${[...RULE_PACKS.keys()].join(", ")}`,
    );
  return pack;
}

export const selectedRulePack: RulePack = selectRulePack();
