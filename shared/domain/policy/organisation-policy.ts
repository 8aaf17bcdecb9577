// The shape of the organisation's policy: how details are found in a message, how it is classified, who
// it is referred to, what each level may agree to, when repeated themes raise an alert, and what
// acknowledgements may say. The domain owns the shape of its rules; shared/config/ loads the file
// (default-policy.json, the documented example) through parsePolicy at start-up.

import { isSupportedCountry } from "libphonenumber-js";
import * as z from "zod";
import { CASE_KINDS, REFERRAL_LEVELS } from "../case";
import { OTHER_CATEGORY } from "../classification/category";
import { DISSATISFACTION_EVIDENCE } from "../classification/dissatisfaction";
import {
  DATA_PROTECTION_SIGNAL,
  DISSATISFACTION_SIGNAL,
  REPEAT_CONTACT_SIGNAL,
  VULNERABILITY_SIGNAL,
} from "../classification/signals";
import { validated } from "./validated";

const key = z.string().regex(/^[a-z0-9-]+$/, "use lower-case letters, digits and hyphens");
const phrases = z.array(z.string().trim().min(1)).min(1);
const lexicon = z.record(key, phrases);
const level = z.enum(REFERRAL_LEVELS);
const negatable = z
  .string()
  .regex(/^(kind|category|cause|signal|want|topic|dissatisfaction|vulnerability)(:[a-z0-9-]+)?$/);

const regexSource = z.string().refine((source) => {
  try {
    new RegExp(source, "giu");
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");

/** A limit in the organisation's currency; null means the level has no limit. */
const limit = z.number().nonnegative().nullable();
const levelAuthority = z.strictObject({
  /** Largest refund staff at this level may agree without asking anyone. */
  refundUpTo: limit,
  /** Largest goodwill gesture (credit, voucher, compensation) staff at this level may agree. */
  goodwillUpTo: limit,
});

/** Every condition present must hold; lists within a condition are alternatives, except `signals`. */
const referralCondition = z
  .strictObject({
    kinds: z.array(z.enum(CASE_KINDS)).min(1).optional(),
    categories: z.array(key).min(1).optional(),
    /** All of these signals must be present. */
    signals: z.array(key).min(1).optional(),
    customerType: z.enum(["internal", "external"]).optional(),
    /** The amount the customer asks for is more than this. */
    amountClaimedOver: z.number().nonnegative().optional(),
    /** The customer had at least this many other cases in the caller's window. */
    recentCasesAtLeast: z.number().int().positive().optional(),
  })
  .refine((when) => Object.keys(when).length > 0, "a rule needs at least one condition");

const referralRule = z.strictObject({
  when: referralCondition,
  level,
  reasonCode: key,
  /** A full sentence a colleague reads in the referral: what was seen and why this level. */
  reason: z.string().min(1),
});

export const policySchema = z
  .strictObject({
    organisation: z.strictObject({
      name: z.string().min(1),
      teams: z.strictObject({
        frontline: z.string(),
        supervisor: z.string(),
        management: z.string(),
        "head-office": z.string(),
      }),
      /** Senders at these domains (or their subdomains) are internal customers. */
      internalDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)),
      /** The organisation's own numbers, never taken as a customer's (for example from a quoted letter). */
      phoneNumbers: z.array(z.string().min(1)),
      /** The organisation's own postcodes (returns address, head office), never taken as a customer's. */
      postcodes: z.array(z.string().min(1)),
      /** Amounts claimed and authority limits are in pounds sterling: the amounts Heed reads in messages are. */
      currency: z.literal("GBP"),
    }),
    extraction: z.strictObject({
      /** Region assumed for phone numbers written without a country code. */
      defaultRegion: z.string().refine(isSupportedCountry, "not a supported phone region"),
      /** Lines that end the message proper; the name under them is the sender's. */
      signOffs: phrases,
      /** Words near a phone number that say whose it is; the nearest one decides. */
      phoneContext: z.strictObject({ customer: phrases, otherParty: phrases }),
      /**
       * Transaction references by type. `keywords` introduce a reference ("order number 55812");
       * `patterns` recognise one on its own (the first capture group, else the whole match, is the value).
       */
      transactionReferences: z.record(
        key,
        z.strictObject({ keywords: z.array(z.string().min(1)), patterns: z.array(regexSource) }),
      ),
      /** A reference must have at least this many digits, so "order 2" or "account name" are not taken. */
      minimumReferenceDigits: z.number().int().min(1),
      /** Words that, in the same sentence as an amount, make it the amount the customer claims. */
      amountClaimWords: phrases,
    }),
    classification: z.strictObject({
      /** Evidence for each kind but complaint, which is decided from the dissatisfaction evidence. */
      kinds: z.strictObject({
        /** Something has gone wrong (a failure), told with or without dissatisfaction. */
        problem: phrases,
        request: phrases,
        query: phrases,
        /** Praise or thanks that is the point of the message, not a sign-off. */
        compliment: phrases,
      }),
      /**
       * Evidence of dissatisfaction by type (the labelling guide's complaint): explicit words, chasing and
       * repetition, broken promises, elapsed time, redress demanded and distress. Explicit words make a
       * complaint alone; the others make one together, or with a failure (see classification/kind.ts).
       */
      dissatisfaction: z.strictObject(
        Object.fromEntries(DISSATISFACTION_EVIDENCE.map((type) => [type, phrases])) as Record<
          (typeof DISSATISFACTION_EVIDENCE)[number],
          typeof phrases
        >,
      ),
      /**
       * Regular expressions for evidence phrases cannot list ("six weeks ago", "doesn't let me"), by the
       * rule they add to: `kind:<kind>`, `dissatisfaction:<type>` or `signal:<signal>`; `insult:abuse`
       * and `profanity:abuse` are read as `insults` and `profanity` are; `reported:<signal>` only in a
       * colleague's note, where it tells what the customer did to the colleague ("swore at me throughout");
       * `noted:<kind>` only in a colleague's note, where it tells what the customer asked for ("asked for
       * letters in large print");
       * `scope:acting-for` as `scope.actingFor` is; `still-affected:vulnerability` where the customer says a
       * condition still affects them now, which keeps a vulnerability told of in a thank-you.
       */
      patterns: z.record(
        z
          .string()
          .regex(
            /^(kind|dissatisfaction|signal|vulnerability|insult|profanity|reported|noted|scope|still-affected):[a-z-]+$/,
          ),
        z.array(regexSource),
      ),
      /** Signs that an earlier difficulty was put right: with praise, the message is a compliment. */
      resolution: phrases,
      /** The customer's own slip ("I ordered the wrong size"): nothing has gone wrong on our side. */
      customerError: phrases,
      /** Plain thanks ("thank you", "diolch"): praise when the message asks nothing, a sign-off when it does. */
      thanks: phrases,
      categories: lexicon,
      causes: z.strictObject({ "system-or-procedure-failure": phrases, "expectation-gap": phrases }),
      signals: lexicon,
      /**
       * Insults and milder profanity ("idiots", "thieves", "shit"): abuse only when aimed at someone, in a
       * sentence that speaks to or of staff (see `scope.staff`), not when they describe a situation.
       * Threats, aimed by their nature, are `signals.abuse`.
       */
      insults: phrases,
      /**
       * Strong profanity ("f***ing", "bastards"): abuse unless the writer turns it on themselves ("I'm a
       * complete f***ing idiot").
       */
      profanity: phrases,
      /**
       * What may make a customer vulnerable, by the FCA's drivers (FG21/1): health, life events
       * (bereavement apart, for the words a letter needs), resilience and capability. Any of them raises
       * the vulnerability signal when the sentence is about the customer or someone they act for.
       */
      vulnerability: z.strictObject({
        health: phrases,
        bereavement: phrases,
        "life-event": phrases,
        resilience: phrases,
        capability: phrases,
      }),
      /** What the customer asks for, where they say so. */
      wants: lexicon,
      /** Products, sites and services worth counting for repeated themes. */
      topics: lexicon,
      /**
       * Words that show whom a sentence is about. A vulnerability counts only in a sentence about the
       * customer (first person, or someone they act for: "my mother"), never about a colleague they praise.
       */
      scope: z.strictObject({
        customer: phrases,
        /** Phrases saying the writer acts for someone else, whose situation then counts as the customer's. */
        actingFor: phrases,
        /** Words that aim a sentence at staff or the organisation: "you", "your driver", "she". */
        staff: phrases,
        /**
         * Words naming someone outside the customer's own situation: "she", "my sister", "my neighbour". A
         * condition whose nearest person before it is one of these is theirs ("my sister is going through
         * cancer"), not the customer's.
         */
        someoneElse: phrases,
      }),
      /** Adjustments a customer may ask for in how we deal with them (a phone call, large print…). */
      adjustments: lexicon,
      negation: z.strictObject({
        /** A word from this list within `window` words before a phrase, in the same clause, cancels it. */
        words: phrases,
        window: z.number().int().min(1).max(6),
        /** Lexicons negation applies to: a group ("want") or one label of it ("signal:urgency"). */
        appliesTo: z.array(negatable),
        /** Phrases that begin with a negation word but deny nothing ("without doubt", "not only"). */
        idioms: z.array(z.string().trim().min(1)),
        /** A wider reach for what customers deny at length ("I'm not the sort to go running to a solicitor"). */
        wide: z.strictObject({
          window: z.number().int().min(1).max(12),
          appliesTo: z.array(negatable),
          /** Later in the sentence, these undo the denial: "I'd rather not involve a solicitor, but I will". */
          overriddenBy: phrases,
        }),
        /**
         * A negation that points at someone denies no insult: "put me through to someone else, not that
         * idiot I had yesterday". Read only for abuse.
         */
        pointing: phrases,
      }),
      repeatContact: z.strictObject({
        minimumRecentCases: z.number().int().positive(),
        /** How far back a customer's earlier cases count as repeat contact. */
        windowDays: z.number().int().positive(),
      }),
      language: z.strictObject({
        /** BCP-47 code of the language assumed when no other is clearly detected. */
        default: z.string().regex(/^[a-z]{2,3}$/),
        /** Frequent short words of each language; the language with most of them in the message wins. */
        stopWords: z.record(z.string().regex(/^[a-z]{2,3}$/), phrases),
        /** Hits needed before a language other than the default is recorded. */
        minimumHits: z.number().int().min(1),
        /**
         * Shapes of English written by someone still learning it ("he not come today", "what I do now?"):
         * a customer's message with `minimumShapes` different ones is read as written in limited English, a
         * vulnerability of capability the writer may never name.
         */
        limitedEnglish: z
          .strictObject({ shapes: z.array(regexSource).min(1), minimumShapes: z.number().int().min(2) })
          .optional(),
      }),
    }),
    referral: z.strictObject({
      defaultLevel: level,
      defaultReason: z.string().min(1),
      /** Every matching rule counts; the highest level wins and its reason comes first. */
      rules: z.array(referralRule),
    }),
    authority: z.strictObject({
      frontline: levelAuthority,
      supervisor: levelAuthority,
      management: levelAuthority,
      "head-office": levelAuthority,
    }),
    repeatedThemes: z.strictObject({
      /** Kinds of case counted towards a theme (praise is not a repeated problem). */
      kinds: z.array(z.enum(CASE_KINDS)).min(1),
      windowDays: z.number().int().min(1).max(366),
      /** Cases with the same theme in the window that raise an alert to management. */
      threshold: z.number().int().min(2),
    }),
    acknowledgement: z.strictObject({ responseTimeStatement: z.string().min(1).nullable() }),
    promiseCheck: z.strictObject({ allowedPhrases: z.array(z.string().min(1)) }),
  })
  .superRefine((policy, ctx) => {
    const { classification, referral, authority, extraction } = policy;
    const { language } = classification;
    if (!(language.default in language.stopWords))
      ctx.addIssue({
        code: "custom",
        path: ["classification", "language", "default"],
        message: "the default language needs stop words too",
      });
    const signals = new Set([
      ...Object.keys(classification.signals),
      REPEAT_CONTACT_SIGNAL,
      DISSATISFACTION_SIGNAL,
      VULNERABILITY_SIGNAL,
      DATA_PROTECTION_SIGNAL,
    ]);
    const categories = new Set([...Object.keys(classification.categories), OTHER_CATEGORY]);
    referral.rules.forEach((rule, index) => {
      for (const signal of rule.when.signals ?? [])
        if (!signals.has(signal))
          ctx.addIssue({
            code: "custom",
            path: ["referral", "rules", index, "when", "signals"],
            message: `unknown signal "${signal}"`,
          });
      for (const category of rule.when.categories ?? [])
        if (!categories.has(category))
          ctx.addIssue({
            code: "custom",
            path: ["referral", "rules", index, "when", "categories"],
            message: `unknown category "${category}"`,
          });
    });
    for (const action of ["refundUpTo", "goodwillUpTo"] as const) {
      let previous = 0;
      for (const name of REFERRAL_LEVELS) {
        const value = authority[name][action] ?? Number.POSITIVE_INFINITY;
        if (value < previous)
          ctx.addIssue({
            code: "custom",
            path: ["authority", name, action],
            message: "a level may not have less authority than the level below it",
          });
        previous = value;
      }
    }
    if (Object.keys(extraction.transactionReferences).length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["extraction", "transactionReferences"],
        message: "at least one type of transaction reference is needed",
      });
  });

export type Policy = z.infer<typeof policySchema>;

export class PolicyError extends Error {
  override name = "PolicyError";
}

export function parsePolicy(input: unknown): Policy {
  return validated(policySchema, input, "invalid policy", PolicyError);
}
