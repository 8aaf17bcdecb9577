// The form page and its confirmation: every question labelled and hinted, errors tied to their fields
// and summarised, the honeypot hidden from people but not from bots, and everything a customer typed
// shown as text, never as markup.
import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { defineForm } from "../../shared/domain/form-submission";
import { checkPromisesAndTone } from "../../shared/domain/promise-check";
import {
  type Confirmation,
  escapeHtml,
  FORM_PAGE_SCRIPT,
  FORM_PAGE_STYLE,
  type FormPageModel,
  renderConfirmationPage,
  renderFormPage,
} from "../../shared/domain/templates/form-page";

const form = defineForm(Object.keys(defaultPolicy.classification.categories));

const model: FormPageModel = {
  organisationName: "Example Ltd",
  categories: form.categories,
  session: {
    submissionId: "5b0c7c9e-4f7e-4d3a-9a51-0d4c8f1b2a6e",
    formToken: `1795600000000.${"a".repeat(43)}`,
    noticeVersion: "2026-11-1",
  },
  notice: ["We use your details to look into your message."],
  action: "/api/forms",
};

const ATTACK = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;

function tagOf(html: string, id: string): string {
  const match = new RegExp(`<(?:input|textarea|fieldset)[^>]*id="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no element with id ${id}`);
  return match[0];
}

describe("renderFormPage", () => {
  it("labels every question, ties each hint to its field, and keeps the session in hidden fields", () => {
    const html = renderFormPage(model);

    for (const field of ["name", "email", "phone", "address", "postcode", "orderReference", "message"]) {
      expect(html).toContain(`<label for="field-${field}">`);
    }
    expect(tagOf(html, "field-email")).toContain('aria-describedby="field-email-hint"');
    expect(html).toContain('<p class="hint" id="field-email-hint">');
    expect(html).toContain(`<input type="hidden" name="submissionId" value="${model.session.submissionId}">`);
    expect(html).toContain(`<input type="hidden" name="formToken" value="${model.session.formToken}">`);
    expect(html).toContain('<input type="hidden" name="noticeVersion" value="2026-11-1">');
    expect(html).toContain('<html lang="en-GB">');
  });

  it("offers each category and way of contact as a radio button in a fieldset with a legend", () => {
    const html = renderFormPage(model);

    expect(html).toContain("<legend>What is your message about?</legend>");
    expect(html).toContain("<legend>How would you like us to contact you?</legend>");
    for (const category of form.categories) {
      expect(html).toContain(`type="radio" value="${category.key}"`);
      expect(html).toContain(`>${escapeHtml(category.label)}</label>`);
    }
  });

  it("posts without browser validation, so the server's messages are the ones people see", () => {
    expect(renderFormPage(model)).toMatch(/<form method="post" action="\/api\/forms" novalidate/);
  });

  it("hides the honeypot from people and assistive technology, but not as a hidden input", () => {
    const html = renderFormPage(model);

    const honeypot = tagOf(html, "field-website");
    expect(honeypot).toContain('type="text"');
    expect(honeypot).toContain('tabindex="-1"');
    expect(honeypot).toContain('autocomplete="off"');
    expect(html).toMatch(/<div class="extra-field" aria-hidden="true">\s*<label for="field-website">/);
  });

  it("summarises errors with links to their fields and ties each message to its field", () => {
    // Prepare
    const withErrors: FormPageModel = {
      ...model,
      values: { email: "jo@", category: "delivery" },
      fieldErrors: {
        email: { kind: "invalid", message: "Enter an email address like name@example.com" },
        contactPreference: { kind: "missing", message: "Select how you would like us to contact you" },
      },
    };

    // Act
    const html = renderFormPage(withErrors);

    // Assess
    expect(html).toContain("<title>Error: Tell us about a problem – Example Ltd</title>");
    expect(html).toMatch(/<div class="error-summary" role="alert" tabindex="-1"/);
    expect(html).toContain('<a href="#field-email">Enter an email address like name@example.com</a>');
    expect(html).toContain('<a href="#field-contactPreference">Select how you would like us');
    const email = tagOf(html, "field-email");
    expect(email).toContain('aria-describedby="field-email-hint field-email-error"');
    expect(email).toContain('aria-invalid="true"');
    expect(email).toContain('value="jo@"');
    expect(html).toContain('<p class="error-message" id="field-email-error">');
    expect(tagOf(html, "field-contactPreference")).not.toContain("checked");
    expect(html).toContain('<fieldset aria-describedby="field-contactPreference-error">');
    expect(html).toMatch(/id="field-category" name="category" type="radio" value="delivery" checked>/);
  });

  it("shows a problem with the whole post at the top of the summary", () => {
    const html = renderFormPage({ ...model, pageErrors: ["This page had been open for a long time."] });

    expect(html).toContain("<li>This page had been open for a long time.</li>");
  });

  it("shows what the customer typed as text, never as markup", () => {
    // Prepare
    const values = { name: ATTACK, message: `</textarea>${ATTACK}`, orderReference: "{{7*7}}" };

    // Act
    const html = renderFormPage({ ...model, values });

    // Assess
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(tagOf(html, "field-name")).toContain(`value="${escapeHtml(ATTACK)}"`);
    expect(html).toContain(`>&lt;/textarea&gt;${escapeHtml(ATTACK)}</textarea>`);
    expect(html).toContain('value="{{7*7}}"');
  });

  it("carries exactly one inline style and one inline script, the ones the CSP hashes", () => {
    const html = renderFormPage(model);

    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain(`<script>${FORM_PAGE_SCRIPT}</script>`);
    expect(html).toContain(`<style>${FORM_PAGE_STYLE}</style>`);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });
});

describe("renderConfirmationPage", () => {
  const confirmation: Confirmation = {
    organisationName: "Example Ltd",
    reference: "CS-7K3MQ09X",
    name: "Jo Bloggs",
    email: "jo@example.org",
    kind: "problem",
    categoryLabel: "A delivery",
    orderReference: "ORD-12345",
    contactPreference: "phone",
    phone: "+441614960000",
    postalAddress: undefined,
    teamName: "our customer service team",
    messageSummary: "My parcel has not arrived.",
  };

  it("gives the reference and restates in plain words what we understood", () => {
    const html = renderConfirmationPage(confirmation);

    expect(html).toContain("<strong data-reference>CS-7K3MQ09X</strong>");
    expect(html).toContain("<dd>You have had a problem with a delivery</dd>");
    expect(html).toContain("<dd>ORD-12345</dd>");
    expect(html).toContain("<dd>by telephone, on +441614960000</dd>");
    expect(html).toContain("<dd>“My parcel has not arrived.”</dd>");
    expect(html).toContain("passed to our customer service team, who will review it");
  });

  it("shows names and messages with markup as text", () => {
    const html = renderConfirmationPage({ ...confirmation, name: ATTACK, messageSummary: ATTACK });

    expect(html).not.toContain("<script>alert");
    expect(html).toContain(`Thank you, ${escapeHtml(ATTACK)}.`);
  });

  it("promises no outcome and no deadline", () => {
    const text = renderConfirmationPage(confirmation)
      .replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, "")
      .replace(/<[^>]+>/g, " ");

    expect(checkPromisesAndTone(text, defaultPolicy.promiseCheck.allowedPhrases)).toEqual([]);
  });
});
