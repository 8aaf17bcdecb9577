import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { classify } from "../../shared/domain/classification";
import { decideReferral } from "../../shared/domain/referral-policy";

const rules = defaultPolicy.classification;

describe("classify", () => {
  it("recognises a complaint in a late delivery told with dissatisfaction, though the word is never used", () => {
    // Act
    const result = classify(
      "Where is my parcel",
      "My order still hasn't arrived and I'm really fed up.",
      rules,
    );

    // Assess
    expect(result.kind).toBe("complaint");
    expect(result.category).toBe("delivery");
    expect(result.cause).toBe("system-or-procedure-failure");
    expect(result.signals).toContain("dissatisfaction");
    expect(result.evidence).toContainEqual({ rule: "signal:dissatisfaction", matched: "fed up" });
  });

  it("reads a plain question as a query", () => {
    const result = classify("Opening hours", "What is the opening time of your Leeds shop?", rules);
    expect(result.kind).toBe("query");
    expect(result.signals).toEqual([]);
  });

  it("reads thanks without any problem as a compliment", () => {
    expect(classify("Thanks", "Thank you so much, brilliant service from Sam.", rules).kind).toBe(
      "compliment",
    );
  });

  it("sees an expectation gap when the customer says what they were told or expected", () => {
    const result = classify(
      "Price",
      "I was told the price included fitting, and I expected it to be fitted.",
      rules,
    );
    expect(result.cause).toBe("expectation-gap");
  });

  it("finds legal threats, vulnerability and data-protection requests", () => {
    const result = classify(
      "Subject access request",
      "My husband passed away last month. I want all the data you hold. Otherwise I will see my solicitor.",
      rules,
    );
    expect(result.signals).toEqual(
      expect.arrayContaining(["legal-threat", "vulnerability", "data-protection-request"]),
    );
  });
});

describe("decideReferral", () => {
  const referralFor = (subject: string, text: string) =>
    decideReferral(classify(subject, text, rules), defaultPolicy.referral);

  it("sends a data-protection request to head office", () => {
    expect(referralFor("Subject access request", "Please send me all the data you hold.").level).toBe(
      "head-office",
    );
  });

  it("sends a legal threat to management with the reason in words", () => {
    const referral = referralFor(
      "Refund",
      "If you don't refund me I will take you to the small claims court.",
    );
    expect(referral).toMatchObject({ level: "management", reasonCode: "legal-threat", state: "pending" });
    expect(referral.reason).toMatch(/legal threat/);
  });

  it("sends abusive messages and vulnerable customers to a supervisor", () => {
    expect(referralFor("Order", "You useless idiots lost my order again").level).toBe("supervisor");
    expect(referralFor("Bill", "I am disabled and the bill is wrong").level).toBe("supervisor");
  });

  it("sends a complaint to a supervisor and a plain query to frontline", () => {
    expect(referralFor("Complaint", "I want to complain about the delivery").level).toBe("supervisor");
    expect(referralFor("Question", "Do you sell gift cards?")).toMatchObject({
      level: "frontline",
      reasonCode: "standard",
    });
  });
});
