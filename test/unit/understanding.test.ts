import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { formSubject } from "../../shared/domain/case";
import { LEARNED, RULES_ONLY } from "../../shared/domain/classification/learned";
import { careNoteFor } from "../../shared/domain/templates/acknowledgement";
import { type MessageToUnderstand, understand } from "../../shared/domain/understanding";
import { sampleCase } from "./sample-case";

const email = (overrides: Partial<MessageToUnderstand> = {}): MessageToUnderstand => ({
  channel: "email",
  subject: "My order",
  text: "It has not arrived.",
  sender: { email: "jane.smith@example.org", name: "Jane Smith" },
  ...overrides,
});

describe("understand", () => {
  it("reads a reply with a signature and a quoted letter of ours the way a colleague would", () => {
    // Prepare
    const text = [
      "This is the third time I have written. The kettle from order #100234 is still leaking",
      "and I want a refund of the £45 I paid. Please call me on 07700 900123.",
      "",
      "Kind regards,",
      "Jane Smith",
      "12 High Street",
      "Headingley",
      "Leeds",
      "ls6 3ab",
      "",
      "On Tue, 4 Nov 2025 at 09:12, Example Ltd <complaints@example.com> wrote:",
      "> We are sorry to hear about your kettle. Call us on 0808 157 0192 or reply to this email.",
    ].join("\n");

    // Act
    const understanding = understand(email({ subject: "Re: Leaking kettle", text }), defaultPolicy);

    // Assess
    expect(understanding.customer).toEqual({
      name: "Jane Smith",
      email: "jane.smith@example.org",
      phone: "+447700900123",
      address: "12 High Street, Headingley, Leeds",
      postcode: "LS6 3AB",
    });
    expect(understanding.transactionReferences).toEqual(["100234"]);
    expect(understanding.amountClaimed).toBe(45);
    expect(understanding.wants).toEqual(expect.arrayContaining(["refund", "callback"]));
    // Chasing ("third time", "still") and redress demanded make it a complaint, though the word is never used.
    expect(understanding.classification).toMatchObject({ kind: "complaint", category: "product-fault" });
    expect(understanding.classification.signals).toEqual(
      expect.arrayContaining(["repeat-contact", "dissatisfaction"]),
    );
    expect(understanding.referral).toMatchObject({ level: "supervisor", reasonCode: "repeat-contact" });
    expect(understanding.extracted.map((d) => d.value)).not.toContain("+448081570192");
  });

  it("records a Welsh complaint in Welsh and refers it like any other complaint", () => {
    const understanding = understand(
      email({
        subject: "Cwyn",
        text: "Mae fy archeb 55812 heb gyrraedd ers tair wythnos. Rwy'n anhapus iawn.\n\nCofion,\nRhys ap Gwilym",
        sender: { email: "rhys@example.org", name: undefined },
      }),
      defaultPolicy,
    );
    expect(understanding).toMatchObject({
      language: "cy",
      customer: { name: "Rhys ap Gwilym" },
      transactionReferences: ["55812"],
      classification: { kind: "complaint", category: "delivery" },
      referral: { level: "supervisor", reasonCode: "complaint" },
    });
  });

  it("records a French complaint in French", () => {
    const understanding = understand(
      email({
        subject: "Commande 55812",
        text: "Bonjour, je n'ai toujours pas reçu ma commande. Je suis très mécontente.\n\nCordialement,\nMarie Dupont",
      }),
      defaultPolicy,
    );
    expect(understanding).toMatchObject({ language: "fr", classification: { kind: "complaint" } });
  });

  it("records English as the language of an English message", () => {
    expect(understand(email(), defaultPolicy).language).toBe("en");
  });

  it("treats a sender at one of the organisation's own domains as an internal customer", () => {
    const understanding = understand(
      email({ sender: { email: "sam.jones@leeds.example.com", name: "Sam Jones" } }),
      defaultPolicy,
    );
    expect(understanding).toMatchObject({ customerType: "internal", identifiedBy: "customer" });
  });

  it("records a problem a colleague reported themselves as identified by staff", () => {
    const understanding = understand(
      {
        channel: "staff",
        subject: "Checkout down",
        text: "The website checkout has crashed for every customer since 9am.",
        sender: { email: "sam.jones@example.com", name: "Sam Jones" },
      },
      defaultPolicy,
    );
    expect(understanding).toMatchObject({
      customerType: "internal",
      identifiedBy: "staff",
      classification: { kind: "problem", category: "website-system" },
      topics: ["checkout"],
    });
  });

  it("records an external customer's email as identified by the customer", () => {
    expect(understand(email(), defaultPolicy)).toMatchObject({
      customerType: "external",
      identifiedBy: "customer",
    });
  });

  it("prefers what the customer typed into form fields to anything inferred from the text", () => {
    // Act
    const understanding = understand(
      {
        channel: "web-form",
        subject: "Order 55812 was refunded short. Call me on 07700 900999. J Smith",
        text: "Order 55812 was refunded short. Call me on 07700 900999.\n\nJ Smith",
        sender: { email: "jane.smith@example.org", name: "Jane Smith" },
        given: {
          name: "Jane Smith",
          phone: "07700 900123",
          postcode: "ls6 3ab",
          transactionReference: "ord-2024-55812",
          category: "billing-refund",
        },
      },
      defaultPolicy,
    );

    // Assess
    expect(understanding.customer).toMatchObject({ phone: "+447700900123", postcode: "LS6 3AB" });
    expect(understanding.transactionReferences).toEqual(["ORD-2024-55812", "55812"]);
    expect(understanding.extracted).toContainEqual({
      field: "phone",
      value: "+447700900123",
      source: "form",
      confidence: "high",
    });
    expect(understanding.classification.category).toBe("billing-refund");
    expect(understanding.classification.evidence).toContainEqual({
      rule: "category:form",
      matched: "billing-refund",
    });
  });

  it("classifies a form post from what the customer wrote, keeping their category choice as evidence", () => {
    // Act: a delivery complaint posted under "other".
    const understanding = understand(
      {
        channel: "web-form",
        subject: "Your driver left my parcel in the rain",
        text: "Your driver left my parcel in the rain and everything is soaked. This keeps happening and I'm sick of it.",
        sender: { email: "bea.lowe@example.org", name: "Bea Lowe" },
        given: { category: "website-system" },
      },
      defaultPolicy,
    );

    // Assess
    expect(understanding.classification).toMatchObject({ kind: "complaint", category: "delivery" });
    expect(understanding.classification.evidence).toContainEqual({
      rule: "category:form-choice",
      matched: "website-system",
    });
    expect(understanding.referral.level).toBe("supervisor");
  });

  it("reads a form post's words once: its subject is only their opening, cut short", () => {
    // Arrange: the form intake gives a post the start of its message as a subject.
    const text =
      "If I'm not happy with how you deal with my complaint, which ombudsman would I go to? Just asking for future reference.";

    // Act
    const understanding = understand(
      {
        channel: "web-form",
        subject: formSubject(text),
        text,
        sender: { email: "bea.lowe@example.org", name: "Bea Lowe" },
      },
      defaultPolicy,
    );

    // Assess: an ombudsman asked about on a supposition keeps its lower weight, never none.
    expect(formSubject(text).endsWith("…")).toBe(true);
    expect(understanding.classification.signals).toContain("legal-threat");
  });

  it.each([
    [
      "web-form",
      "I am registered blind, so please write to me in large print. The lamp I bought has a loose switch.",
    ],
    [
      "email",
      "I am registered blind, so please write to me in large print. The lamp I bought has a loose switch.",
    ],
    [
      "staff",
      "Mrs Ward rang. She is registered blind and would like letters in large print. Her lamp has a loose switch.",
    ],
  ] as const)(
    "refers a vulnerable customer to a supervisor whichever channel they used (%s)",
    (channel, text) => {
      const understanding = understand(
        {
          channel,
          subject: "Lamp switch",
          text,
          sender: { email: "a.ward@example.org", name: "Angela Ward" },
        },
        defaultPolicy,
      );
      expect(understanding.classification.signals).toContain("vulnerability");
      expect(understanding.referral).toMatchObject({
        level: "supervisor",
        reasonCode: "vulnerable-customer",
      });
      expect(understanding.adjustments).toContain("large-print");
    },
  );

  it("never flags a compliment that mentions someone's illness", () => {
    const understanding = understand(
      email({
        subject: "Thank you to Gareth",
        text: "My wife has MS and Gareth took the time to put the sofa exactly where she could reach it. Lovely man, thank you.",
      }),
      defaultPolicy,
    );
    expect(understanding.classification.kind).toBe("compliment");
    expect(understanding.classification.signals).toEqual([]);
    expect(understanding.referral.level).toBe("frontline");
  });

  it("refers a compliment that tells of the customer's own lasting condition to a supervisor, still as a compliment", () => {
    const understanding = understand(
      email({
        subject: "Thank you to Dom",
        text: "I'm registered blind and Dom put a raised label on the isolator switch so I can find it by touch. Please thank him.",
      }),
      defaultPolicy,
    );
    expect(understanding.classification.kind).toBe("compliment");
    expect(understanding.classification.signals).toContain("vulnerability");
    expect(understanding.referral).toMatchObject({ level: "supervisor", reasonCode: "vulnerable-customer" });
  });

  it("labels details of a message a colleague forwarded as forwarded", () => {
    const understanding = understand(
      email({ forwarded: true, text: "My parcel is lost. My number is 07700 900123." }),
      defaultPolicy,
    );
    expect(understanding.extracted).toContainEqual({
      field: "phone",
      value: "+447700900123",
      source: "forwarded",
      confidence: "high",
    });
  });

  it("counts the customer's recent cases as repeat contact and refers accordingly", () => {
    const understanding = understand(
      email({ text: "The replacement is broken too.", history: { recentCases: 4, windowDays: 30 } }),
      defaultPolicy,
    );
    expect(understanding.classification.signals).toContain("repeat-contact");
    expect(understanding.referral).toMatchObject({ level: "management", reasonCode: "frequent-contact" });
  });

  it("refers a claim beyond frontline authority to the lowest level that may agree it", () => {
    const understanding = understand(
      email({
        subject: "Refund",
        text: "Please refund the £180 I paid for delivery: I will collect the sofa from the store myself.",
      }),
      defaultPolicy,
      // The rules read a request here, so the amount alone decides the level.
      RULES_ONLY,
    );
    expect(understanding.amountClaimed).toBe(180);
    expect(understanding.referral).toMatchObject({ level: "supervisor", reasonCode: "above-authority" });
  });

  it("does not classify the words of a quoted earlier message or of the signature", () => {
    // Prepare
    const text = [
      "Could you tell me when the sale starts?",
      "",
      "Best wishes,",
      "Alex Court",
      "Court & Sons Solicitors",
      "",
      "> We are sorry you were unhappy with your complaint.",
    ].join("\n");

    // Act
    const understanding = understand(email({ subject: "Sale", text }), defaultPolicy);

    // Assess
    expect(understanding.classification).toMatchObject({ kind: "query", signals: [] });
    expect(understanding.referral.level).toBe("frontline");
  });

  it("reads an earlier message of the customer's own, forwarded or quoted, as their words, and a quoted one of ours as not", () => {
    // Prepare
    const forwarding = (from: string) =>
      [
        "Forwarding this as you asked, so it's on the record. Please use this email only.",
        "",
        "---------- Forwarded message ---------",
        `From: ${from}`,
        "Date: Mon, 23 Nov 2026",
        "Subject: Transfer",
        "",
        "My ex-partner has found out where I live and came to the door on Saturday.",
      ].join("\n");

    // Act
    const own = understand(email({ text: forwarding("Jane Smith <jane.smith@example.org>") }), defaultPolicy);
    const ours = understand(email({ text: forwarding("Example Ltd <support@example.com>") }), defaultPolicy);

    // Assess
    expect(own.classification.signals).toContain("vulnerability");
    expect(ours.classification.signals).not.toContain("vulnerability");
  });

  it("refers a condition only the learned reading found as any vulnerable customer's, with the evidence and a general care note", () => {
    const message = email({
      subject: "Meter",
      text: "Could someone read the meter for me this month? It's a bad patch at the moment.",
    });
    const sure = () => ({ probability: 0.8, because: ['"bad patch" (+1.20)'] });

    const byRules = understand(message, defaultPolicy, {
      ...LEARNED,
      vulnerability: RULES_ONLY.vulnerability,
    });
    const learned = understand(message, defaultPolicy, { ...LEARNED, vulnerability: sure });

    expect(byRules.classification.signals).not.toContain("vulnerability");
    expect(byRules.referral.level).toBe("frontline");
    expect(learned.classification.signals).toContain("vulnerability");
    expect(learned.referral).toMatchObject({ level: "supervisor", reasonCode: "vulnerable-customer" });
    expect(learned.classification.evidence).toContainEqual({
      rule: "learned:signal:vulnerability",
      matched: 'learned (80 %) from "bad patch" (+1.20): the rules found no sign of it',
    });
    expect(careNoteFor({ ...sampleCase, classification: learned.classification })).toBe("general");
  });
});
