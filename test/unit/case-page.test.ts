// The customer's case page, without I/O: links that cannot be forged, stretched or moved to another case
// or address; a page that shows the customer what is theirs and nothing staff keep to themselves, with
// every value escaped; additions checked against the page's limits by what their bytes are; and page
// wording that passes the promise and tone check in every language.
import { describe, expect, it } from "vitest";
import { HmacCasePageTokens } from "../../shared/adapters/hmac-case-page-tokens";
import { preferredLanguage } from "../../shared/adapters/http/html-pages";
import { defaultCommunicationPolicy } from "../../shared/config/communication-policy";
import { defaultPolicy } from "../../shared/config/policy";
import type { CaseRecord, TimelineEvent } from "../../shared/domain/case";
import { ADDITION_LIMITS, casePageCase, checkAddition, understoodText } from "../../shared/domain/case-page";
import { allowedPhrases } from "../../shared/domain/policy/communication-policy";
import { checkPromisesAndTone } from "../../shared/domain/promise-check";
import { type CasePageView, renderCasePage } from "../../shared/domain/templates/case-page";
import { casePageTexts } from "../../shared/domain/templates/catalogue";
import { CATALOGUES } from "../../shared/domain/templates/catalogues";
import { catalogueFor } from "../../shared/domain/templates/letter-language";
import { sampleCase } from "./sample-case";

const KEY = "k".repeat(40);
const NOW = new Date("2026-12-01T12:00:00Z");
const LATER = "2026-12-31T12:00:00.000Z";

describe("case-page links", () => {
  const tokens = new HmacCasePageTokens(KEY);
  const token = tokens.issue({ caseReference: "CS-7K3MQ092", expiresAt: LATER }, "Jo@Example.org");

  it("open the case they were issued for, for the address they were issued to, until they expire", () => {
    // Act
    const reading = tokens.read(token, "jo@example.org", NOW);

    // Assess
    expect(reading).toEqual({ valid: true, claims: { caseReference: "CS-7K3MQ092", expiresAt: LATER } });
    expect(tokens.caseReferenceOf(token)).toBe("CS-7K3MQ092");
    expect(tokens.read(token, "jo@example.org", new Date(LATER))).toEqual({
      valid: false,
      reason: "expired",
    });
  });

  it("refuse a forged signature, a stretched expiry, another case and another address", () => {
    const [reference, expires, signature] = token.split(".");
    const forged = `${reference}.${expires}.${"A".repeat(43)}`;
    const stretched = `${reference}.${Number(expires) + 86_400}.${signature}`;
    const otherCase = `CS-AAAAAAAA.${expires}.${signature}`;

    for (const candidate of [forged, stretched, otherCase, `${token}x`, "", "CS-7K3MQ092"]) {
      expect(tokens.read(candidate, "jo@example.org", NOW).valid, candidate).toBe(false);
    }
    expect(tokens.read(token, "someone@example.org", NOW)).toEqual({ valid: false, reason: "invalid" });
    expect(new HmacCasePageTokens("x".repeat(40)).read(token, "jo@example.org", NOW).valid).toBe(false);
  });

  it("bind the page's form token to the link it was served under", () => {
    const other = tokens.issue({ caseReference: "CS-7K3MQ092", expiresAt: LATER }, "other@example.org");

    expect(tokens.formToken(token)).toBe(tokens.formToken(token));
    expect(tokens.formToken(token)).not.toBe(tokens.formToken(other));
  });
});

const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

const timeline: TimelineEvent[] = [
  {
    type: "message-received",
    caseReference: sampleCase.reference,
    eventId: "received:mail:1",
    at: "2026-11-23T10:00:00.000Z",
    channel: "email",
    from: "jo@example.org",
    subject: "Parcel not arrived",
    messageId: "abc@example.org",
    inReplyTo: undefined,
    text: `Where is my parcel? ${XSS}`,
    textTruncated: false,
    rawLocation: "s3://raw/inbound/1",
    attachments: [],
    fromCustomer: true,
  },
  {
    type: "message-received",
    caseReference: sampleCase.reference,
    eventId: "received:mail:2",
    at: "2026-11-24T10:00:00.000Z",
    channel: "email",
    from: "neighbour@example.net",
    subject: "Re: Parcel not arrived",
    messageId: "def@example.net",
    inReplyTo: "abc@example.org",
    text: "A neighbour's own words and phone 07700 900 123",
    textTruncated: false,
    rawLocation: "s3://raw/inbound/2",
    attachments: [],
    fromCustomer: false,
  },
  {
    type: "note-added",
    caseReference: sampleCase.reference,
    eventId: "note:1",
    at: "2026-11-24T11:00:00.000Z",
    by: "alex.staffer",
    role: "frontline",
    text: "INTERNAL NOTE: customer sounded vulnerable",
  },
  {
    type: "referred",
    caseReference: sampleCase.reference,
    eventId: "referred:supervisor",
    at: "2026-11-23T10:00:01.000Z",
    level: "supervisor",
    reasonCode: "vulnerability",
    reason: "REFERRAL REASON: vulnerable customer",
  },
  {
    type: "message-sent",
    caseReference: sampleCase.reference,
    eventId: "acknowledgement",
    at: "2026-11-23T10:00:02.000Z",
    purpose: "acknowledgement",
    to: "jo@example.org",
    subject: "Re: Parcel not arrived [CS-7K3MQ092]",
    text: "Thank you for contacting us.",
    headers: {},
    messageId: "ack@example.com",
    providerMessageId: "p1",
  },
];

const record: CaseRecord = {
  ...sampleCase,
  classification: { ...sampleCase.classification, signals: ["vulnerability", "abuse"] },
  claim: { by: "alex.staffer", at: "2026-11-24T11:00:00.000Z" },
};

function caseView(language: string): CasePageView {
  const catalogue = catalogueFor(language);
  return {
    state: "case",
    catalogue,
    organisationName: "Example Ltd",
    case: casePageCase(
      { ...record, language },
      timeline,
      [
        {
          description: "Call you back about the parcel",
          state: "open",
          dueAt: "2026-12-03T10:00:00.000Z",
        },
      ],
      catalogue,
      "our customer service team",
    ),
    form: { formToken: "f", submissionId: "00000000-0000-4000-8000-000000000000" },
  };
}

describe("the case page", () => {
  it("shows the reference, what we understood, the team, commitments and letters, and nothing internal", () => {
    // Act
    const html = renderCasePage(caseView("en"));

    // Assess
    expect(html).toContain("CS-7K3MQ092");
    expect(html).toContain(understoodText(record, catalogueFor("en")));
    expect(html).toContain("our customer service team");
    expect(html).toContain("Call you back about the parcel");
    expect(html).toContain("Re: Parcel not arrived [CS-7K3MQ092]");
    for (const internal of [
      "INTERNAL NOTE",
      "REFERRAL REASON",
      "alex.staffer",
      "vulnerab",
      "abuse",
      "neighbour",
      "07700 900 123",
      "supervisor",
    ]) {
      expect(html.toLowerCase(), internal).not.toContain(internal.toLowerCase());
    }
  });

  it("shows the customer's own earlier text as inert text", () => {
    const html = renderCasePage(caseView("en"));

    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html.match(/<script/g)).toBeNull();
  });

  it("is in the case's language, with every field labelled", () => {
    const html = renderCasePage(caseView("cy"));

    expect(html).toContain('<html lang="cy">');
    expect(html).toContain(CATALOGUES.cy?.casePage.addHeading);
    for (const [, id] of html.matchAll(/<(?:input|textarea)[^>]*\bid="([^"]+)"/g)) {
      expect(html, id).toContain(`<label for="${id}">`);
    }
  });

  it("says nothing that promises, blames or sets a deadline, in any language", () => {
    const allowed = allowedPhrases(defaultPolicy, defaultCommunicationPolicy);
    for (const catalogue of Object.values(CATALOGUES)) {
      for (const [path, text] of casePageTexts(catalogue.casePage)) {
        const filled = text.replaceAll(/\{\{\s*date\s*\}\}/g, "3 December 2026");
        expect(checkPromisesAndTone(filled, allowed), `${catalogue.language} ${path.join(".")}`).toEqual([]);
      }
    }
  });
});

describe("an addition", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const blank = { message: "", transactionReference: "", phone: "", files: [] };

  it("takes text, the answers to the closed questions and files of the accepted types", () => {
    // Act
    const checked = checkAddition(
      {
        message: "Here is the photo.\r\n",
        transactionReference: "ORD-12345",
        phone: "07700 900 982",
        files: [{ filename: "photo.png", declaredType: "image/png", bytes: png }],
      },
      "GB",
    );

    // Assess
    expect(checked).toMatchObject({
      valid: true,
      addition: {
        message: "Here is the photo.",
        transactionReference: "ORD-12345",
        phone: "+447700900982",
        files: [{ filename: "photo.png", detectedType: "image/png" }],
      },
    });
  });

  it("is refused when empty, too long, or with too many, too large or executable files", () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0]);
    const big = new Uint8Array(ADDITION_LIMITS.maxTotalFileBytes + 1).fill(0x41);
    const file = (bytes: Uint8Array, filename = "a.png") => ({ filename, declaredType: "image/png", bytes });

    expect(checkAddition(blank, "GB")).toEqual({ valid: false, errors: ["empty"] });
    expect(checkAddition({ ...blank, message: "x".repeat(5001) }, "GB")).toEqual({
      valid: false,
      errors: ["messageTooLong"],
    });
    expect(checkAddition({ ...blank, files: Array(6).fill(file(png)) }, "GB")).toEqual({
      valid: false,
      errors: ["tooManyFiles"],
    });
    expect(checkAddition({ ...blank, files: [file(big, "a.txt")] }, "GB")).toEqual({
      valid: false,
      errors: ["filesTooLarge"],
    });
    // Named and declared as a picture, but the bytes are a Windows program.
    expect(checkAddition({ ...blank, files: [file(exe)] }, "GB")).toEqual({
      valid: false,
      errors: ["fileType"],
    });
    expect(checkAddition({ ...blank, phone: "12" }, "GB")).toEqual({ valid: false, errors: ["phone"] });
    expect(checkAddition({ ...blank, transactionReference: "<b>" }, "GB")).toEqual({
      valid: false,
      errors: ["transactionReference"],
    });
  });

  it("ignores a file input left empty", () => {
    const checked = checkAddition(
      {
        ...blank,
        message: "Just text",
        files: [{ filename: "", declaredType: "application/octet-stream", bytes: new Uint8Array() }],
      },
      "GB",
    );

    expect(checked).toMatchObject({ valid: true, addition: { files: [] } });
  });
});

describe("a page that knows no case", () => {
  it("speaks the language the browser prefers among those Heed has, else English", () => {
    const available = ["en", "cy"];

    expect(preferredLanguage("cy-GB,cy;q=0.9,en;q=0.8", available)).toBe("cy");
    expect(preferredLanguage("en-GB, cy;q=0.5", available)).toBe("en");
    expect(preferredLanguage("fr, cy;q=0.3", available)).toBe("cy");
    expect(preferredLanguage("cy;q=0, fr", available)).toBeUndefined();
    expect(preferredLanguage(undefined, available)).toBeUndefined();
  });
});
