import { describe, expect, it } from "vitest";
import defaultPolicyJson from "../../shared/config/default-policy.json" with { type: "json" };
import { defaultPolicy } from "../../shared/config/policy";
import { PolicyError, parsePolicy } from "../../shared/domain/policy/organisation-policy";

/** The default policy with one change, made the way an administrator would edit the file. */
function edited(change: (policy: typeof defaultPolicyJson) => void): unknown {
  const policy = structuredClone(defaultPolicyJson);
  change(policy);
  return policy;
}

describe("parsePolicy", () => {
  it("accepts the default policy file, which is the documented example", () => {
    expect(parsePolicy(defaultPolicyJson)).toEqual(defaultPolicy);
  });

  it("has the categories the standards name", () => {
    expect(Object.keys(defaultPolicy.classification.categories)).toEqual([
      "delivery",
      "billing-refund",
      "product-fault",
      "staff-conduct",
      "website-system",
      "data-protection",
    ]);
  });

  it.each([
    [
      "a rule with an unknown signal",
      edited((p) => {
        p.referral.rules[0]?.when.signals?.splice(0, 1, "anger");
      }),
      'referral.rules.0.when.signals: unknown signal "anger"',
    ],
    [
      "a rule with an unknown category",
      edited((p) => {
        p.referral.rules.push({
          when: { categories: ["parking"] } as never,
          level: "frontline",
          reasonCode: "parking",
          reason: "Parking.",
        });
      }),
      'unknown category "parking"',
    ],
    [
      "a rule with no condition",
      edited((p) => {
        p.referral.rules.push({ when: {} as never, level: "frontline", reasonCode: "all", reason: "All." });
      }),
      "a rule needs at least one condition",
    ],
    [
      "a level with less authority than the one below",
      edited((p) => {
        p.authority.supervisor.refundUpTo = 20;
      }),
      "authority.supervisor.refundUpTo: a level may not have less authority than the level below it",
    ],
    [
      "a transaction pattern that is not a regular expression",
      edited((p) => {
        p.extraction.transactionReferences.order.patterns.push("(ORD-");
      }),
      "not a valid regular expression",
    ],
    [
      "a default language without stop words",
      edited((p) => {
        p.classification.language.default = "de";
      }),
      "the default language needs stop words too",
    ],
    [
      "an unknown phone region",
      edited((p) => {
        p.extraction.defaultRegion = "XX";
      }),
      "not a supported phone region",
    ],
    [
      "a misspelt setting",
      edited((p) => {
        (p.organisation as Record<string, unknown>).internalDomain = ["example.com"];
      }),
      "organisation",
    ],
  ])("rejects %s, naming where the mistake is", (_, input, message) => {
    expect(() => parsePolicy(input)).toThrow(PolicyError);
    expect(() => parsePolicy(input)).toThrow(message);
  });
});
