// How Heed keeps customers informed, as data (communication-policy.json, the documented example): the
// response-time statement and team names in each language, the quiet period after which staff are
// nudged, the working week with each UK nation's bank holidays, commitment reminders, how long a
// feedback link works, the policy statements the promise check allows, the adjustments offered to
// customers who need care, and the directory of outside help. The shape and the rules that read it live
// here; shared/config/ loads the file through parseCommunicationPolicy at start-up.

import * as z from "zod";
import { REFERRAL_LEVELS, type ReferralLevel } from "../case";
import { OTHER_CATEGORY } from "../classification/category";
import { checkPromisesAndTone } from "../promise-check";
import { CATALOGUES } from "../templates/catalogues";
import type { Contact } from "../templates/render";
import type { Policy } from "./organisation-policy";
import { validated } from "./validated";

/** The parts of the UK with their own bank holidays. */
export const UK_NATIONS = ["england-and-wales", "scotland", "northern-ireland"] as const;
export type UkNation = (typeof UK_NATIONS)[number];

const languageCode = z.string().regex(/^[a-z]{2,3}$/, "a two- or three-letter language code");
const key = z.string().regex(/^[a-z0-9-]+$/, "use lower-case letters, digits and hyphens");
const words = z.string().trim().min(1);
/** The same text in every language, or a version per language with English required. */
const localisable = z.union([
  words,
  z.record(languageCode, words).refine((texts) => "en" in texts, "an English version is needed"),
]);
type Localisable = z.infer<typeof localisable>;

const teams = z.strictObject(
  Object.fromEntries(REFERRAL_LEVELS.map((level) => [level, words])) as Record<ReferralLevel, typeof words>,
);

const outsideHelpEntry = z
  .strictObject({
    id: key,
    /** Where the entry is offered: unresolved outcomes, data protection acknowledgements. */
    usedFor: z.array(z.enum(["unresolved", "data-protection"])).min(1),
    /** Offered on unresolved outcomes only for cases in these categories; every category when absent. */
    categories: z.array(key).min(1).optional(),
    name: localisable,
    description: localisable.optional(),
    phone: localisable.optional(),
    web: z.url({ protocol: /^https$/ }).optional(),
    email: z.email().optional(),
  })
  .refine((entry) => entry.phone || entry.web || entry.email, "give at least one way to get in touch");

export const communicationPolicySchema = z.strictObject({
  languages: z
    .record(
      languageCode,
      z.strictObject({
        /** Worded as policy ("We aim to…"), never as a promise; null to say nothing about timing. */
        responseTimeStatement: words.nullable(),
        /** How the teams read in this language; English falls back to the policy's team names. */
        teams: teams.optional(),
      }),
    )
    .refine((languages) => "en" in languages, "English settings are needed"),
  /** Working days a customer may go without hearing from us before the case's team is nudged. */
  quietPeriod: z.strictObject({ workingDays: z.number().int().min(1).max(60) }),
  workingWeek: z
    .strictObject({
      /** ISO weekdays: 1 is Monday, 7 is Sunday. */
      days: z.array(z.number().int().min(1).max(7)).min(1),
      /** Where the organisation works: its bank holidays are the ones that are not business days. */
      nation: z.enum(UK_NATIONS),
      /** Each nation's bank holidays (yyyy-mm-dd), from gov.uk/bank-holidays; keep the years ahead filled in. */
      bankHolidays: z.strictObject(
        Object.fromEntries(UK_NATIONS.map((nation) => [nation, z.array(z.iso.date())])) as Record<
          UkNation,
          z.ZodArray<z.ZodISODate>
        >,
      ),
    })
    // The nation's holidays as the working week every timer counts with.
    .transform((week) => ({ ...week, holidays: week.bankHolidays[week.nation] })),
  commitments: z.strictObject({
    /** How long before a commitment falls due its owner is reminded. */
    remindHoursBefore: z.number().int().min(0).max(168),
    maxDaysAhead: z.number().int().min(1).max(366),
  }),
  /** How many days back the hourly timer looks for due items it has not handled. */
  followUpTimers: z.strictObject({ lookbackDays: z.number().int().min(1).max(90) }),
  feedback: z.strictObject({ linkValidDays: z.number().int().min(1).max(90) }),
  /** Exact policy statements the promise check lets through (alongside the policy's own list). */
  promiseCheck: z.strictObject({ allowedPhrases: z.array(words) }),
  /**
   * Adjustments offered to a customer who told us something that may make them vulnerable (a phone
   * call, a named contact, large print…), as keys every letter catalogue words under `adjustments`.
   */
  adjustmentsOffered: z.array(key),
  outsideHelp: z.array(outsideHelpEntry).min(1),
});

export type CommunicationPolicy = z.infer<typeof communicationPolicySchema>;
export type OutsideHelp = CommunicationPolicy["outsideHelp"][number];

export class CommunicationPolicyError extends Error {
  override name = "CommunicationPolicyError";
}

/** Every phrase the promise check allows: the policy's list and this one's. */
export function allowedPhrases(policy: Policy, communication: CommunicationPolicy): string[] {
  return [...policy.promiseCheck.allowedPhrases, ...communication.promiseCheck.allowedPhrases];
}

function problems(communication: CommunicationPolicy, policy: Policy): string[] {
  const found: string[] = [];
  const allowed = allowedPhrases(policy, communication);
  for (const [language, settings] of Object.entries(communication.languages)) {
    const statement = settings.responseTimeStatement;
    const findings = statement ? checkPromisesAndTone(statement, allowed) : [];
    if (findings.length > 0)
      found.push(
        `languages.${language}.responseTimeStatement: "${findings[0]?.phrase}" reads as a ${findings[0]?.kind}; word it as policy or add the statement to promiseCheck.allowedPhrases`,
      );
  }
  const categories = new Set([...Object.keys(policy.classification.categories), OTHER_CATEGORY]);
  const ids = new Set<string>();
  for (const entry of communication.outsideHelp) {
    if (ids.has(entry.id)) found.push(`outsideHelp: "${entry.id}" appears twice`);
    ids.add(entry.id);
    for (const category of entry.categories ?? [])
      if (!categories.has(category)) found.push(`outsideHelp.${entry.id}: unknown category "${category}"`);
  }
  for (const adjustment of communication.adjustmentsOffered)
    for (const catalogue of Object.values(CATALOGUES))
      if (!catalogue.adjustments[adjustment])
        found.push(`adjustmentsOffered: the ${catalogue.language} letters have no words for "${adjustment}"`);
  if (!communication.outsideHelp.some((entry) => entry.usedFor.includes("unresolved") && !entry.categories))
    found.push("outsideHelp: at least one entry must be offered on every unresolved outcome");
  return found;
}

/** The file's content checked against its schema and against the organisation's `policy`. */
export function parseCommunicationPolicy(input: unknown, policy: Policy): CommunicationPolicy {
  const communication = validated(
    communicationPolicySchema,
    input,
    "invalid communication policy",
    CommunicationPolicyError,
  );
  const found = problems(communication, policy);
  if (found.length > 0)
    throw new CommunicationPolicyError(`invalid communication policy: ${found.join("; ")}`);
  return communication;
}

function inLanguage(text: Localisable, language: string): string {
  return typeof text === "string" ? text : (text[language] ?? text.en ?? "");
}

/** An outside-help entry as a letter in `language` shows it. */
export function contactFor(entry: OutsideHelp, language: string): Contact {
  return {
    name: inLanguage(entry.name, language),
    ...(entry.description ? { description: inLanguage(entry.description, language) } : {}),
    ...(entry.phone ? { phone: inLanguage(entry.phone, language) } : {}),
    ...(entry.web ? { web: entry.web } : {}),
    ...(entry.email ? { email: entry.email } : {}),
  };
}

/** The team's name as the customer reads it, in their language where the policy has one. */
export function teamName(
  level: ReferralLevel,
  language: string,
  policy: Policy,
  communication: CommunicationPolicy,
): string {
  return communication.languages[language]?.teams?.[level] ?? policy.organisation.teams[level];
}

/**
 * The response-time statement in `language`; for English, the policy's acknowledgement statement
 * when this file sets none.
 */
export function responseTimeStatement(
  language: string,
  policy: Policy,
  communication: CommunicationPolicy,
): string | null {
  const statement = communication.languages[language]?.responseTimeStatement ?? null;
  if (statement || language !== "en") return statement;
  return policy.acknowledgement.responseTimeStatement;
}
