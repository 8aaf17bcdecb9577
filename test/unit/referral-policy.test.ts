import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { CASE_KINDS, type Classification, REFERRAL_LEVELS } from "../../shared/domain/case";
import { LABELLED_SIGNALS, minimumLevelFor } from "../../shared/domain/labelled-set";
import { parsePolicy } from "../../shared/domain/policy/organisation-policy";
import { decideReferral, type ReferralFacts } from "../../shared/domain/referral-policy";

const facts = (
  overrides: Partial<Classification> = {},
  more: Partial<ReferralFacts> = {},
): ReferralFacts => ({
  classification: {
    kind: "query",
    category: "other",
    cause: "unknown",
    signals: [],
    evidence: [],
    ...overrides,
  },
  customerType: "external",
  amountClaimed: undefined,
  recentCases: undefined,
  ...more,
});

describe("decideReferral with the default policy", () => {
  it.each([
    [
      "a data-protection request to head office (the data protection officer)",
      facts({ kind: "request", signals: ["data-protection"] }),
      "head-office",
      "data-protection",
    ],
    [
      "a legal threat from a customer who keeps contacting us to head office",
      facts({ kind: "complaint", signals: ["legal-threat", "repeat-contact"] }),
      "head-office",
      "legal-threat-repeated",
    ],
    [
      "a legal threat or an ombudsman to management",
      facts({ kind: "complaint", signals: ["legal-threat"] }),
      "management",
      "legal-threat",
    ],
    [
      "an MP or councillor taking up the customer's case to management",
      facts({ kind: "query", signals: ["elected-representative"] }),
      "management",
      "elected-representative",
    ],
    [
      "a customer with four or more other recent cases to management",
      facts({ kind: "query" }, { recentCases: 4 }),
      "management",
      "frequent-contact",
    ],
    [
      "abusive language to management",
      facts({ kind: "query", signals: ["abuse"] }),
      "management",
      "abusive-language",
    ],
    [
      "a vulnerable customer to a supervisor",
      facts({ kind: "problem", signals: ["vulnerability"] }),
      "supervisor",
      "vulnerable-customer",
    ],
    [
      "repeat contact about a problem to a supervisor",
      facts({ kind: "problem", signals: ["repeat-contact"] }),
      "supervisor",
      "repeat-contact",
    ],
    [
      "a problem with a member of staff to a supervisor",
      facts({ kind: "problem", category: "staff-conduct" }),
      "supervisor",
      "staff-conduct",
    ],
    ["a complaint to a supervisor", facts({ kind: "complaint" }), "supervisor", "complaint"],
    ["a compliment to frontline", facts({ kind: "compliment" }), "frontline", "compliment"],
    ["a plain query to frontline", facts({ kind: "query" }), "frontline", "standard"],
    [
      "a refund within frontline authority to frontline",
      facts({ kind: "request" }, { amountClaimed: 40 }),
      "frontline",
      "standard",
    ],
    [
      "a refund above frontline authority to the lowest level that has it",
      facts({ kind: "request" }, { amountClaimed: 120 }),
      "supervisor",
      "above-authority",
    ],
    [
      "a complaint claiming more than a supervisor may refund to management",
      facts({ kind: "complaint" }, { amountClaimed: 600 }),
      "management",
      "above-authority",
    ],
  ] as const)("sends %s", (_, input, level, reasonCode) => {
    expect(decideReferral(input, defaultPolicy)).toMatchObject({ level, reasonCode, state: "pending" });
  });

  it("never refers below the labelling guide's minimum for the signals found, whatever the kind, sender or amount", () => {
    const rank = (level: string) => REFERRAL_LEVELS.indexOf(level as (typeof REFERRAL_LEVELS)[number]);
    const signalSets = LABELLED_SIGNALS.flatMap((signal) => [[signal], [signal, "repeat-contact"]]);
    for (const signals of [...signalSets, [...LABELLED_SIGNALS]])
      for (const kind of CASE_KINDS)
        for (const customerType of ["internal", "external"] as const)
          for (const amountClaimed of [undefined, 20, 400, 5000]) {
            const referral = decideReferral(
              facts({ kind, signals }, { customerType, amountClaimed, recentCases: 5 }),
              defaultPolicy,
            );
            expect(
              rank(referral.level),
              `${kind} ${signals} ${customerType} ${amountClaimed}`,
            ).toBeGreaterThanOrEqual(rank(minimumLevelFor(signals)));
          }
  });

  it("gives the reason as a sentence a colleague understands", () => {
    const referral = decideReferral(facts({ kind: "complaint", signals: ["legal-threat"] }), defaultPolicy);
    expect(referral.reason).toMatch(
      /^The customer mentions a solicitor, a court, a small claims claim, Trading Standards, a regulator or an ombudsman/,
    );
  });

  it("explains an amount beyond authority with the figures", () => {
    const referral = decideReferral(facts({ kind: "request" }, { amountClaimed: 120 }), defaultPolicy);
    expect(referral.reason).toBe(
      "The customer is asking for £120.00. A refund of £120.00 is more than the £50.00 that frontline staff may agree; a supervisor may agree up to £250.00.",
    );
  });

  it("names every reason that applied, the deciding one first", () => {
    // Act
    const referral = decideReferral(
      facts({ kind: "complaint", signals: ["vulnerability", "legal-threat"] }),
      defaultPolicy,
    );

    // Assess
    expect(referral.level).toBe("management");
    const sentences = referral.reason.split(/(?<=\.) /);
    expect(sentences[0]).toMatch(/solicitor/);
    expect(sentences.slice(1).join(" ")).toMatch(/vulnerable.*complaint/);
  });

  it("does not lower a level that already has the authority for the amount", () => {
    const referral = decideReferral(
      facts({ kind: "request", signals: ["data-protection"] }, { amountClaimed: 5000 }),
      defaultPolicy,
    );
    expect(referral).toMatchObject({ level: "head-office", reasonCode: "data-protection" });
  });
});

describe("decideReferral with a policy of the organisation's own", () => {
  const policy = parsePolicy({
    ...defaultPolicy,
    referral: {
      defaultLevel: "frontline",
      defaultReason: "Nothing calls for more than frontline.",
      rules: [
        {
          when: { amountClaimedOver: 100, categories: ["billing-refund"] },
          level: "management",
          reasonCode: "large-billing-claim",
          reason: "A billing claim over £100 goes to management.",
        },
        {
          when: { customerType: "internal" },
          level: "supervisor",
          reasonCode: "internal-customer",
          reason: "A colleague raised this, so a supervisor coordinates with their team.",
        },
        {
          when: { recentCasesAtLeast: 2, kinds: ["problem", "complaint"] },
          level: "supervisor",
          reasonCode: "third-contact",
          reason: "The customer has had two other cases recently.",
        },
      ],
    },
  });

  it.each([
    [facts({ category: "billing-refund" }, { amountClaimed: 150 }), "management", "large-billing-claim"],
    [facts({ category: "billing-refund" }, { amountClaimed: 90 }), "supervisor", "above-authority"],
    [facts({ category: "delivery" }, { amountClaimed: 150 }), "supervisor", "above-authority"],
    [facts({}, { customerType: "internal" }), "supervisor", "internal-customer"],
    [facts({ kind: "problem" }, { recentCases: 2 }), "supervisor", "third-contact"],
    [facts({ kind: "query" }, { recentCases: 2 }), "frontline", "standard"],
  ] as const)("applies its rules (%#)", (input, level, reasonCode) => {
    expect(decideReferral(input, policy)).toMatchObject({ level, reasonCode });
  });

  it("uses the policy's own reason when no rule matches", () => {
    expect(decideReferral(facts(), policy).reason).toBe("Nothing calls for more than frontline.");
  });
});
