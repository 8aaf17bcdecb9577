// The letters a rule pack requires (a summary resolution communication, a final response, a holding or
// deadlock letter), written from the organisation's own wording in the pack, filled with the case and
// what staff decided, and checked for every element the rules say the letter must contain. A letter
// missing one cannot go: staff see which element, described in words, is missing.

import { formatMoney } from "./authority";
import type { CaseRecord } from "./case";
import type { FinalDecision, LetterRule, RegulatedLetterTemplate, RulePack } from "./policy/complaint-rules";
import { placeholdersIn } from "./templates/catalogue";
import { catalogueFor } from "./templates/letter-language";
import { formatLetterDate, type Letterhead, letterValues } from "./templates/letters";
import { heedValue, type RenderedMessage, renderTemplate, type TemplateValues } from "./templates/render";

/** What staff give with a regulated letter. */
export interface RegulatedLetterInput {
  letterId: string;
  decision?: FinalDecision;
  redress?: { amount: number; description: string };
  explanation?: string;
  delayReason?: string;
}

/** What Heed adds: the organisation's currency and, for a holding reply, the lengthened deadline. */
export interface RegulatedLetterContext {
  currency: string;
  finalResponseBy?: Date;
}

export interface MissingElement {
  id: string;
  describe: string;
}

/** The template in the customer's language, or the English one the pack must have. */
export function letterTemplateFor(
  rule: LetterRule,
  language: string,
): { language: string; template: RegulatedLetterTemplate } {
  const own = rule.templates[language];
  if (own) return { language, template: own };
  const english = rule.templates.en;
  if (!english) throw new Error(`rule pack letter ${rule.id} has no English template`);
  return { language: "en", template: english };
}

export function redressText(redress: NonNullable<RegulatedLetterInput["redress"]>, currency: string): string {
  return `${formatMoney(redress.amount, currency)} (${redress.description.trim()})`;
}

const staffString = (value: string) => ({ type: "string", value, source: "staff" }) as const;
const staffText = (value: string) => ({ type: "text", value, source: "staff" }) as const;

function valuesFor(
  record: CaseRecord,
  letterhead: Letterhead,
  pack: RulePack,
  template: RegulatedLetterTemplate,
  input: RegulatedLetterInput,
  context: RegulatedLetterContext,
): TemplateValues {
  const { catalogue } = letterhead;
  const { ombudsman } = pack;
  return {
    ...letterValues(record, letterhead),
    receivedOn: heedValue(formatLetterDate(new Date(record.createdAt), catalogue)),
    ...(input.decision && template.decisions
      ? { decision: heedValue(template.decisions[input.decision]) }
      : {}),
    ...(input.redress && input.redress.amount > 0
      ? { redress: staffString(redressText(input.redress, context.currency)) }
      : {}),
    ...(input.explanation ? { explanation: staffText(input.explanation) } : {}),
    ...(input.delayReason ? { delayReason: staffText(input.delayReason) } : {}),
    ...(context.finalResponseBy
      ? { finalResponseBy: heedValue(formatLetterDate(context.finalResponseBy, catalogue)) }
      : {}),
    ...(ombudsman
      ? {
          ombudsman: {
            type: "contacts",
            entries: [
              {
                name: ombudsman.name,
                description: ombudsman.address,
                web: ombudsman.web,
                ...(ombudsman.phone ? { phone: ombudsman.phone } : {}),
              },
            ],
          },
          ombudsmanName: heedValue(ombudsman.name),
          ombudsmanAddress: heedValue(ombudsman.address),
        }
      : {}),
  };
}

export function renderRegulatedLetter(
  record: CaseRecord,
  letterhead: Letterhead,
  pack: RulePack,
  rule: LetterRule,
  input: RegulatedLetterInput,
  context: RegulatedLetterContext,
): { rendered: RenderedMessage; values: TemplateValues } {
  const { language, template } = letterTemplateFor(rule, letterhead.catalogue.language);
  // A letter the pack has no wording for in the customer's language goes in English throughout.
  const written =
    language === letterhead.catalogue.language
      ? letterhead
      : { ...letterhead, catalogue: catalogueFor(language) };
  const values = valuesFor(record, written, pack, template, input, context);
  return {
    rendered: renderTemplate(written.catalogue, `${pack.id}/${rule.id}`, template, values),
    values,
  };
}

const normalised = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

function fillPhrase(phrase: string, values: TemplateValues): string {
  let filled = phrase;
  for (const name of placeholdersIn(phrase)) {
    const value = values[name];
    filled = filled.replace(
      new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`, "g"),
      value?.type === "string" ? value.value : "\u0000",
    );
  }
  return filled;
}

/** Every element the pack requires of this letter that the rendered letter lacks. */
export function missingElements(
  pack: RulePack,
  rule: LetterRule,
  rendered: RenderedMessage,
  input: RegulatedLetterInput,
  values: TemplateValues,
): MissingElement[] {
  const text = normalised(rendered.text);
  const missing: MissingElement[] = [];
  for (const id of rule.requires) {
    const element = pack.elements.find((candidate) => candidate.id === id);
    if (!element) continue;
    let present: boolean;
    if ("anyOf" in element) {
      present = element.anyOf.some((phrase) => text.includes(normalised(fillPhrase(phrase, values))));
    } else {
      if (input.decision && element.exceptDecisions.includes(input.decision)) continue;
      const value = values[element.value];
      const shown = value?.type === "string" || value?.type === "text" ? normalised(value.value) : "";
      present = shown !== "" && text.includes(shown);
    }
    if (!present) missing.push({ id: element.id, describe: element.describe });
  }
  return missing;
}
