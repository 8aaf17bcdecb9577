// Works out what kind of message this is, what it is about, its likely cause, its signals (abuse, legal
// threat, vulnerability, data protection…), what the customer wants and which language they wrote in.
// What is said (evidence phrases), who it is about (the customer or someone else) and how it is meant
// (negated, denied) are read apart; every decision is recorded with what it rests on, so staff see why.

import type { Classification, Evidence } from "../case";
import type { Policy } from "../policy/organisation-policy";
import { decideCategory } from "./category";
import { decideCause } from "./cause";
import { decideDissatisfaction } from "./dissatisfaction";
import { decideKind } from "./kind";
import { detectLanguage, limitedEnglishShapes } from "./language";
import { LEARNED, type LearnedReadings } from "./learned";
import { kindFeatures } from "./learned-kind";
import { LEARNED_SIGNAL_THRESHOLD, signalFeatures } from "./learned-signal";
import {
  isAboutTheWritersOwnAbility,
  isAgainstTheCustomer,
  isAHardTime,
  isAPromiseKept,
  isARefundGiven,
  isAsked,
  isAverted,
  isConceded,
  isOpenQuestion,
  isOurStaffsWords,
  isPraiseInAnotherSense,
  isRedressAskedAbout,
  isSaidInSympathy,
  isSelfDeprecation,
  isSomeoneElsesOwnMatter,
  isSomeoneElsesStep,
  isSomeoneElsesSuggestion,
  isSupposed,
  isSupposedStep,
  isThankedFor,
  isTheCustomersManner,
  isTheWritersOwnStep,
  isWishedFor,
  namesALegalJob,
  raisesAStep,
} from "./mood";
import {
  containsAny,
  type Lexicon,
  type MatchOptions,
  matchLexicon,
  matchPatterns,
  type Negation,
  negatedAt,
  normaliseText,
  occurrences,
  prepareText,
  type SetAside,
} from "./phrases";
import {
  ACTING_FOR,
  aboutSomeoneNamedBefore,
  blamesAFault,
  firstWordIn,
  isAClaimAgainstSomeoneElse,
  isAFigureOfSpeech,
  isAimedAtSomeone,
  isAskedOnASupposition,
  isATreatmentWeProvide,
  isCareOfAnAnimal,
  isOurStepAgainstTheCustomer,
  isOverAlready,
  isSaidToTheWriter,
  isSomethingGotForThem,
  isToldOfTheirHousehold,
  isToldOfTheOneWriting,
  isTurnedOnTheWriter,
  isWrittenForTheEstate,
  namesACourtsAuthority,
  namesAFacilityOrJob,
  namesAPlace,
  namesAPublication,
  namesASolicitorsOtherWork,
  namesPeople,
  ownedBySomeoneElse,
  sentenceAfter,
  sentenceAround,
  swearsAtAThingOrSituation,
  tellsOfSwearing,
} from "./scope";
import {
  ABUSE_SIGNAL,
  type ContactHistory,
  DATA_BREACH_SIGNAL,
  DATA_PROTECTION_SIGNAL,
  DISSATISFACTION_SIGNAL,
  LEGAL_THREAT_SIGNAL,
  REPEAT_CONTACT_SIGNAL,
  repeatContactEvidence,
  VULNERABILITY_SIGNAL,
} from "./signals";

export type { ContactHistory } from "./signals";

export interface ClassificationInput {
  subject: string;
  /** The customer's own words: without quoted earlier messages and without their signature. */
  text: string;
  history?: ContactHistory;
  /** A colleague reporting for a customer writes about them in the third person; a customer, in the first. */
  writtenBy?: "customer" | "colleague";
}

export interface DetailedClassification extends Classification {
  /** What the customer asks for, where they say so (refund, replacement, repair, apology…). */
  wants: string[];
  /** Products, sites and services from the policy's topic list that the message mentions. */
  topics: string[];
  /** Adjustments the customer asks for in how we deal with them (a phone call, large print…). */
  adjustments: string[];
  /** BCP-47 code of the language the customer wrote in. */
  language: string;
}

type Rules = Policy["classification"];

/** What the rules need compiled once: negation word sets, the customer's words, the patterns. */
interface CompiledRules {
  negation: Negation;
  /** Negation undone by a "but" later in the sentence: "not a complaint as such, but…" still complains. */
  hedgedNegation: Negation;
  wideNegation: Negation;
  /** The wide negation, but not where it points at the one insulted ("not that idiot I had yesterday"). */
  insultNegation: Negation;
  customerWords: ReadonlySet<string>;
  staffWords: ReadonlySet<string>;
  someoneElseWords: ReadonlySet<string>;
  /** The policy's patterns by group ("kind") and then label ("problem"). */
  patterns: ReadonlyMap<string, Partial<Record<string, RegExp[]>>>;
  /** The vulnerability phrases told of someone else too ("lost his job"), for a colleague's note or an agent's letter. */
  vulnerabilityToldOfThem: Lexicon;
}

/**
 * Each phrase with its first-person words told of someone else, all of them at once: "lost my job" also
 * as "lost his job", "i'm on my own" also as "she's on her own".
 */
const TOLD_OF_THEM: readonly (readonly [RegExp, Readonly<Record<string, string>>])[] = [
  [/\bi'm\b/g, { he: "he's", she: "she's", they: "they're" }],
  [/\bi am\b/g, { he: "he is", she: "she is", they: "they are" }],
  [/\bmy\b/g, { he: "his", she: "her", they: "their" }],
  [/\bmyself\b/g, { he: "himself", she: "herself", they: "themselves" }],
];
const THIRD_PERSONS = ["he", "she", "they"] as const;
function toldOfThem(lexicon: Lexicon): Lexicon {
  const told = (phrase: string, person: (typeof THIRD_PERSONS)[number]) =>
    TOLD_OF_THEM.reduce((told, [first, others]) => told.replace(first, others[person] ?? ""), phrase);
  return Object.fromEntries(
    Object.entries(lexicon).map(([label, phrases]) => [
      label,
      phrases.flatMap((phrase) => [
        ...new Set([phrase, ...THIRD_PERSONS.map((person) => told(phrase, person))]),
      ]),
    ]),
  );
}

const compiled = new WeakMap<Rules, CompiledRules>();
function compile(rules: Rules): CompiledRules {
  let found = compiled.get(rules);
  if (!found) {
    const words = new Set(rules.negation.words.map(normaliseText));
    const patterns = new Map<string, Partial<Record<string, RegExp[]>>>();
    for (const [rule, sources] of Object.entries(rules.patterns)) {
      const [group = "", label = ""] = rule.split(":");
      const byLabel = patterns.get(group) ?? {};
      byLabel[label] = sources.map((source) => new RegExp(source, "giu"));
      patterns.set(group, byLabel);
    }
    const wideNegation: Negation = {
      words,
      window: rules.negation.wide.window,
      overriddenBy: rules.negation.wide.overriddenBy,
      idioms: rules.negation.idioms,
    };
    found = {
      negation: { words, window: rules.negation.window, idioms: rules.negation.idioms },
      hedgedNegation: {
        words,
        window: rules.negation.window,
        idioms: rules.negation.idioms,
        overriddenBy: [" but "],
      },
      wideNegation,
      insultNegation: { ...wideNegation, idioms: [...rules.negation.idioms, ...rules.negation.pointing] },
      customerWords: new Set(rules.scope.customer.map(normaliseText)),
      staffWords: new Set(rules.scope.staff.map(normaliseText)),
      someoneElseWords: new Set(rules.scope.someoneElse.map(normaliseText)),
      vulnerabilityToldOfThem: toldOfThem(rules.vulnerability),
      patterns,
    };
    compiled.set(rules, found);
  }
  return found;
}

const appliesTo = (list: readonly string[], rule: string) =>
  list.includes(rule) || list.includes(rule.slice(0, rule.indexOf(":")));

/** Lexicon hits with the hits of the same group's patterns added, label by label. */
function withPatterns(
  found: { hits: Map<string, string[]>; evidence: Evidence[] },
  patterns: { hits: Map<string, string[]>; evidence: Evidence[] },
) {
  const hits = new Map(found.hits);
  for (const [label, matched] of patterns.hits) hits.set(label, [...(hits.get(label) ?? []), ...matched]);
  return { hits, evidence: [...found.evidence, ...patterns.evidence] };
}

/** A run of words written in capitals is shouting: "I HAVE BEEN WITHOUT A PHONE LINE FOR 12 DAYS". */
function shouting(text: string): string | undefined {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/[^\p{L}']/gu, ""))
    .filter(Boolean);
  let run: string[] = [];
  for (const word of words) {
    if (word === word.toUpperCase() && word !== word.toLowerCase()) run.push(word);
    else run = [];
    if (run.length >= 5 && run.filter((w) => w.length >= 3).length >= 3)
      return `written in capitals: ${run.join(" ").toLowerCase()}`;
  }
  return undefined;
}

/** What the customer wants that is redress for a failure, not a service asked for. */
const REDRESS_WANTS = ["refund", "apology"];

/** How a legal step was mentioned when it was not threatened outright, by the evidence's rule. */
const LOWER_WEIGHT_LEGAL: ReadonlyMap<string, string> = new Map([
  [`negated:signal:${LEGAL_THREAT_SIGNAL}`, "mentioned only negated"],
  [`someone-else:signal:${LEGAL_THREAT_SIGNAL}`, "mentioned only as someone else's"],
  [`suggested:signal:${LEGAL_THREAT_SIGNAL}`, "mentioned only as someone else's suggestion"],
  [`supposed:signal:${LEGAL_THREAT_SIGNAL}`, "mentioned only as a supposition"],
]);
/**
 * A step negated, supposed or suggested is a step, never an errand; someone else's solicitor may be on one
 * ("my son's solicitor needs the invoice").
 */
const NEVER_AN_ERRAND = [
  `negated:signal:${LEGAL_THREAT_SIGNAL}`,
  `supposed:signal:${LEGAL_THREAT_SIGNAL}`,
  `suggested:signal:${LEGAL_THREAT_SIGNAL}`,
];

/** The colleague writing a note, as the one a caller's words were aimed at: "swore at me", "told us". */
const COLLEAGUE_AS_OBJECT = ["me", "us", "myself"];

/** Hardships and illnesses that can be over: "redundancy, but I've got a new job", "depression, but I'm well now". */
const PASSING = [
  `${VULNERABILITY_SIGNAL}:life-event`,
  `${VULNERABILITY_SIGNAL}:resilience`,
  `${VULNERABILITY_SIGNAL}:health`,
];

/**
 * The drivers of vulnerability that stay with a customer and so bear on how we deal with them next time
 * (a condition, a capability, money they are short of), as labels of the vulnerability lexicon; a signal's
 * own patterns ("my English is not so good", "behind on my rent") are of these too.
 */
const LASTING_DRIVERS: ReadonlySet<string> = new Set([
  "health",
  "capability",
  "resilience",
  VULNERABILITY_SIGNAL,
]);
/** A condition that passes, or a bereavement: an episode, not how the customer lives now. */
const PASSING_EPISODE =
  /hospital|operation|surgery|replacement|crutches|pregnan|broke|fracture|injur|accident|\bfall\b|\bfell\b|\bflu\b|covid|stitches|died|passed|killed/;
/** A pregnancy, which a question may be about rather than told as a circumstance. */
const PREGNANCY = /pregnan/;
/** A life event that lasts: caring for someone ("I care for my husband", "I look after my mum"). */
const CARING = /\bcar(?:e|er|ers|ing)\b|\blook(?:s|ing)? after\b/;

/** Chasing that tells of something not yet done: "still hasn't", "still waiting", not "round in circles" now over. */
const STILL_OUTSTANDING = /\b(?:still|yet)\b/;

/** Rules whose evidence tells of something that happened: in a supposition ("if it arrives damaged") it has not. */
const HAPPENED = ["cause", "dissatisfaction:broken-promise", "signal:data-breach"];

/**
 * For each rule, what sets its evidence aside for how it is meant: a supposition, a question, a
 * concession, someone else's step, a condition described, or a sentence not about the customer.
 */
function setAsidesFor(
  text: string,
  writtenByColleague: boolean,
  staffWords: ReadonlySet<string>,
  aboutCustomer: SetAside | undefined,
  vulnerabilityPhrases: readonly string[],
  legalNegation: Negation,
  {
    resolutionPhrases,
    thanksPhrases,
  }: { resolutionPhrases: readonly string[]; thanksPhrases: readonly string[] },
): (rule: string) => SetAside | undefined {
  const supposed: SetAside = (at) => (isSupposed(text, at) ? "supposed" : undefined);
  // "I'd rather give you the chance to put it right" wishes for a putting right; nothing was put right.
  const wishedFor: SetAside = (at) =>
    resolutionPhrases.some((phrase) => text.startsWith(phrase, at)) && isWishedFor(text, at)
      ? "wished-for"
      : undefined;
  // A legal word's first reading that applies, in order: what the word names, whose step it is, how it is meant.
  // A legal pattern is negated as a legal phrase is ("I don't want to drag the CAA into this"): a lower weight.
  const legalSetAsides: readonly (readonly [string, (at: number) => boolean])[] = [
    ["negated", (at) => negatedAt(text, at, legalNegation) !== undefined],
    ["a-place-name", (at) => namesAPlace(text, at)],
    ["a-publication", (at) => namesAPublication(text, at)],
    ["a-courts-authority", (at) => namesACourtsAuthority(text, at)],
    ["a-job", (at) => namesALegalJob(text, at)],
    ["other-legal-work", (at) => namesASolicitorsOtherWork(text, at, raisesAStep)],
    ["a-claim-against-someone-else", () => isAClaimAgainstSomeoneElse(text, raisesAStep)],
    ["against-the-customer", (at) => !writtenByColleague && isAgainstTheCustomer(text, at)],
    ["our-step-against-the-customer", (at) => isOurStepAgainstTheCustomer(text, at, raisesAStep)],
    ["someone-elses-own-matter", (at) => isSomeoneElsesOwnMatter(text, at)],
    ["suggested", (at) => isSomeoneElsesSuggestion(text, at)],
    ["someone-else", (at) => isSomeoneElsesStep(text, at)],
    [
      "our-staffs-words",
      (at) =>
        !writtenByColleague &&
        isOurStaffsWords(text, at, staffWords) &&
        !raisesAStep(sentenceAfter(text, at)),
    ],
    ["supposed", (at) => isSupposedStep(text, at) || isAskedOnASupposition(text, at, raisesAStep)],
  ];
  return (rule) => {
    if (rule.startsWith(`${VULNERABILITY_SIGNAL}:`))
      return (at) =>
        namesAFacilityOrJob(text, at)
          ? "a-facility-or-job"
          : blamesAFault(text, at)
            ? "a-fault-of-ours"
            : isAFigureOfSpeech(text, at)
              ? "a-figure-of-speech"
              : isCareOfAnAnimal(text, at)
                ? "an-animals-care"
                : PASSING.includes(rule) && isOverAlready(text, at)
                  ? "over-already"
                  : isATreatmentWeProvide(text, at)
                    ? "a-treatment-we-provide"
                    : rule === `${VULNERABILITY_SIGNAL}:bereavement` && isWrittenForTheEstate(text)
                      ? "written-for-the-estate"
                      : aboutCustomer?.(at);
    // Praise inside a question ("is there anything outstanding?") praises nobody.
    // "My patient number is…" and "any balance remains outstanding" praise nobody either, nor does a
    // colleague's "she was upset but polite", which tells of the customer's manner.
    if (rule === "kind:compliment")
      return (at) =>
        isAsked(text, at)
          ? "asked"
          : isPraiseInAnotherSense(text, at)
            ? "another-sense"
            : writtenByColleague && isTheCustomersManner(text, at)
              ? "the-customers-manner"
              : wishedFor(at);
    if (rule === "kind:resolution") return wishedFor;
    // "Is it supposed to do this?" asks how things should be; it claims no promise was broken. "She rang me
    // back as she promised" tells of a promise kept; "not sure what we're supposed to do next" asks the
    // writer's own next step.
    if (rule === "dissatisfaction:broken-promise")
      return (at) =>
        supposed(at) ??
        (isOpenQuestion(text, at)
          ? "asked"
          : isAPromiseKept(text, at)
            ? "kept"
            : isTheWritersOwnStep(text, at)
              ? "the-writers-own-step"
              : undefined);
    // "Refund of duplicate raised" tells of a refund given, "how is the refund worked out?" asks how one
    // works: neither wants one.
    if (rule === "want:refund")
      return (at) => (isARefundGiven(text, at) ? "given-or-asked-about" : undefined);
    // "Let me know if I'm owed anything back" asks whether redress is due; it claims nothing went wrong.
    if (rule === "dissatisfaction:redress")
      return (at) => (isRedressAskedAbout(text, at) ? "asked-about" : undefined);
    // "Thanks for chasing it up for me" thanks someone for chasing; the writer chases nobody.
    if (rule === "dissatisfaction:chasing")
      return (at) => (isThankedFor(text, at) ? "thanked-for" : undefined);
    // "If I'm not happy with the answer, how long do I have?" is not unhappy yet; "my english is not good"
    // says nothing of us, nor does "I'm hopeless with computers" or "we've had a horrible few months"; "it
    // would have been a nightmare otherwise" names a trouble averted; "poor thing" is sympathy.
    if (rule === "dissatisfaction:explicit")
      return (at) =>
        supposed(at) ??
        (isAboutTheWritersOwnAbility(text, at) || isSelfDeprecation(text, at)
          ? "the-writers-own"
          : isAHardTime(text, at)
            ? "a-hard-time"
            : isAverted(text, at)
              ? "averted"
              : isSaidInSympathy(text, at)
                ? "in-sympathy"
                : undefined);
    // "My brother keeps telling me to get a solicitor, but I just want it fixed": someone else's step;
    // "if I went to the ombudsman, how long would it take?": a step supposed; "you'll take me to court if
    // I don't pay": a step against the customer, not theirs (in a colleague's note "us" is the organisation:
    // "the new owners would have to take us to court"), and so is our own letter or summons told back ("a
    // letter saying it will go to court"); "our solicitor is dealing with probate" is other legal work. Our
    // words the customer takes up in the next sentence ("your policy says I can go to the ombudsman. I
    // will.") are their step.
    if (rule === `signal:${LEGAL_THREAT_SIGNAL}`)
      return (at) => legalSetAsides.find(([, applies]) => applies(at))?.[0];
    // "He gets very distressed by phone calls" tells of a condition, not of what we did; "thank you!!" is
    // glad, not distressed.
    if (rule === "dissatisfaction:distress")
      return (at) =>
        containsAny(sentenceAround(text, at), vulnerabilityPhrases)
          ? "describes-a-condition"
          : /[?!]/.test(text.charAt(at)) && containsAny(sentenceAround(text, at), thanksPhrases)
            ? "in-thanks"
            : undefined;
    // "Although it was a day late, the driver was really helpful": the delay is granted, not complained of;
    // "without your engineer it would have been a weekend with no heating": the fault was averted.
    if (rule === "kind:problem" || rule === "dissatisfaction:elapsed-time")
      return (at) =>
        supposed(at) ?? (isConceded(text, at) ? "conceded" : isAverted(text, at) ? "averted" : undefined);
    return appliesTo(HAPPENED, rule) ? supposed : undefined;
  };
}

/**
 * Whether an ask found in the text is about the customer's own matter ("could she send me the forms?"),
 * not thanks to pass on ("please pass on my thanks") or praise ("please keep doing it").
 */
function asksAboutTheirOwnMatter(
  text: string,
  asked: string,
  customerWords: ReadonlySet<string>,
  thanks: readonly string[],
): boolean {
  for (const at of occurrences(text, asked)) {
    const sentence = sentenceAround(text, at + asked.length - 1);
    if (
      (firstWordIn(sentence, customerWords) || KEEPS_AN_ARRANGEMENT.test(sentence)) &&
      !containsAny(sentence, thanks)
    )
      return true;
  }
  return false;
}

/** An ask that what was done for the customer carries on: "please make sure whoever covers for him does the same". */
const KEEPS_AN_ARRANGEMENT =
  /\b(?:whoever (?:covers|takes over|replaces)|(?:do|does|doing) the same|next time|in future|from now on|going forward)\b/;

export function classify(
  input: ClassificationInput,
  rules: Rules,
  learned: LearnedReadings = LEARNED,
): DetailedClassification {
  const {
    negation,
    hedgedNegation,
    wideNegation,
    insultNegation,
    customerWords,
    staffWords,
    someoneElseWords,
    patterns,
    vulnerabilityToldOfThem,
  } = compile(rules);
  // The subject line is a sentence of its own, and so is a paragraph that ends without a stop.
  const content = prepareText(
    `${input.subject}.\n${input.text.replace(/([^.!?\s])[ \t]*\n[ \t]*\n/g, "$1.\n\n")}`,
  );
  const text = content.text;
  const find = (lexicon: Lexicon, group: string, options?: MatchOptions) =>
    matchLexicon(content, lexicon, group, options);
  // Whose situation counts as the customer's: theirs, or that of the person they write for.
  const actingFor = withPatterns(
    find({ [ACTING_FOR]: rules.scope.actingFor }, "scope", {
      setAsideFor: () => (at) => (isSomethingGotForThem(text, at) ? "got-for-them" : undefined),
    }),
    matchPatterns(content, patterns.get("scope") ?? {}, "scope"),
  );
  const actsForSomeone = actingFor.hits.size > 0;
  // A colleague's note is about the customer throughout, save a condition whose nearest person is someone
  // else's ("to be sent to a colleague who is going through cancer treatment").
  const aboutCustomer: SetAside | undefined =
    input.writtenBy === "colleague"
      ? (at) =>
          ownedBySomeoneElse(text, at, customerWords, someoneElseWords) ? "not-about-customer" : undefined
      : actsForSomeone
        ? undefined
        : (at) =>
            (firstWordIn(sentenceAround(text, at), customerWords) || isToldOfTheirHousehold(text, at)) &&
            !aboutSomeoneNamedBefore(text, at) &&
            !ownedBySomeoneElse(text, at, customerWords, someoneElseWords, true)
              ? undefined
              : "not-about-customer";
  const setAsideFor = setAsidesFor(
    text,
    input.writtenBy === "colleague",
    staffWords,
    aboutCustomer,
    Object.values(rules.vulnerability).flat(),
    wideNegation,
    { resolutionPhrases: rules.resolution.map(normaliseText), thanksPhrases: rules.thanks },
  );
  const options: MatchOptions = {
    negationFor: (rule: string) =>
      appliesTo(rules.negation.wide.appliesTo, rule)
        ? wideNegation
        : rule === "dissatisfaction:explicit"
          ? hedgedNegation
          : appliesTo(rules.negation.appliesTo, rule)
            ? negation
            : undefined,
    setAsideFor,
  };
  const match = (lexicon: Lexicon, group: string) =>
    withPatterns(
      find(lexicon, group, options),
      matchPatterns(content, patterns.get(group) ?? {}, group, setAsideFor),
    );
  // What a colleague's note tells the customer asked for ("asked for letters in large print") is their
  // request; in a customer's own message "I asked for a refund" tells of an earlier one.
  const kinds = withPatterns(
    match(rules.kinds, "kind"),
    matchPatterns(
      content,
      input.writtenBy === "colleague" ? (patterns.get("noted") ?? {}) : {},
      "kind",
      setAsideFor,
    ),
  );
  const dissatisfactionFound = match(rules.dissatisfaction, "dissatisfaction");
  const categories = find(rules.categories, "category", options);
  const causes = find(rules.causes, "cause", options);
  // Insults are abuse only when aimed at someone: "you lot are a bunch of clowns", not "what a shit week";
  // a colleague reporting abuse is the one it was aimed at ("called me a stupid cow"). Profanity is abuse
  // unless the writer turns it on themselves ("I'm a complete f***ing idiot") or swears about a thing or a
  // situation; in a colleague's note a customer's "my parcel" quoted names nobody it could be aimed at, "me"
  // does. Threats name their target.
  const aimedAt = input.writtenBy === "colleague" ? new Set([...staffWords, ...customerWords]) : staffWords;
  const swornAt =
    input.writtenBy === "colleague" ? new Set([...staffWords, ...COLLEAGUE_AS_OBJECT]) : staffWords;
  const notAimed = (at: number) => (isAimedAtSomeone(text, at, aimedAt) ? undefined : "not-aimed-at-staff");
  const insultSetAside = (rule: string): SetAside => {
    const setAside = setAsideFor(rule);
    return (at) => setAside?.(at) ?? notAimed(at);
  };
  // Profanity that is a word for people ("the lazy t***s on the bin wagon") is read as an insult.
  const profanitySetAside = (rule: string): SetAside => {
    const setAside = setAsideFor(rule);
    return (at) =>
      setAside?.(at) ??
      (isTurnedOnTheWriter(text, at)
        ? "turned-on-the-writer"
        : tellsOfSwearing(text, at)
          ? "tells-of-swearing"
          : input.writtenBy !== "colleague" && isSaidToTheWriter(text, at)
            ? "said-to-the-writer"
            : namesPeople(text, at)
              ? notAimed(at)
              : swearsAtAThingOrSituation(text, at, swornAt)
                ? "at-a-thing-or-situation"
                : undefined);
  };
  const insults = withPatterns(
    find({ [ABUSE_SIGNAL]: rules.insults }, "signal", {
      negationFor: () => insultNegation,
      setAsideFor: insultSetAside,
    }),
    matchPatterns(content, patterns.get("insult") ?? {}, "signal", insultSetAside),
  );
  const profanity = withPatterns(
    find({ [ABUSE_SIGNAL]: rules.profanity }, "signal", { ...options, setAsideFor: profanitySetAside }),
    matchPatterns(content, patterns.get("profanity") ?? {}, "signal", profanitySetAside),
  );
  // What a colleague's note tells the customer did to them ("swore at me throughout", "called me a
  // 'parasite'") is abuse aimed at staff; in a customer's own message the same words tell of staff.
  const reported = matchPatterns(
    content,
    input.writtenBy === "colleague" ? (patterns.get("reported") ?? {}) : {},
    "signal",
    setAsideFor,
  );
  const signals = withPatterns(
    withPatterns(withPatterns(match(rules.signals, "signal"), insults), profanity),
    reported,
  );
  // A colleague's note, or a letter written for someone, tells of the customer's situation in the third
  // person: "he'd lost his job".
  const vulnerability = match(
    input.writtenBy === "colleague" || actsForSomeone ? vulnerabilityToldOfThem : rules.vulnerability,
    VULNERABILITY_SIGNAL,
  );
  const wants = find(rules.wants, "want", options);
  const topics = find(rules.topics, "topic", options);
  const adjustments = find(rules.adjustments, "adjustment", options);
  const resolution = find({ resolution: rules.resolution }, "kind", options);
  const customerError = find({ "customer-error": rules.customerError }, "kind", options);
  const thanks = find({ thanks: rules.thanks }, "kind", options);
  const language = detectLanguage(input.text || input.subject, rules.language);
  // Limited English the customer never names, read from how they write it; a colleague's note is theirs.
  const limitedEnglish =
    input.writtenBy === "colleague" || language.language !== rules.language.default
      ? []
      : limitedEnglishShapes(input.text, rules.language);

  const hits = (found: ReadonlyMap<string, readonly string[]>, label: string) => found.get(label) ?? [];
  // The customer's own slip is not something gone wrong on our side; personal data shown to the wrong
  // person is, whoever noticed it.
  const failure = [
    ...(customerError.hits.size > 0 ? [] : hits(kinds.hits, "problem")),
    ...hits(signals.hits, DATA_BREACH_SIGNAL),
  ];
  const signalHits = new Map(signals.hits);
  const decisions: Evidence[] = [];
  // Money back or an apology wanted is redress: with something gone wrong, it is asked for because of it.
  const redressWanted = REDRESS_WANTS.flatMap((label) => wants.hits.get(label) ?? []);
  // A solicitor or a court in a message with nothing gone wrong, no redress wanted and no step threatened
  // is someone's errand ("my solicitor needs the invoice, could you send it?"), not a legal threat.
  const legalErrand =
    failure.length === 0 &&
    redressWanted.length === 0 &&
    dissatisfactionFound.hits.size === 0 &&
    (hits(kinds.hits, "request").length > 0 || hits(kinds.hits, "query").length > 0) &&
    !raisesAStep(text);
  if (signalHits.has(LEGAL_THREAT_SIGNAL) && legalErrand) {
    signalHits.delete(LEGAL_THREAT_SIGNAL);
    decisions.push({
      rule: `set-aside:signal:${LEGAL_THREAT_SIGNAL}`,
      matched: "mentioned with nothing gone wrong and no step threatened",
    });
  }
  // "I'm not going to the ombudsman yet", "my friend says I should go to the ombudsman": a legal step
  // mentioned only negated, supposed or as someone else's (their suggestion, say) carries a lower weight,
  // never zero.
  const lowerWeightLegal = signals.evidence.filter((e) => LOWER_WEIGHT_LEGAL.has(e.rule));
  const dissatisfactionEvidence = new Map(dissatisfactionFound.hits);
  // Shouting is in how it is written, not in the words: read from the customer's own text before it is lower-cased.
  const shouted = shouting(input.text);
  if (shouted)
    dissatisfactionEvidence.set("explicit", [...(dissatisfactionEvidence.get("explicit") ?? []), shouted]);
  if (redressWanted.length > 0)
    dissatisfactionEvidence.set("refund-demanded", [
      ...(dissatisfactionEvidence.get("refund-demanded") ?? []),
      ...redressWanted,
    ]);
  // A colleague's note that the customer was not complaining ("no complaint raised", "he was not angry
  // with us") is their reading of the call: chasing, time gone or distress told beside it do not outweigh it.
  const colleagueReadsNoComplaint =
    input.writtenBy === "colleague" &&
    !dissatisfactionEvidence.has("explicit") &&
    dissatisfactionFound.evidence.some((e) => e.rule === "negated:dissatisfaction:explicit");
  const dissatisfaction = decideDissatisfaction({
    found: colleagueReadsNoComplaint ? new Map() : dissatisfactionEvidence,
    failure: failure.length > 0,
    hostile: [ABUSE_SIGNAL, LEGAL_THREAT_SIGNAL].filter((signal) => signalHits.has(signal)),
    // A legal step the customer mentions only to deny it is no threat, but not nothing either.
    deniedLegalStep: lowerWeightLegal.length > 0,
  });
  const query = hits(kinds.hits, "query");
  const request = hits(kinds.hits, "request");
  // "No complaints at all" praises, unless it only leads into a question or an ask; in a colleague's note
  // ("no complaint raised") it reads the call, and praises nobody.
  const deniedComplaint =
    query.length === 0 && request.length === 0 && !colleagueReadsNoComplaint
      ? dissatisfactionFound.evidence
          .filter((e) => e.rule === "negated:dissatisfaction:explicit")
          .map((e) => e.matched)
      : [];
  const ruled = decideKind({
    dissatisfaction,
    praise: [...hits(kinds.hits, "compliment"), ...deniedComplaint],
    failure,
    // Data-protection words make a request when the customer asks for something, or tells of nothing gone
    // wrong; a report of personal data gone astray stays a report.
    dataRequest:
      hits(signalHits, DATA_BREACH_SIGNAL).length === 0 && (request.length > 0 || failure.length === 0)
        ? hits(signalHits, DATA_PROTECTION_SIGNAL)
        : [],
    request,
    query,
    wants: [...wants.hits.keys()],
    resolution: hits(resolution.hits, "resolution"),
    thanks: hits(thanks.hits, "thanks"),
  });
  const kindEvidence = [
    ...dissatisfactionFound.evidence,
    ...kinds.evidence,
    ...resolution.evidence,
    ...customerError.evidence,
    ...signals.evidence,
    ...wants.evidence,
  ];
  const decision = learned.kind(ruled, kindFeatures(input, kindEvidence));
  decisions.unshift({ rule: `decision:kind`, matched: `${decision.kind}: ${decision.because}` });

  const signalNames = new Set(signalHits.keys());
  if (vulnerability.hits.size > 0 || limitedEnglish.length > 0) signalNames.add(VULNERABILITY_SIGNAL);
  // A breach of personal data is a data-protection matter, though not a request; one the customer only
  // fears ("I'm not sure if someone has got into my account") carries a lower weight, never zero.
  if (signalNames.has(DATA_BREACH_SIGNAL)) signalNames.add(DATA_PROTECTION_SIGNAL);
  const fearedBreach = signals.evidence.find((e) => e.rule === `supposed:signal:${DATA_BREACH_SIGNAL}`);
  if (fearedBreach && !signalNames.has(DATA_PROTECTION_SIGNAL)) {
    signalNames.add(DATA_PROTECTION_SIGNAL);
    decisions.push({
      rule: `lower-weight:signal:${DATA_PROTECTION_SIGNAL}`,
      matched: `a breach only feared ("${fearedBreach.matched}"): a lower weight than one told, still referred as a data-protection matter`,
    });
  }
  if (dissatisfaction.dissatisfied) signalNames.add(DISSATISFACTION_SIGNAL);
  const [lowerWeight] = lowerWeightLegal;
  if (
    !signalNames.has(LEGAL_THREAT_SIGNAL) &&
    lowerWeight &&
    (!legalErrand || NEVER_AN_ERRAND.includes(lowerWeight.rule))
  ) {
    signalNames.add(LEGAL_THREAT_SIGNAL);
    decisions.push({
      rule: `lower-weight:signal:${LEGAL_THREAT_SIGNAL}`,
      matched: `${LOWER_WEIGHT_LEGAL.get(lowerWeight.rule)} ("${lowerWeight.matched}"): a lower weight than a threat made, still referred as a legal threat`,
    });
  }
  // A thank-you that tells of the customer's own condition still with them ("I'm registered blind", "my
  // English is not so good", "money is really tight", "I care for my husband") bears on how we deal with
  // them next time. Someone else's condition, one that is over, or a bereavement told as the occasion of
  // the help bears on it only when they ask for an adjustment, something is still open to handle ("I
  // still have his savings account to close, could she send the forms?", "though I still haven't had the
  // bin I asked for"), or they say it still affects them now ("I'm still finding every day hard").
  const stillAffected = matchPatterns(content, patterns.get("still-affected") ?? {}, "still-affected");
  const praisedWithCondition = decision.kind === "compliment" && signalNames.has(VULNERABILITY_SIGNAL);
  const ownConditionNow = !praisedWithCondition
    ? undefined
    : limitedEnglish.length > 0
      ? limitedEnglish[0]
      : [...vulnerability.hits, ...signalHits]
          .flatMap(([label, phrases]) =>
            label === VULNERABILITY_SIGNAL || LASTING_DRIVERS.has(label)
              ? phrases
              : label === "life-event"
                ? phrases.filter((phrase) => CARING.test(phrase))
                : [],
          )
          .find(
            (phrase) =>
              !PASSING_EPISODE.test(phrase) &&
              [...occurrences(text, phrase)].some((at) =>
                isToldOfTheOneWriting(text, at, input.writtenBy === "colleague"),
              ),
          );
  if (ownConditionNow)
    decisions.push({
      rule: `kept:signal:${VULNERABILITY_SIGNAL}`,
      matched: `mentioned in praise as the customer's own, still with them ("${ownConditionNow}"): it bears on how we deal with them next time`,
    });
  else if (
    praisedWithCondition &&
    !hits(dissatisfactionFound.hits, "chasing").some((chased) => STILL_OUTSTANDING.test(chased)) &&
    adjustments.hits.size === 0 &&
    stillAffected.hits.size === 0 &&
    !request.some((asked) => asksAboutTheirOwnMatter(text, asked, customerWords, rules.thanks))
  ) {
    signalNames.delete(VULNERABILITY_SIGNAL);
    decisions.push({
      rule: `set-aside:signal:${VULNERABILITY_SIGNAL}`,
      matched:
        "mentioned in praise, with no adjustment asked for and nothing open to handle: it does not bear on how we deal with the customer now",
    });
  }
  // "I'll be 34 weeks pregnant when we fly, do I need a letter?": a pregnancy that is the subject of a
  // question, with no adjustment asked for, is what the customer asks about, not how we should deal with
  // them. Told with a fault, a complaint or a request it bears on both, and stays.
  const conditionsFound = [...vulnerability.hits, ...signalHits]
    .filter(([label]) => label === VULNERABILITY_SIGNAL || label in rules.vulnerability)
    .flatMap(([, phrases]) => phrases);
  if (
    decision.kind === "query" &&
    signalNames.has(VULNERABILITY_SIGNAL) &&
    limitedEnglish.length === 0 &&
    adjustments.hits.size === 0 &&
    conditionsFound.length > 0 &&
    conditionsFound.every((phrase) => PREGNANCY.test(phrase))
  ) {
    signalNames.delete(VULNERABILITY_SIGNAL);
    decisions.push({
      rule: `set-aside:signal:${VULNERABILITY_SIGNAL}`,
      matched: "a pregnancy asked about, with no adjustment asked for: it is what the question is about",
    });
  }
  const repeatContact = repeatContactEvidence(input.history, rules.repeatContact.minimumRecentCases);
  if (repeatContact) signalNames.add(REPEAT_CONTACT_SIGNAL);

  const evidence: Evidence[] = [
    ...dissatisfactionFound.evidence,
    ...kinds.evidence,
    ...resolution.evidence,
    ...customerError.evidence,
    ...thanks.evidence,
    ...stillAffected.evidence,
    ...actingFor.evidence,
    ...categories.evidence,
    ...causes.evidence,
    ...signals.evidence,
    ...vulnerability.evidence,
    ...(limitedEnglish.length > 0
      ? [
          {
            rule: "vulnerability:capability",
            matched: `written in limited English: ${limitedEnglish.join(", ")}`,
          },
        ]
      : []),
    ...(repeatContact ? [repeatContact] : []),
    ...wants.evidence,
    ...adjustments.evidence,
    ...topics.evidence,
    ...language.evidence,
  ];
  // The rules miss some ways of telling us about a condition or a data-protection matter: each learned
  // reading, weighing the words with everything the rules found, adds its signal where they found none and
  // it is sure enough. Every message is read by each, as every kind is weighed, so training sees the same
  // features Heed reads.
  const features = signalFeatures(input, [...decisions, ...evidence]);
  for (const [signal, weigh] of [
    [VULNERABILITY_SIGNAL, learned.vulnerability],
    [DATA_PROTECTION_SIGNAL, learned.dataProtection],
  ] as const) {
    const reading = weigh(features);
    if (signalNames.has(signal) || reading.probability < LEARNED_SIGNAL_THRESHOLD) continue;
    signalNames.add(signal);
    decisions.push({
      rule: `learned:signal:${signal}`,
      matched: `learned (${Math.round(reading.probability * 100)} %) from ${reading.because.join(", ") || "the wording as a whole"}: the rules found no sign of it`,
    });
  }

  const subjectCategories = matchLexicon(prepareText(input.subject), rules.categories, "category").hits;
  return {
    kind: decision.kind,
    category: decideCategory({ ...categories, inSubject: subjectCategories }),
    cause: decideCause(causes.hits),
    signals: [...signalNames],
    wants: [...wants.hits.keys()],
    topics: [...topics.hits.keys()],
    adjustments: [...adjustments.hits.keys()],
    language: language.language,
    evidence: [...decisions, ...evidence],
  };
}
