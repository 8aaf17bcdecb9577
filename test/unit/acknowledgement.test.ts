// The first reply: reference and how to quote it, what we understood with an invitation to correct it,
// one closed question per missing detail, what happens next naming the team, and the response-time
// statement only when configured, in the customer's language.
import { describe, expect, it } from "vitest";
import { defaultCommunicationPolicy } from "../../shared/config/communication-policy";
import { defaultPolicy } from "../../shared/config/policy";
import type { CaseRecord } from "../../shared/domain/case";
import { outsideHelpFor } from "../../shared/domain/outcomes";
import { contactFor } from "../../shared/domain/policy/communication-policy";
import { checkPromisesAndTone } from "../../shared/domain/promise-check";
import { closedQuestions, renderAcknowledgement } from "../../shared/domain/templates/acknowledgement";
import { CATALOGUES } from "../../shared/domain/templates/catalogues";
import type { Letterhead } from "../../shared/domain/templates/letters";
import { understand } from "../../shared/domain/understanding";
import { sampleCase } from "./sample-case";

const letterhead = (language = "en", teamName = defaultPolicy.organisation.teams.supervisor): Letterhead => ({
  catalogue: CATALOGUES[language] ?? (CATALOGUES.en as NonNullable<(typeof CATALOGUES)["en"]>),
  organisationName: defaultPolicy.organisation.name,
  teamName,
});
const noExtras = { responseTimeStatement: null, rightsHelp: [], adjustmentsOffered: [] };
/** A request from a customer who told us of a condition, in their language, with the evidence given. */
const toldOfACondition = (
  language: string,
  evidence: CaseRecord["classification"]["evidence"],
): CaseRecord => ({
  ...sampleCase,
  language,
  classification: { ...sampleCase.classification, kind: "request", signals: ["vulnerability"], evidence },
});

describe("renderAcknowledgement", () => {
  it("gives the reference, restates what we understood, and asks for a missing order number", () => {
    // Act
    const message = renderAcknowledgement(sampleCase, letterhead(), noExtras);

    // Assess
    expect(message.subject).toBe("Re: Parcel not arrived [CS-7K3MQ092]");
    expect(message.text).toContain("Dear Jo,");
    expect(message.text).toContain("under the reference CS-7K3MQ092. Please quote it in the subject line");
    expect(message.text).toContain("you are unhappy with a delivery");
    expect(message.text).toContain("If we have misunderstood anything, please reply and tell us.");
    expect(message.text).toContain("- Do you have an order, invoice or account number for this?");
    expect(message.text).toContain("passed to our customer service supervisors");
    expect(message.templateId).toBe("acknowledgement-complaint");
  });

  it("asks one closed question per missing detail and none the customer already answered", () => {
    const complete: CaseRecord = {
      ...sampleCase,
      transactionReferences: ["100234"],
      customer: { ...sampleCase.customer, phone: "+441614960000" },
    };

    expect(closedQuestions(sampleCase)).toEqual(["transaction-reference", "phone"]);
    expect(closedQuestions(complete)).toEqual([]);
    expect(renderAcknowledgement(complete, letterhead(), noExtras).text).not.toContain(
      "To help us look into this",
    );
  });

  it.each([
    ["an account number", "My bill has doubled and nobody explains why. Acc 40031552907"],
    ["a code on its own", "Hi ordered a grey throw got a cushion instead. HH-565001. What do I do?"],
    ["a receipt number", "The kettle leaks. Bought in store, receipt number 0418-2290-113."],
  ])("does not ask for a reference when the customer gave %s", (_, text) => {
    // Prepare
    const understanding = understand(
      { channel: "email", subject: "Problem", text, sender: { email: "jo@example.org", name: undefined } },
      defaultPolicy,
    );
    const record = { ...sampleCase, transactionReferences: understanding.transactionReferences };

    // Assess
    expect(understanding.transactionReferences).toHaveLength(1);
    expect(closedQuestions(record)).not.toContain("transaction-reference");
  });

  it("thanks a customer who paid a compliment and passes it on, with no complaint wording and no questions", () => {
    // Prepare: praise that mentions a hard time is still praise.
    const compliment = {
      ...sampleCase,
      customer: { ...sampleCase.customer, phone: undefined },
      classification: {
        ...sampleCase.classification,
        kind: "compliment" as const,
        signals: ["vulnerability"],
      },
    };

    // Act
    const message = renderAcknowledgement(compliment, letterhead(), noExtras);

    // Assess
    expect(closedQuestions(compliment)).toEqual([]);
    expect(message.templateId).toBe("acknowledgement-compliment");
    expect(message.text).toContain("your kind words");
    expect(message.text).toContain("who share comments like yours with the colleagues they are about");
    expect(message.text).not.toMatch(/complaint|unhappy|order, invoice|phone|number/i);
  });

  it.each([
    ["en", "If any of these would make it easier for you when you are in touch with us in future"],
    ["cy", "Os byddai unrhyw un o'r rhain yn ei gwneud yn haws i chi"],
  ])(
    "offers the adjustments in %s to a customer whose thank-you tells of their own lasting condition, and to no other",
    (language, intro) => {
      // Prepare
      const compliment = (signals: string[]): CaseRecord => ({
        ...sampleCase,
        language,
        customer: { ...sampleCase.customer, phone: undefined },
        classification: { ...sampleCase.classification, kind: "compliment", signals },
      });
      const extras = { ...noExtras, adjustmentsOffered: defaultCommunicationPolicy.adjustmentsOffered };

      // Act
      const own = renderAcknowledgement(compliment(["vulnerability"]), letterhead(language), extras);
      const plain = renderAcknowledgement(compliment([]), letterhead(language), extras);

      // Assess
      expect(own.templateId).toBe("acknowledgement-compliment");
      expect(own.text).toContain(intro);
      expect(plain.text).not.toContain(intro);
      expect(checkPromisesAndTone(own.checkedText)).toEqual([]);
      if (language === "en") {
        expect(own.text).toContain("- letters and emails in large print");
        expect(own.text).toContain("your kind words");
        expect(own.text).not.toMatch(/complaint|unhappy/i);
      }
    },
  );

  it.each([
    ["bereavement", "en", "We are very sorry for your loss"],
    ["health", "en", "Thank you for telling us about your health."],
    ["resilience", "en", "things may be difficult at the moment"],
    ["bereavement", "cy", "Mae'n ddrwg iawn gennym am eich colled"],
  ])(
    "recognises a %s in plain words in %s, offers the adjustments and asks only what is needed",
    (note, language, words) => {
      // Prepare
      const told = toldOfACondition(language, [{ rule: `vulnerability:${note}`, matched: "…" }]);
      const record: CaseRecord = {
        ...told,
        customer: { ...told.customer, phone: undefined },
        adjustments: ["phone-call"],
        transactionReferences: [],
        classification: { ...told.classification, category: "billing-refund" },
      };
      const head = letterhead(language);

      // Act
      const message = renderAcknowledgement(record, head, {
        ...noExtras,
        adjustmentsOffered: defaultCommunicationPolicy.adjustmentsOffered,
      });

      // Assess
      expect(message.templateId).toBe("acknowledgement-care");
      expect(message.text).toContain(words);
      expect(closedQuestions(record)).toEqual(["transaction-reference"]);
      if (language === "en") {
        expect(message.text).toContain(
          "We have noted on your case what you told us would help:\n- a phone call",
        );
        expect(message.text).toContain("- one named person to deal with");
        expect(message.text).toContain("- letters and emails in large print");
        expect(message.text).not.toMatch(/question about|unhappy|best number/);
      }
      expect(checkPromisesAndTone(message.checkedText)).toEqual([]);
    },
  );

  it.each([
    ["health", "en", "Thank you for telling us about the person you are writing for."],
    ["capability", "cy", "Diolch am ddweud wrthym am y person rydych yn ysgrifennu ar ei ran."],
    ["bereavement", "en", "We are very sorry for your loss"],
  ])(
    "thanks a writer who acts for someone for telling us of them, not of their own %s (%s)",
    (note, language, words) => {
      const record = toldOfACondition(language, [
        { rule: "scope:acting-for", matched: "people i support" },
        { rule: `vulnerability:${note}`, matched: "…" },
      ]);

      const message = renderAcknowledgement(record, letterhead(language), noExtras);

      expect(message.templateId).toBe("acknowledgement-care");
      expect(message.text).toContain(words);
      expect(message.text).not.toContain("about your health");
      expect(checkPromisesAndTone(message.checkedText)).toEqual([]);
    },
  );

  it("says nothing about timing unless a statement is configured, and then says it as policy", () => {
    const statement = "We aim to reply to most messages within 5 working days.";

    expect(renderAcknowledgement(sampleCase, letterhead(), noExtras).text).not.toMatch(/working days/);
    expect(
      renderAcknowledgement(sampleCase, letterhead(), { ...noExtras, responseTimeStatement: statement }).text,
    ).toContain(statement);
  });

  it("writes in Welsh to a customer who wrote in Welsh, naming the team in Welsh", () => {
    const welsh = { ...sampleCase, language: "cy" };

    const message = renderAcknowledgement(
      welsh,
      letterhead("cy", "goruchwylwyr ein gwasanaeth cwsmeriaid"),
      noExtras,
    );

    expect(message.language).toBe("cy");
    expect(message.text).toContain("Annwyl Jo,");
    expect(message.text).toContain("o dan y cyfeirnod CS-7K3MQ092");
    expect(message.text).toContain("rydych yn anfodlon ynghylch danfoniad");
    expect(message.text).toContain("bydd goruchwylwyr ein gwasanaeth cwsmeriaid yn ei hadolygu");
    expect(message.html).toContain('<html lang="cy">');
  });

  it("acknowledges a data protection request as one, with where to learn about rights", () => {
    const request: CaseRecord = {
      ...sampleCase,
      classification: {
        ...sampleCase.classification,
        signals: ["data-protection"],
        category: "other",
      },
    };
    const rightsHelp = outsideHelpFor(request, defaultCommunicationPolicy.outsideHelp, "data-protection").map(
      (entry) => contactFor(entry, "en"),
    );

    const message = renderAcknowledgement(request, letterhead("en", "our head office team"), {
      ...noExtras,
      rightsHelp,
    });

    expect(message.templateId).toBe("data-protection-acknowledgement");
    expect(message.text).toContain("as a data protection request under the reference CS-7K3MQ092");
    expect(message.text).toContain("Information Commissioner's Office (ICO)");
    expect(message.text).toContain("Phone: 0303 123 1113");
  });

  it("answers a data-protection matter only the learned reading found as the complaint it is, and a request as a request", () => {
    const learnedOnly = (kind: CaseRecord["classification"]["kind"]): CaseRecord => ({
      ...sampleCase,
      classification: {
        ...sampleCase.classification,
        kind,
        signals: ["data-protection", "dissatisfaction"],
        evidence: [{ rule: "learned:signal:data-protection", matched: "learned (80 %) from …" }],
      },
    });

    expect(renderAcknowledgement(learnedOnly("complaint"), letterhead(), noExtras).templateId).toBe(
      "acknowledgement-complaint",
    );
    expect(renderAcknowledgement(learnedOnly("request"), letterhead(), noExtras).templateId).toBe(
      "data-protection-acknowledgement",
    );
  });

  it("keeps a hostile subject on one line and out of the headers' reach", () => {
    const message = renderAcknowledgement(
      { ...sampleCase, subject: "Late\r\nBcc: x@example.org" },
      letterhead(),
      noExtras,
    );

    expect(message.subject).toBe("Re: Late Bcc: x@example.org [CS-7K3MQ092]");
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it("greets a customer without a name politely", () => {
    const message = renderAcknowledgement(
      { ...sampleCase, customer: { ...sampleCase.customer, name: undefined } },
      letterhead(),
      noExtras,
    );

    expect(message.text.startsWith("Hello,\n")).toBe(true);
  });
});
