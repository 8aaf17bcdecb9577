// The web contact form and its confirmation, rendered on the server as one self-contained HTML page
// each: no build step, no external assets, and the form works without JavaScript. Every value that
// came from a customer is escaped, so what they typed is shown as text and never runs.

import type { CaseKind } from "../case";
import {
  type AnswerField,
  CONTACT_METHODS,
  type ContactMethod,
  FIELD_LIMITS,
  type FieldErrors,
  type FormCategory,
  type FormSession,
  type FormValues,
  formNumber,
  HONEYPOT_FIELD,
} from "../form-submission";

export interface FormPageModel {
  organisationName: string;
  categories: FormCategory[];
  session: FormSession;
  /** Privacy notice paragraphs, already worded for the organisation. */
  notice: readonly string[];
  values?: FormValues;
  fieldErrors?: FieldErrors;
  /** Problems that belong to no single field, listed first in the error summary. */
  pageErrors?: string[];
  /** Where the form posts to. */
  action: string;
}

export interface Confirmation {
  organisationName: string;
  reference: string;
  name: string;
  email: string;
  kind: CaseKind;
  categoryLabel: string;
  orderReference: string | undefined;
  contactPreference: ContactMethod;
  phone: string | undefined;
  postalAddress: string | undefined;
  teamName: string;
  messageSummary: string;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Safe in element content and in double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Inline, so the page needs no second request; the response's CSP allows exactly this text by hash. */
export const FORM_PAGE_STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b0c0c;background:#fff}
a{color:#1d70b8}a:visited{color:#4c2c92}
.skip-link{position:absolute;left:-9999px}.skip-link:focus{left:1rem;top:1rem;background:#fd0;padding:.5rem;z-index:1}
header{background:#0b0c0c;color:#fff;padding:1rem}header p{margin:0 auto;font-weight:700;max-width:38rem}
main{max-width:40rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:2rem;line-height:1.2;margin:1.5rem 0 1rem}
h2{font-size:1.375rem;margin:2rem 0 .75rem}
.field{margin:0 0 1.75rem}
.field--error{border-left:5px solid #d4351c;padding-left:1rem}
label,legend{display:block;font-weight:700;margin-bottom:.25rem}
fieldset{border:0;margin:0;padding:0}
.hint{color:#505a5f;margin:0 0 .5rem}
.error-message{color:#d4351c;font-weight:700;margin:0 0 .5rem}
input[type=text],input[type=email],input[type=tel],textarea{display:block;width:100%;font:inherit;padding:.4rem;border:2px solid #0b0c0c;border-radius:0}
input.width-10{max-width:11em}
.field--error input[type=text],.field--error input[type=email],.field--error input[type=tel],.field--error textarea{border-color:#d4351c}
textarea{min-height:10rem;resize:vertical}
.choice{display:flex;align-items:center;gap:.6rem;margin:.4rem 0}
.choice input{width:1.5rem;height:1.5rem;margin:0;flex:none}
.choice label{font-weight:400;margin:0}
:focus-visible{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
button{font:inherit;font-weight:700;background:#00703c;color:#fff;border:0;padding:.6rem 1.2rem;box-shadow:0 2px 0 #002d18;cursor:pointer}
button:hover{background:#005a30}button[aria-disabled=true]{opacity:.6;cursor:default}
.error-summary{border:5px solid #d4351c;padding:1rem;margin:1rem 0 2rem}
.error-summary h2{margin-top:0}.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a{color:#d4351c;font-weight:700}
.notice{background:#f3f2f1;padding:1rem;margin:0 0 1.75rem}.notice p{margin:.25rem 0}
.panel{background:#00703c;color:#fff;padding:1.5rem;text-align:center;margin:1.5rem 0}
.panel h1{margin:0 0 .5rem}.panel strong{display:block;font-size:2rem;letter-spacing:.05em}
dl{margin:0 0 1.5rem}dt{font-weight:700}dd{margin:0 0 .75rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);border:0;white-space:nowrap}
.extra-field{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
`;

/**
 * Progressive enhancement only: moves focus to the error summary, and stops a second click from
 * sending the form twice. Without it the page still works, and a second post still finds the first.
 */
export const FORM_PAGE_SCRIPT = `
(function () {
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
  var form = document.querySelector("form[data-complaint-form]");
  if (!form) return;
  var button = form.querySelector("button[type=submit]");
  var label = button ? button.textContent : "";
  form.addEventListener("submit", function (event) {
    if (form.getAttribute("data-sending") === "true") { event.preventDefault(); return; }
    form.setAttribute("data-sending", "true");
    if (button) { button.setAttribute("aria-disabled", "true"); button.textContent = "Sending\\u2026"; }
  });
  // Coming back to the page (the browser's Back button) must allow sending again.
  window.addEventListener("pageshow", function () {
    form.removeAttribute("data-sending");
    if (button) { button.removeAttribute("aria-disabled"); button.textContent = label; }
  });
})();
`;

const CONTACT_LABELS: Record<ContactMethod, string> = {
  email: "Email",
  phone: "Telephone",
  post: "Post",
};

const KIND_WORDS: Record<CaseKind, string> = {
  complaint: "you are unhappy with",
  problem: "you have had a problem with",
  request: "you would like us to help with",
  query: "you have a question about",
  compliment: "you wanted to tell us about",
};

interface FieldView {
  id: string;
  value: string;
  hintId: string | undefined;
  errorId: string | undefined;
  describedBy: string;
  error: string;
  wrapperClass: string;
}

function fieldView(model: FormPageModel, field: AnswerField, hint: string | undefined): FieldView {
  const id = `field-${field}`;
  const fieldError = model.fieldErrors?.[field];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = fieldError ? `${id}-error` : undefined;
  const ids = [hintId, errorId].filter(Boolean).join(" ");
  return {
    id,
    value: model.values?.[field] ?? "",
    hintId,
    errorId,
    describedBy: ids ? ` aria-describedby="${ids}"` : "",
    error: fieldError
      ? `<p class="error-message" id="${errorId}"><span class="visually-hidden">Error:</span> ${escapeHtml(fieldError.message)}</p>`
      : "",
    wrapperClass: fieldError ? "field field--error" : "field",
  };
}

function hintHtml(view: FieldView, hint: string | undefined): string {
  return hint ? `<p class="hint" id="${view.hintId}">${escapeHtml(hint)}</p>` : "";
}

interface InputOptions {
  label: string;
  hint?: string;
  type?: "text" | "email" | "tel";
  autocomplete?: string;
  extra?: string;
}

function input(model: FormPageModel, field: AnswerField, options: InputOptions): string {
  const view = fieldView(model, field, options.hint);
  const invalid = view.errorId ? ' aria-invalid="true"' : "";
  const autocomplete = options.autocomplete ? ` autocomplete="${options.autocomplete}"` : "";
  return `<div class="${view.wrapperClass}">
<label for="${view.id}">${escapeHtml(options.label)}</label>
${hintHtml(view, options.hint)}${view.error}
<input id="${view.id}" name="${field}" type="${options.type ?? "text"}" value="${escapeHtml(view.value)}"${autocomplete}${view.describedBy}${invalid}${options.extra ?? ""}>
</div>`;
}

function textarea(
  model: FormPageModel,
  field: AnswerField,
  options: InputOptions & { rows: number },
): string {
  const view = fieldView(model, field, options.hint);
  const invalid = view.errorId ? ' aria-invalid="true"' : "";
  const autocomplete = options.autocomplete ? ` autocomplete="${options.autocomplete}"` : "";
  return `<div class="${view.wrapperClass}">
<label for="${view.id}">${escapeHtml(options.label)}</label>
${hintHtml(view, options.hint)}${view.error}
<textarea id="${view.id}" name="${field}" rows="${options.rows}"${autocomplete}${view.describedBy}${invalid}>${escapeHtml(view.value)}</textarea>
</div>`;
}

function radios(
  model: FormPageModel,
  field: AnswerField,
  legend: string,
  hint: string | undefined,
  choices: { value: string; label: string }[],
): string {
  const view = fieldView(model, field, hint);
  const items = choices
    .map((choice, index) => {
      const id = index === 0 ? view.id : `${view.id}-${choice.value}`;
      const checked = view.value === choice.value ? " checked" : "";
      return `<div class="choice"><input id="${id}" name="${field}" type="radio" value="${escapeHtml(choice.value)}"${checked}><label for="${id}">${escapeHtml(choice.label)}</label></div>`;
    })
    .join("\n");
  return `<div class="${view.wrapperClass}">
<fieldset${view.describedBy}>
<legend>${escapeHtml(legend)}</legend>
${hintHtml(view, hint)}${view.error}
${items}
</fieldset>
</div>`;
}

function page(title: string, organisationName: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(title)}</title>
<style>${FORM_PAGE_STYLE}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header><p>${escapeHtml(organisationName)}</p></header>
<main id="main">
${body}
</main>
<script>${FORM_PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function errorSummary(model: FormPageModel): string {
  const fieldItems = Object.entries(model.fieldErrors ?? {}).map(
    ([field, fieldError]) => `<li><a href="#field-${field}">${escapeHtml(fieldError.message)}</a></li>`,
  );
  const pageItems = (model.pageErrors ?? []).map((fieldError) => `<li>${escapeHtml(fieldError)}</li>`);
  const items = [...pageItems, ...fieldItems];
  if (items.length === 0) return "";
  return `<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">There is a problem</h2>
<ul>
${items.join("\n")}
</ul>
</div>`;
}

export function renderFormPage(model: FormPageModel): string {
  const hasErrors = Object.keys(model.fieldErrors ?? {}).length > 0 || (model.pageErrors ?? []).length > 0;
  const title = `${hasErrors ? "Error: " : ""}Tell us about a problem – ${model.organisationName}`;
  const { session } = model;
  const body = `${errorSummary(model)}
<h1>Tell us about a problem</h1>
<p>Use this form to tell ${escapeHtml(model.organisationName)} about something that has gone wrong, or that you are unhappy with. We will record it and send you a reference.</p>
<form method="post" action="${escapeHtml(model.action)}" novalidate accept-charset="utf-8" data-complaint-form>
<input type="hidden" name="submissionId" value="${escapeHtml(session.submissionId)}">
<input type="hidden" name="formToken" value="${escapeHtml(session.formToken)}">
<input type="hidden" name="noticeVersion" value="${escapeHtml(session.noticeVersion)}">
<h2>Your details</h2>
${input(model, "name", { label: "Full name", autocomplete: "name", extra: ' spellcheck="false"' })}
${input(model, "email", {
  label: "Email address",
  hint: "We will send your reference and our reply to this address.",
  type: "email",
  autocomplete: "email",
  extra: ' spellcheck="false"',
})}
${input(model, "phone", {
  label: "Telephone number (optional)",
  hint: "Needed if you would like us to call you. For international numbers include the country code.",
  type: "tel",
  autocomplete: "tel",
})}
${textarea(model, "address", {
  label: "Postal address (optional)",
  hint: "Needed if you would like us to write to you.",
  autocomplete: "street-address",
  rows: 3,
})}
${input(model, "postcode", {
  label: "Postcode (optional)",
  autocomplete: "postal-code",
  extra: ' class="width-10" spellcheck="false"',
})}
<h2>Your message</h2>
${radios(
  model,
  "category",
  "What is your message about?",
  undefined,
  model.categories.map((category) => ({ value: category.key, label: category.label })),
)}
${input(model, "orderReference", {
  label: "Order, invoice or account number (optional)",
  hint: "If your message is about an order or a payment, this helps us find it.",
  extra: ' spellcheck="false"',
})}
${textarea(model, "message", {
  label: "Tell us what happened",
  hint: `Include what went wrong, when, and what you would like us to do. You can enter up to ${formNumber(FIELD_LIMITS.message)} characters.`,
  rows: 8,
})}
${radios(
  model,
  "contactPreference",
  "How would you like us to contact you?",
  undefined,
  CONTACT_METHODS.map((method) => ({ value: method, label: CONTACT_LABELS[method] })),
)}
<div class="extra-field" aria-hidden="true">
<label for="field-${HONEYPOT_FIELD}">Leave this field empty</label>
<input id="field-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" value="" tabindex="-1" autocomplete="off">
</div>
<div class="notice">
<h2>How we use your details</h2>
${model.notice.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("\n")}
<p class="hint">Privacy notice version ${escapeHtml(session.noticeVersion)}</p>
</div>
<button type="submit">Send your message</button>
</form>`;
  return page(title, model.organisationName, body);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Restates, in plain words, what was understood, so the customer can see it and correct us. */
export function renderConfirmationPage(confirmation: Confirmation): string {
  const c = confirmation;
  const contact = {
    email: `by email, at ${c.email}`,
    phone: c.phone ? `by telephone, on ${c.phone}` : "by telephone",
    post: c.postalAddress ? `by post, at ${c.postalAddress}` : "by post",
  }[c.contactPreference];
  const details = [
    ["What it is about", sentence(`${KIND_WORDS[c.kind]} ${lowerFirst(c.categoryLabel)}`)],
    ...(c.orderReference ? [["Order, invoice or account number", c.orderReference]] : []),
    ["How you would like us to contact you", contact],
    ["Your message", `“${c.messageSummary}”`],
  ]
    .map(([term, detail]) => `<dt>${escapeHtml(term ?? "")}</dt><dd>${escapeHtml(detail ?? "")}</dd>`)
    .join("\n");
  const body = `<div class="panel">
<h1>Message received</h1>
<p>Your reference is</p>
<strong data-reference>${escapeHtml(c.reference)}</strong>
</div>
<p>Thank you, ${escapeHtml(c.name)}. We have recorded your message under the reference ${escapeHtml(c.reference)}. Please quote it if you contact us again about this.</p>
<h2>What we understood</h2>
<dl>
${details}
</dl>
<p>If we have misunderstood anything, please reply to the email we send to ${escapeHtml(c.email)} and tell us.</p>
<h2>What happens next</h2>
<p>Your message has been passed to ${escapeHtml(c.teamName)}, who will review it and contact you about the next steps.</p>`;
  return page(`Message received – ${c.organisationName}`, c.organisationName, body);
}
