// Every letter Heed can send, rendered for every kind of case, every category, every level and every
// language with representative data, passes the promise and tone check; letters are accessible HTML
// that loads nothing, escape every value, and put nothing but the reference and the customer's subject
// (made header-safe) into the subject line. The catalogues themselves are validated at start-up.
import { describe, expect, it } from "vitest";
import { defaultCommunicationPolicy } from "../../shared/config/communication-policy";
import { defaultPolicy } from "../../shared/config/policy";
import { CASE_KINDS, type CaseRecord, REFERRAL_LEVELS } from "../../shared/domain/case";
import { numberOptions, outsideHelpFor } from "../../shared/domain/outcomes";
import {
  allowedPhrases,
  contactFor,
  responseTimeStatement,
  teamName,
} from "../../shared/domain/policy/communication-policy";
import { checkPromisesAndTone } from "../../shared/domain/promise-check";
import {
  renderAcknowledgement,
  renderNeutralAcknowledgement,
} from "../../shared/domain/templates/acknowledgement";
import { withCasePageLink } from "../../shared/domain/templates/case-page";
import { CARE_NOTES, MESSAGE_IDS, TemplateCatalogueError } from "../../shared/domain/templates/catalogue";
import { type Catalogue, parseCatalogue } from "../../shared/domain/templates/catalogue-schema";
import { CATALOGUES } from "../../shared/domain/templates/catalogues";
import { catalogueFor } from "../../shared/domain/templates/letter-language";
import {
  type Letterhead,
  letterValues,
  renderOptionsProposal,
  renderProgressUpdate,
  renderReplyNotice,
  renderResolvedOutcome,
  renderUnresolvedOutcome,
} from "../../shared/domain/templates/letters";
import { type RenderedMessage, renderMessage } from "../../shared/domain/templates/render";
import { sampleCase } from "./sample-case";

const communication = defaultCommunicationPolicy;
const allowed = allowedPhrases(defaultPolicy, communication);
const languages = Object.keys(CATALOGUES);
const categories = [...Object.keys(defaultPolicy.classification.categories), "other"];

/** What a member of staff might reasonably write: facts and process, no promises. */
const STAFF = {
  update: "We have asked the courier to trace your parcel.\n\nThey have told us it is at their depot.",
  message: "Thank you for your patience while we looked into this.",
  options: [
    { label: "A replacement kettle", detail: "sent to the address on your order" },
    { label: "A refund of the £34.99 you paid" },
  ],
  agreed: "We have refunded £34.99 to the card you paid with.",
  reasons: "The warranty on the kettle ended in March, before the fault appeared.",
};

function letterhead(record: CaseRecord, catalogue: Catalogue): Letterhead {
  return {
    catalogue,
    organisationName: defaultPolicy.organisation.name,
    teamName: teamName(record.referral.level, catalogue.language, defaultPolicy, communication),
  };
}

function everyLetter(record: CaseRecord, catalogue: Catalogue): RenderedMessage[] {
  const head = letterhead(record, catalogue);
  const contacts = (use: "unresolved" | "data-protection") =>
    outsideHelpFor(record, communication.outsideHelp, use).map((entry) =>
      contactFor(entry, catalogue.language),
    );
  return [
    renderAcknowledgement(record, head, {
      responseTimeStatement: responseTimeStatement(catalogue.language, defaultPolicy, communication),
      rightsHelp: contacts("data-protection"),
      adjustmentsOffered: communication.adjustmentsOffered,
    }),
    renderAcknowledgement(
      {
        ...record,
        classification: { ...record.classification, signals: ["data-protection"] },
      },
      head,
      { responseTimeStatement: null, rightsHelp: contacts("data-protection"), adjustmentsOffered: [] },
    ),
    // A customer who told us something that may make them vulnerable, by each driver a letter words.
    ...CARE_NOTES.map((note) =>
      renderAcknowledgement(
        {
          ...record,
          adjustments: ["large-print"],
          classification: {
            ...record.classification,
            signals: ["vulnerability"],
            evidence: [{ rule: `vulnerability:${note}`, matched: "…" }],
          },
        },
        head,
        {
          responseTimeStatement: responseTimeStatement(catalogue.language, defaultPolicy, communication),
          rightsHelp: [],
          adjustmentsOffered: communication.adjustmentsOffered,
        },
      ),
    ),
    renderNeutralAcknowledgement(record, head),
    renderReplyNotice(record, head),
    renderProgressUpdate(record, head, STAFF.update),
    renderOptionsProposal(record, head, numberOptions(STAFF.options), STAFF.message),
    renderResolvedOutcome(record, head, {
      agreed: STAFF.agreed,
      feedbackUrl: "https://api.example.com/feedback/CS-7K3MQ092.abc.1.sig",
      feedbackUntil: new Date("2026-12-21T10:00:00Z"),
    }),
    renderUnresolvedOutcome(record, head, { reasons: STAFF.reasons, outsideHelp: contacts("unresolved") }),
    renderMessage(catalogue, "case-page-link", letterValues(record, head)),
  ].map((letter) =>
    // Every letter closes with the case-page link; its wording is checked with the rest.
    withCasePageLink(letter, catalogue, {
      url: "https://api.example.com/case/CS-7K3MQ092.1798000000.sig",
      until: new Date("2026-12-21T10:00:00Z"),
    }),
  );
}

describe("every letter", () => {
  it("passes the promise and tone check for every kind, category, level and language", () => {
    let rendered = 0;
    const templates = new Set<string>();
    for (const language of languages) {
      for (const kind of CASE_KINDS) {
        for (const category of categories) {
          for (const level of REFERRAL_LEVELS) {
            const record: CaseRecord = {
              ...sampleCase,
              language,
              classification: { ...sampleCase.classification, kind, category },
              referral: { ...sampleCase.referral, level },
            };
            for (const letter of everyLetter(record, catalogueFor(language))) {
              expect(
                checkPromisesAndTone(letter.checkedText, allowed),
                `${letter.templateId}/${language}`,
              ).toEqual([]);
              expect(letter.language).toBe(language);
              templates.add(letter.templateId);
              rendered += 1;
            }
          }
        }
      }
    }
    expect([...templates].sort()).toEqual([...MESSAGE_IDS].sort());
    expect(rendered).toBeGreaterThan(1000);
  });

  it("is accessible HTML in the customer's language that loads nothing from elsewhere", () => {
    for (const language of languages) {
      for (const letter of everyLetter({ ...sampleCase, language }, catalogueFor(language))) {
        expect(letter.html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${language}">`));
        expect(letter.html).toContain('<meta charset="utf-8">');
        expect(letter.html).toContain(`<title>`);
        expect(letter.html).not.toMatch(/<img|<script|<link|<iframe|\bsrc=|url\(/i);
      }
    }
  });

  it("escapes what the customer and staff wrote in HTML and keeps it out of the check", () => {
    const attack = '<script>alert("x")</script> We will refund you';
    const record = { ...sampleCase, subject: attack, customer: { ...sampleCase.customer, name: attack } };
    const head = letterhead(record, catalogueFor("en"));

    const acknowledgement = renderAcknowledgement(record, head, {
      responseTimeStatement: null,
      rightsHelp: [],
      adjustmentsOffered: [],
    });
    const update = renderProgressUpdate(record, head, "<b>bold</b> & <i>more</i>");

    expect(acknowledgement.html).not.toContain("<script>");
    expect(acknowledgement.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(checkPromisesAndTone(acknowledgement.checkedText)).toEqual([]);
    expect(update.html).toContain("<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;more&lt;/i&gt;</p>");
    expect(update.checkedText).toContain("<b>bold</b>");
  });

  it("puts only the reference and the customer's subject, on one line, into the subject header", () => {
    const record = { ...sampleCase, subject: "Broken\r\nBcc: victim@example.org\u0000" };
    for (const letter of everyLetter(record, catalogueFor("en"))) {
      if (letter.templateId === "acknowledgement-neutral") continue;
      expect(letter.subject).toBe("Re: Broken Bcc: victim@example.org [CS-7K3MQ092]");
    }
  });

  it("quotes none of the sender's words in the acknowledgement to a sender SES could not authenticate", () => {
    // Prepare: a forged sender's chosen subject, name and words
    const record = {
      ...sampleCase,
      subject: "Buy cheap pills at spam.example",
      summary: "Visit spam.example now",
      customer: { ...sampleCase.customer, name: "Visit spam.example" },
    };

    // Act
    const letter = renderNeutralAcknowledgement(record, letterhead(record, catalogueFor("en")));

    // Assess
    expect(letter.subject).toBe("Your message to us [CS-7K3MQ092]");
    expect(`${letter.subject}\n${letter.text}\n${letter.html}`).not.toContain("spam.example");
    expect(letter.text).toContain("CS-7K3MQ092");
  });

  it("writes staff paragraphs as paragraphs and links the feedback page with a label", () => {
    const head = letterhead(sampleCase, catalogueFor("en"));
    const resolved = renderResolvedOutcome(sampleCase, head, {
      agreed: STAFF.agreed,
      feedbackUrl: "https://api.example.com/feedback/token",
      feedbackUntil: new Date("2026-12-21T10:00:00Z"),
    });
    const update = renderProgressUpdate(sampleCase, head, STAFF.update);

    expect(update.html).toContain(
      "<p>We have asked the courier to trace your parcel.</p>\n<p>They have told us",
    );
    expect(resolved.text).toContain("Tell us how we did: https://api.example.com/feedback/token");
    expect(resolved.text).toContain("This link works until 21 December 2026.");
    expect(resolved.html).toContain(
      '<a href="https://api.example.com/feedback/token">Tell us how we did</a>',
    );
  });

  it("numbers the options so the customer can answer with one", () => {
    const letter = renderOptionsProposal(
      sampleCase,
      letterhead(sampleCase, catalogueFor("en")),
      numberOptions(STAFF.options),
      undefined,
    );

    expect(letter.text).toContain("- Option 1: A replacement kettle – sent to the address on your order");
    expect(letter.text).toContain("- Option 2: A refund of the £34.99 you paid");
  });

  it("refers an unresolved case to outside help with its contact details, in the customer's language", () => {
    const record = { ...sampleCase, language: "cy" };
    const help = outsideHelpFor(record, communication.outsideHelp, "unresolved").map((entry) =>
      contactFor(entry, "cy"),
    );

    const letter = renderUnresolvedOutcome(record, letterhead(record, catalogueFor("cy")), {
      reasons: STAFF.reasons,
      outsideHelp: help,
    });

    expect(letter.text).toContain("Gwasanaeth defnyddwyr Cyngor ar Bopeth");
    expect(letter.text).toContain("Ffôn: 0808 223 1144");
    expect(letter.text).toContain("Gwefan: https://www.citizensadvice.org.uk/consumer/");
  });
});

describe("the message catalogues", () => {
  const english = structuredClone(CATALOGUES.en) as Catalogue;

  it("fall back to English for a language Heed has no letters in", () => {
    expect(catalogueFor("fr").language).toBe("en");
    expect(catalogueFor(undefined).language).toBe("en");
  });

  it("refuse a placeholder the message does not have", () => {
    const broken = structuredClone(english);
    broken.messages["reply-received"].blocks.push({ paragraph: "Your balance is {{balance}}." });

    expect(() => parseCatalogue(broken)).toThrow(/reply-received.*\{\{balance\}\}/);
  });

  it("refuse staff's free text in a subject line", () => {
    const broken = structuredClone(english);
    broken.messages["progress-update"].subject = "{{update}} [{{reference}}]";

    expect(() => parseCatalogue(broken)).toThrow(TemplateCatalogueError);
  });

  it("refuse a value used as the wrong kind of block", () => {
    const broken = structuredClone(english);
    broken.messages["progress-update"].blocks.push({ list: "update" });

    expect(() => parseCatalogue(broken)).toThrow(/progress-update has no list value called update/);
  });

  it("refuse a catalogue that lacks a message", () => {
    const broken = structuredClone(english) as { messages: Record<string, unknown> };
    delete broken.messages["outcome-unresolved"];

    expect(() => parseCatalogue(broken)).toThrow(/outcome-unresolved/);
  });
});
