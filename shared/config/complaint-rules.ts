// Regulated complaint handling as data: rule packs (rule-packs/*.json) that name a regulator's clocks,
// the letters its rules require and what each letter must contain, and the one pack this deployment
// follows (complaint-rules.json, or COMPLAINT_RULE_PACK in a function's environment). Every pack is
// validated when this module loads, so a mistake stops the function at start-up, not at a deadline.

import { z } from "zod";
import { LETTER, messageTemplate, templateErrors, type VariableType } from "../domain/templates/catalogue";
import complaintRulesJson from "./complaint-rules.json" with { type: "json" };
import fcaDisp from "./rule-packs/fca-disp.json" with { type: "json" };
import noRegulator from "./rule-packs/none.json" with { type: "json" };
import ombudsmanAfterEightWeeks from "./rule-packs/ombudsman-after-eight-weeks.json" with { type: "json" };

/** Every pack Heed ships; a new pack is a JSON file in rule-packs/ and a line here. */
const SHIPPED_PACKS: unknown[] = [fcaDisp, ombudsmanAfterEightWeeks, noRegulator];

export const FINAL_DECISIONS = ["upheld", "partly-upheld", "rejected"] as const;
export type FinalDecision = (typeof FINAL_DECISIONS)[number];

/** What staff give when they send a regulated letter, and a required element may insist on. */
export const STAFF_VALUES = ["decision", "redress", "explanation", "delayReason"] as const;
export type StaffValue = (typeof STAFF_VALUES)[number];

/** Case events other than letters that stop a clock. */
export const CLOSING_EVENTS = ["resolved", "closed-unresolved"] as const;

/** The values a regulated letter's template may use. */
export const REGULATED_LETTER_VARIABLES = {
  ...LETTER,
  receivedOn: "string",
  decision: "string",
  redress: "string",
  explanation: "text",
  delayReason: "text",
  finalResponseBy: "string",
  ombudsman: "contacts",
  ombudsmanName: "string",
  ombudsmanAddress: "string",
} as const satisfies Record<string, VariableType>;

const key = z.string().regex(/^[a-z0-9-]+$/, "use lower-case letters, digits and hyphens");
const words = z.string().trim().min(1);
const languageCode = z.string().regex(/^[a-z]{2,3}$/, "a two- or three-letter language code");
const dayCount = z.strictObject({
  days: z.number().int().min(1).max(366),
  counting: z.enum(["calendar", "business"]),
});

const clockRule = z.strictObject({
  id: key,
  label: words,
  /** Every complaint, or only those staff mark as (not) about payment services. */
  appliesTo: z.enum(["all-complaints", "payment-services", "not-payment-services"]),
  /** Counted from the receipt recorded at intake; the deadline is the end of the last day, in London. */
  length: dayCount,
  /** How long before the deadline the case's level and the supervisors are warned. */
  warnBefore: dayCount,
  /** Letters (by id) or case events that stop the clock. */
  stoppedBy: z.array(key).min(1),
  /** A letter that lengthens the clock when sent in time (payment services' exceptional 35 days). */
  extendedBy: z.array(z.strictObject({ letter: key, length: dayCount })).default([]),
});

const element = z.union([
  z.strictObject({
    id: key,
    /** What the element is, as staff read it when it is missing. */
    describe: words,
    /** The letter must contain one of these (case and spacing do not matter). */
    anyOf: z.array(words).min(1),
  }),
  z.strictObject({
    id: key,
    describe: words,
    /** Something staff must give, which the letter must then show. */
    value: z.enum(STAFF_VALUES),
    /** Not needed for these decisions (no redress when a complaint is rejected). */
    exceptDecisions: z.array(z.enum(FINAL_DECISIONS)).default([]),
  }),
]);

const letterTemplate = messageTemplate.extend({
  /** How each decision reads in this language; needed by letters that carry a decision. */
  decisions: z.strictObject({ upheld: words, "partly-upheld": words, rejected: words }).optional(),
});

const letterRule = z.strictObject({
  id: key,
  label: words,
  /** Only this long after receipt (the summary resolution communication: three business days). */
  availableWithin: dayCount.optional(),
  /** Staff give a decision (upheld, partly upheld, rejected) and any redress. */
  decision: z.boolean().default(false),
  /** Sending it closes the complaint for the complaints return (a final response, not a holding letter). */
  closesComplaint: z.boolean().default(false),
  /** Element ids the letter must contain before it can go. */
  requires: z.array(key),
  /** The organisation's wording, per language; English is needed and stands in for the others. */
  templates: z
    .record(languageCode, letterTemplate)
    .refine((texts) => "en" in texts, "an English version is needed"),
});

export const rulePackSchema = z.strictObject({
  id: key,
  name: words,
  description: words,
  /** The scheme a customer can take an unresolved complaint to, as the letters name it. */
  ombudsman: z
    .strictObject({
      name: words,
      address: words,
      web: z.url({ protocol: /^https$/ }),
      phone: words.optional(),
    })
    .optional(),
  clocks: z.array(clockRule),
  letters: z.array(letterRule),
  elements: z.array(element),
});

export type RulePack = z.infer<typeof rulePackSchema>;
export type ClockRule = RulePack["clocks"][number];
export type LetterRule = RulePack["letters"][number];
export type RequiredElement = RulePack["elements"][number];
export type RegulatedLetterTemplate = z.infer<typeof letterTemplate>;

export class RulePackError extends Error {
  override name = "RulePackError";
}

function unique(ids: string[], where: string, found: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) found.push(`${where}: "${id}" appears twice`);
    seen.add(id);
  }
}

function problems(pack: RulePack): string[] {
  const found: string[] = [];
  const letters = new Set(pack.letters.map((letter) => letter.id));
  const elements = new Map(pack.elements.map((entry) => [entry.id, entry]));
  unique(
    pack.clocks.map((clock) => clock.id),
    "clocks",
    found,
  );
  unique([...letters], "letters", found);
  unique([...elements.keys()], "elements", found);
  for (const clock of pack.clocks) {
    for (const stop of clock.stoppedBy)
      if (!letters.has(stop) && !(CLOSING_EVENTS as readonly string[]).includes(stop))
        found.push(
          `clocks.${clock.id}.stoppedBy: "${stop}" is neither a letter nor ${CLOSING_EVENTS.join(" or ")}`,
        );
    for (const extension of clock.extendedBy)
      if (!letters.has(extension.letter))
        found.push(`clocks.${clock.id}.extendedBy: no letter "${extension.letter}"`);
  }
  for (const letter of pack.letters) {
    for (const id of letter.requires) {
      const required = elements.get(id);
      if (!required) found.push(`letters.${letter.id}.requires: no element "${id}"`);
      else if (
        "value" in required &&
        (required.value === "decision" || required.value === "redress") &&
        !letter.decision
      )
        found.push(`letters.${letter.id}: "${id}" needs a letter that carries a decision`);
    }
    for (const [language, template] of Object.entries(letter.templates)) {
      for (const problem of templateErrors(letter.id, REGULATED_LETTER_VARIABLES, template))
        found.push(
          `letters.${letter.id}.templates.${language}.${problem.path.join(".")}: ${problem.message}`,
        );
      if (letter.decision && !template.decisions)
        found.push(`letters.${letter.id}.templates.${language}: the wording of each decision is needed`);
    }
  }
  return found;
}

export function parseRulePack(input: unknown): RulePack {
  const result = rulePackSchema.safeParse(input);
  if (!result.success) {
    const where = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new RulePackError(`invalid rule pack: ${where}`, { cause: result.error });
  }
  const found = problems(result.data);
  if (found.length > 0) throw new RulePackError(`invalid rule pack ${result.data.id}: ${found.join("; ")}`);
  return result.data;
}

export const RULE_PACKS: ReadonlyMap<string, RulePack> = new Map(
  SHIPPED_PACKS.map((json) => {
    const pack = parseRulePack(json);
    return [pack.id, pack];
  }),
);

const selection = z.strictObject({ rulePack: key });

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
