// The letters a rule pack requires, in English and in Welsh: each one written from the pack's wording
// passes the promise check (the regulator's statements of the customer's own time limits are not the
// organisation's promises), and each one is held back, naming the element, when something the rules
// require is missing.
import { describe, expect, it } from "vitest";
import { SHIPPED_RULE_PACK_IDS, shippedRulePack } from "../../shared/config/complaint-rules";
import { defaultPolicy } from "../../shared/config/policy";
import type { LetterRule, RulePack } from "../../shared/domain/policy/complaint-rules";
import { checkPromisesAndTone } from "../../shared/domain/promise-check";
import {
  missingElements,
  type RegulatedLetterInput,
  renderRegulatedLetter,
} from "../../shared/domain/regulated-letters";
import { CATALOGUES } from "../../shared/domain/templates/catalogues";
import type { Letterhead } from "../../shared/domain/templates/letters";
import { sampleCase } from "./sample-case";

const letterhead: Letterhead = {
  catalogue: CATALOGUES.en as NonNullable<(typeof CATALOGUES)["en"]>,
  organisationName: defaultPolicy.organisation.name,
  teamName: defaultPolicy.organisation.teams.supervisor,
};
const welsh: Letterhead = {
  ...letterhead,
  catalogue: CATALOGUES.cy as NonNullable<(typeof CATALOGUES)["cy"]>,
};
const context = { currency: "GBP", finalResponseBy: new Date("2027-02-10T23:59:59Z") };

/** Each language the shipped packs write in: how the letter reads its date, its labels and its subject. */
const LANGUAGES = [
  { language: "en", date: "23 November 2026", website: "Website", subject: "Your complaint" },
  { language: "cy", date: "23 Tachwedd 2026", website: "Gwefan", subject: "Eich cwyn" },
] as const;
type Language = (typeof LANGUAGES)[number]["language"];

/** The paragraphs that carry the packs' required wording, in either language. */
const REQUIRED_WORDING =
  /ombudsman|ombwdsmon|final response|ymateb terfynol|resolved|datrys|end of our complaints|ddiwedd ein proses|until|tan /i;

/** What staff give with each letter when they fill in everything it asks for. */
const complete: Record<string, Omit<RegulatedLetterInput, "letterId">> = {
  "summary-resolution": { explanation: "We found the payment and reversed the duplicate charge." },
  "final-response": {
    decision: "upheld",
    redress: { amount: 40, description: "a refund of the duplicate charge" },
    explanation: "The payment was taken twice because of an error in our system.",
  },
  "delay-response": { delayReason: "We are still waiting for the records of the card network." },
  "payment-services-holding": { delayReason: "The receiving bank has not yet answered our request." },
  "deadlock-letter": { explanation: "We could not agree on the amount of compensation." },
};

/** The letter as Heed would write it to a customer who wrote in `language`. */
function write(
  pack: RulePack,
  rule: LetterRule,
  input: Omit<RegulatedLetterInput, "letterId">,
  language: Language = "en",
) {
  const letter = { letterId: rule.id, ...input };
  const record = language === "en" ? sampleCase : { ...sampleCase, language };
  const head = language === "en" ? letterhead : welsh;
  const { rendered, values } = renderRegulatedLetter(record, head, pack, rule, letter, context);
  return { rendered, missing: missingElements(pack, rule, rendered, letter, values) };
}

const letters = LANGUAGES.flatMap((language) =>
  SHIPPED_RULE_PACK_IDS.map(shippedRulePack).flatMap((pack) =>
    pack.letters.map(
      (rule) => [`${pack.id}/${rule.id} in ${language.language}`, language, pack, rule] as const,
    ),
  ),
);

describe("regulated letters", () => {
  it.each(letters)(
    "%s has every required element, its language's dates and labels, and passes the promise check",
    (_name, { language, date, website, subject }, pack, rule) => {
      const { rendered, missing } = write(pack, rule, complete[rule.id] ?? {}, language);
      expect(rendered.language).toBe(language);
      expect(missing).toEqual([]);
      expect(checkPromisesAndTone(rendered.checkedText)).toEqual([]);
      expect(rendered.text).toContain(sampleCase.reference);
      expect(rendered.text).toContain(date);
      expect(rendered.text).toContain(`${website}: ${pack.ombudsman?.web}`);
      expect(rendered.subject).toContain(subject);
    },
  );

  it.each(letters)(
    "%s is held back when the organisation's wording drops a required element",
    (_name, { language }, pack, rule) => {
      // Prepare: take out every paragraph and contact list that carries a text element.
      const textElements = pack.elements.filter(
        (element) => "anyOf" in element && rule.requires.includes(element.id),
      );
      const broken = structuredClone(rule);
      const template = broken.templates[language];
      if (!template) throw new Error(`no ${language} template`);
      template.blocks = template.blocks.filter(
        (block) =>
          !("contacts" in block) && !("paragraph" in block && REQUIRED_WORDING.test(block.paragraph)),
      );
      // Act
      const { missing } = write(pack, broken, complete[rule.id] ?? {}, language);
      // Assess
      expect(missing.map((element) => element.id).sort()).toEqual(
        textElements.map((element) => element.id).sort(),
      );
    },
  );

  it("holds back a final response without a decision, an explanation or, when upheld, the redress", () => {
    const pack = shippedRulePack("fca-disp");
    const rule = pack.letters.find((letter) => letter.id === "final-response") as LetterRule;
    const { missing } = write(pack, rule, { decision: "upheld" });
    expect(missing).toEqual([
      { id: "explanation", describe: "what was found or done, in the colleague's words" },
      { id: "redress", describe: "the redress or remedial action offered" },
    ]);
    expect(write(pack, rule, {}).missing.map((element) => element.id)).toContain("decision");
    // A rejected complaint needs no redress.
    const rejected = write(pack, rule, { decision: "rejected", explanation: "The charge was correct." });
    expect(rejected.missing).toEqual([]);
    expect(rejected.rendered.text).toContain("We have not upheld your complaint.");
  });

  it("names the Financial Ombudsman Service's website and the six-month limit in the final response", () => {
    const pack = shippedRulePack("fca-disp");
    const rule = pack.letters.find((letter) => letter.id === "final-response") as LetterRule;
    const { rendered } = write(pack, rule, complete["final-response"] ?? {});
    expect(rendered.text).toContain("https://www.financial-ombudsman.org.uk");
    expect(rendered.text).toContain("within six months of the date of this letter");
    expect(rendered.text).toContain("£40.00 (a refund of the duplicate charge)");
  });

  it("puts the scheme's name and address from the pack into the deadlock letter", () => {
    const pack = shippedRulePack("ombudsman-after-eight-weeks");
    const rule = pack.letters.find((letter) => letter.id === "deadlock-letter") as LetterRule;
    const { rendered } = write(pack, rule, complete["deadlock-letter"] ?? {});
    expect(rendered.text).toContain(pack.ombudsman?.name);
    expect(rendered.text).toContain(pack.ombudsman?.address);
  });
});

describe("a customer who wrote in Welsh", () => {
  it("holds back a Welsh final response without the redress, and words each decision in Welsh", () => {
    const pack = shippedRulePack("fca-disp");
    const rule = pack.letters.find((letter) => letter.id === "final-response") as LetterRule;
    const upheld = write(
      pack,
      rule,
      { decision: "upheld", explanation: "Cymerwyd y taliad ddwywaith." },
      "cy",
    );
    expect(upheld.missing).toEqual([{ id: "redress", describe: "the redress or remedial action offered" }]);
    const rejected = write(pack, rule, { decision: "rejected", explanation: "Roedd y tâl yn gywir." }, "cy");
    expect(rejected.missing).toEqual([]);
    expect(rejected.rendered.text).toContain("Nid ydym wedi cadarnhau eich cwyn.");
    expect(rejected.rendered.text).toContain("o fewn chwe mis i ddyddiad y llythyr hwn");
  });

  it("gets the English wording with English labels and dates from a pack with no Welsh", () => {
    const pack = structuredClone(shippedRulePack("fca-disp"));
    const rule = pack.letters.find((letter) => letter.id === "delay-response") as LetterRule;
    delete rule.templates.cy;
    const { rendered, missing } = write(
      pack,
      rule,
      { delayReason: "We are waiting for the card network." },
      "cy",
    );
    expect(rendered.language).toBe("en");
    expect(missing).toEqual([]);
    expect(rendered.text).toContain("23 November 2026");
    expect(rendered.text).toContain("Website: https://www.financial-ombudsman.org.uk");
  });
});

describe("the promise check and the customer's own time limits", () => {
  it("lets through the regulator's statement of the customer's time limit", () => {
    expect(checkPromisesAndTone("You must do so within six months of the date of this letter.")).toEqual([]);
    expect(checkPromisesAndTone("You have six months to refer your complaint to the ombudsman.")).toEqual([]);
    expect(
      checkPromisesAndTone(
        "You can refer your complaint to the ombudsman if we have not replied within eight weeks.",
      ),
    ).toEqual([]);
  });

  it("still catches the organisation's own deadlines and promises, even beside the customer's rights", () => {
    expect(
      checkPromisesAndTone("We will reply within five days, and you can refer your complaint after that."),
    ).toEqual([expect.objectContaining({ kind: "deadline", phrase: "within five days" })]);
    expect(checkPromisesAndTone("You can expect a refund within 5 days.")).toEqual([
      expect.objectContaining({ kind: "deadline" }),
    ]);
    expect(checkPromisesAndTone("Within six months we will refund you, so you can ask us then.")).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "promise" })]),
    );
  });

  it("lets through the customer's own time limit in Welsh, and still catches the organisation's", () => {
    expect(checkPromisesAndTone("Rhaid i chi wneud hynny o fewn chwe mis i ddyddiad y llythyr hwn.")).toEqual(
      [],
    );
    expect(checkPromisesAndTone("Mae gennych hawl i gwyno o fewn 6 mis.")).toEqual([]);
    expect(checkPromisesAndTone("Byddwn yn ateb o fewn pum diwrnod.")).toEqual([
      expect.objectContaining({ kind: "deadline", phrase: "o fewn pum diwrnod" }),
    ]);
    expect(checkPromisesAndTone("Byddwn yn ateb o fewn pum diwrnod, a gallwch gwyno wedyn.")).toEqual([
      expect.objectContaining({ kind: "deadline" }),
    ]);
  });
});
