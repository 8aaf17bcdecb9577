// The shape of regulated complaint handling: a rule pack names a regulator's clocks, the letters its
// rules require and what each letter must contain. parseRulePack checks a pack against the shape and
// against itself (every letter, element and template it names exists); shared/config/ loads the packs.

import * as z from "zod";
import { PAUSE_REASONS } from "../case";
import { LETTER, type VariableType } from "../templates/catalogue";
import { messageTemplate, templateErrors } from "../templates/catalogue-schema";
import { RulePackError, TIME_OF_DAY } from "./rule-pack-choice";
import { validated } from "./validated";

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
/** A time of day in London, 24-hour `hh:mm`. */
export const timeOfDay = z.string().regex(TIME_OF_DAY, "a time of day, hh:mm (24-hour)");

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
  /**
   * What holds the clock while it lasts (the deadline moves by the days it held); every clock says,
   * and an empty list says the clock never pauses (FCA DISP's do not).
   */
  pausedWhile: z.array(z.enum(PAUSE_REASONS)),
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
  /**
   * Only this long after receipt (the summary resolution communication: three business days), to the
   * end of the last day or, with `endsAt: "close-of-business"`, to the close of business on it.
   */
  availableWithin: dayCount
    .extend({ endsAt: z.enum(["end-of-day", "close-of-business"]).default("end-of-day") })
    .optional(),
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
  /**
   * When the organisation's business day ends, London time, for a period that ends "by close of
   * business" (DISP 1.5.4). A deployment may set its own in complaint-rules.json.
   */
  closeOfBusiness: timeOfDay.optional(),
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

export { RulePackError };

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
    if (letter.availableWithin?.endsAt === "close-of-business" && !pack.closeOfBusiness)
      found.push(
        `letters.${letter.id}.availableWithin: ends at close of business, but the pack sets no closeOfBusiness`,
      );
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
  const pack = validated(rulePackSchema, input, "invalid rule pack", RulePackError);
  const found = problems(pack);
  if (found.length > 0) throw new RulePackError(`invalid rule pack ${pack.id}: ${found.join("; ")}`);
  return pack;
}
