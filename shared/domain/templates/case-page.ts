// The customer's case page as HTML: where the case stands, in the case's language, with a form to add to
// it; and the neutral page a link that does not work (forged, expired, revoked) leads to, where the
// customer can ask for a fresh link. Self-contained, accessible, works without JavaScript, loads nothing
// from elsewhere; every value is escaped, so the customer's own earlier text is shown as text.

import { ADDITION_LIMITS, type AdditionError, type CasePageCase, fillText } from "../case-page";
import type { Catalogue } from "./catalogue-schema";
import { FEEDBACK_PAGE_STYLE } from "./feedback-page";
import { escapeHtml } from "./form-page";
import { formatLetterDate } from "./letters";
import { type RenderedMessage, withClosingLink } from "./render";

/** Field errors shown beside their field; the rest are about the post as a whole. */
const FIELD_OF_ERROR: Partial<Record<AdditionError, string>> = {
  empty: "message",
  messageTooLong: "message",
  tooManyFiles: "files",
  filesTooLarge: "files",
  fileType: "files",
  phone: "phone",
  transactionReference: "transactionReference",
};

export interface AdditionValues {
  message?: string;
  transactionReference?: string;
  phone?: string;
}

export interface CasePageForm {
  /** Bound to the link the page was served under: the page's CSRF protection. */
  formToken: string;
  /** Fresh per rendered page, so a double submit adds once. */
  submissionId: string;
}

export type CasePageView =
  | {
      state: "case";
      catalogue: Catalogue;
      organisationName: string;
      case: CasePageCase;
      form: CasePageForm;
      added?: boolean;
      errors?: AdditionError[];
      values?: AdditionValues;
    }
  | {
      state: "link-request";
      catalogue: Catalogue;
      organisationName: string;
      /** Shown above the form: the link did not work, or what became of the last request. */
      outcome: "invalid-link" | "form" | "sent" | "problem" | "limited" | "error";
      values?: { reference?: string; email?: string };
    };

export const CASE_PAGE_STYLE =
  FEEDBACK_PAGE_STYLE +
  "h2{font-size:1.5rem;margin-top:2rem}.hint{color:#505a5f;margin:.25rem 0}" +
  "input[type=text],input[type=email],input[type=tel]{display:block;width:100%;max-width:24rem;box-sizing:border-box;font:inherit;border:2px solid #0b0c0c;padding:.3rem;margin:.25rem 0 1.25rem}" +
  "input[type=file]{display:block;font:inherit;margin:.25rem 0 1.25rem}" +
  ".text{white-space:pre-wrap;overflow-wrap:anywhere;border-left:4px solid #b1b4b6;padding-left:1rem}" +
  "details{margin:.5rem 0}summary{cursor:pointer;color:#1d70b8;text-decoration:underline}" +
  "summary:focus{outline:3px solid #fd0}.notice{border-left:5px solid #00703c;padding-left:1rem;font-weight:700}" +
  "a{color:#1d70b8}a:focus{outline:3px solid #fd0}";

function page(catalogue: Catalogue, organisationName: string, title: string, body: string[]): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(catalogue.language)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(title)} – ${escapeHtml(organisationName)}</title>`,
    `<style>${CASE_PAGE_STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${escapeHtml(title)}</h1>`,
    ...body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function errorSummary(messages: string[], fieldOf: (index: number) => string | undefined): string {
  if (messages.length === 0) return "";
  const items = messages.map((message, index) => {
    const field = fieldOf(index);
    return `<li>${field ? `<a href="#${field}">${escapeHtml(message)}</a>` : escapeHtml(message)}</li>`;
  });
  return `<div class="problem" role="alert" id="problems"><ul>${items.join("")}</ul></div>`;
}

function textField(
  name: string,
  label: string,
  type: "text" | "email" | "tel",
  value: string | undefined,
  options: { hint?: string; error?: string; autocomplete?: string } = {},
): string {
  const described = [options.hint ? `${name}-hint` : "", options.error ? `${name}-problem` : ""]
    .filter(Boolean)
    .join(" ");
  return [
    `<label for="${name}">${escapeHtml(label)}</label>`,
    options.hint ? `<p class="hint" id="${name}-hint">${escapeHtml(options.hint)}</p>` : "",
    options.error ? `<p class="problem" id="${name}-problem">${escapeHtml(options.error)}</p>` : "",
    `<input type="${type}" id="${name}" name="${name}" value="${escapeHtml(value ?? "")}"` +
      `${options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ""}` +
      `${described ? ` aria-describedby="${described}"` : ""}${options.error ? ' aria-invalid="true"' : ""}>`,
  ]
    .filter(Boolean)
    .join("\n");
}

function caseBody(view: Extract<CasePageView, { state: "case" }>): string[] {
  const { catalogue } = view;
  const text = catalogue.casePage;
  const shown = view.case;
  const fill = (template: string) =>
    escapeHtml(
      fillText(template, {
        reference: shown.reference,
        organisationName: view.organisationName,
        teamName: shown.teamName,
        subject: shown.subject,
      }),
    );
  const errors = view.errors ?? [];
  const errorFor = (field: string) => {
    const found = errors.find((error) => FIELD_OF_ERROR[error] === field);
    return found ? text.problems[found] : undefined;
  };
  const commitments =
    shown.commitments.length === 0
      ? [`<p>${escapeHtml(text.noCommitments)}</p>`]
      : [
          "<ul>",
          ...shown.commitments.map((commitment) => {
            const when = {
              open: text.commitmentOpen,
              kept: text.commitmentKept,
              missed: text.commitmentMissed,
            }[commitment.state];
            return `<li>${escapeHtml(commitment.description)}<br>${escapeHtml(
              fillText(when, { date: formatLetterDate(new Date(commitment.date), catalogue) }),
            )}</li>`;
          }),
          "</ul>",
        ];
  const letters =
    shown.letters.length === 0
      ? [`<p>${escapeHtml(text.noLetters)}</p>`]
      : shown.letters.map(
          (letter) =>
            `<details><summary>${escapeHtml(letter.subject)} – ${escapeHtml(
              fillText(text.sentOn, { date: formatLetterDate(new Date(letter.sentAt), catalogue) }),
            )}</summary><div class="text">${escapeHtml(letter.text)}</div></details>`,
        );
  const messages = shown.messages.map((message) =>
    [
      `<h3>${escapeHtml(message.subject)} – ${escapeHtml(
        fillText(text.receivedOn, { date: formatLetterDate(new Date(message.receivedAt), catalogue) }),
      )}</h3>`,
      `<div class="text">${escapeHtml(message.text)}</div>`,
      message.attachments.length > 0
        ? `<p>${escapeHtml(text.attachmentsReceived)}</p><ul>${message.attachments
            .map((name) => `<li>${escapeHtml(name)}</li>`)
            .join("")}</ul>`
        : "",
    ].join("\n"),
  );
  const questionFields = shown.questions.map((question) =>
    question === "transaction-reference"
      ? textField(
          "transactionReference",
          text.transactionReferenceLabel,
          "text",
          view.values?.transactionReference,
          {
            hint: catalogue.questions["transaction-reference"],
            ...(errorFor("transactionReference") ? { error: errorFor("transactionReference") } : {}),
          },
        )
      : textField("phone", text.phoneLabel, "tel", view.values?.phone, {
          hint: catalogue.questions.phone,
          autocomplete: "tel",
          ...(errorFor("phone") ? { error: errorFor("phone") } : {}),
        }),
  );
  const messageError = errorFor("message");
  const filesError = errorFor("files");
  return [
    `<p>${fill(text.intro)}</p>`,
    view.added ? `<p class="notice" role="status">${escapeHtml(text.added)}</p>` : "",
    errorSummary(
      errors.map((error) => text.problems[error]),
      (index) => FIELD_OF_ERROR[errors[index] as AdditionError],
    ),
    `<h2>${escapeHtml(text.statusHeading)}</h2>`,
    `<p>${fill(text.status[shown.status])}</p>`,
    `<h2>${escapeHtml(text.understoodHeading)}</h2>`,
    `<p>${escapeHtml(shown.understood)}</p>`,
    `<h2>${escapeHtml(text.nextHeading)}</h2>`,
    `<p>${fill(shown.status === "open" ? text.nextOpen : text.nextClosed)}</p>`,
    `<h2>${escapeHtml(text.commitmentsHeading)}</h2>`,
    ...commitments,
    `<h2>${escapeHtml(text.lettersHeading)}</h2>`,
    ...letters,
    ...(messages.length > 0 ? [`<h2>${escapeHtml(text.yourMessagesHeading)}</h2>`, ...messages] : []),
    `<h2 id="add">${escapeHtml(text.addHeading)}</h2>`,
    `<p>${fill(text.addIntro)}</p>`,
    '<form method="post" enctype="multipart/form-data" novalidate>',
    `<input type="hidden" name="formToken" value="${escapeHtml(view.form.formToken)}">`,
    `<input type="hidden" name="submissionId" value="${escapeHtml(view.form.submissionId)}">`,
    `<label for="message">${escapeHtml(text.messageLabel)}</label>`,
    messageError ? `<p class="problem" id="message-problem">${escapeHtml(messageError)}</p>` : "",
    `<textarea id="message" name="message" rows="6" maxlength="${ADDITION_LIMITS.maxMessageLength}"${
      messageError ? ' aria-describedby="message-problem" aria-invalid="true"' : ""
    }>${escapeHtml(view.values?.message ?? "")}</textarea>`,
    ...questionFields,
    `<label for="files">${escapeHtml(text.filesLabel)}</label>`,
    `<p class="hint" id="files-hint">${escapeHtml(text.filesHint)}</p>`,
    filesError ? `<p class="problem" id="files-problem">${escapeHtml(filesError)}</p>` : "",
    `<input type="file" id="files" name="files" multiple accept=".pdf,.jpg,.jpeg,.png,.gif,.txt" aria-describedby="files-hint${
      filesError ? " files-problem" : ""
    }">`,
    `<button type="submit">${escapeHtml(text.submit)}</button>`,
    "</form>",
  ].filter(Boolean);
}

function linkRequestBody(view: Extract<CasePageView, { state: "link-request" }>): string[] {
  const text = view.catalogue.casePage;
  const notes: Record<typeof view.outcome, string | undefined> = {
    "invalid-link": text.invalid,
    form: undefined,
    sent: text.requestSent,
    problem: text.requestProblem,
    limited: text.requestLimited,
    error: text.serverError,
  };
  const note = notes[view.outcome];
  const alert = view.outcome === "problem" || view.outcome === "limited" || view.outcome === "error";
  return [
    note ? `<p${alert ? ' class="problem" role="alert"' : ' role="status"'}>${escapeHtml(note)}</p>` : "",
    view.outcome === "invalid-link" ? `<h2>${escapeHtml(text.requestHeading)}</h2>` : "",
    `<p>${escapeHtml(text.requestIntro)}</p>`,
    '<form method="post" action="/case" novalidate>',
    textField("reference", text.referenceLabel, "text", view.values?.reference, { hint: text.referenceHint }),
    textField("email", text.emailLabel, "email", view.values?.email, { autocomplete: "email" }),
    `<button type="submit">${escapeHtml(text.requestSubmit)}</button>`,
    "</form>",
  ].filter(Boolean);
}

export function renderCasePage(view: CasePageView): string {
  const text = view.catalogue.casePage;
  if (view.state === "case") {
    const title = fillText(text.title, { reference: view.case.reference });
    return page(view.catalogue, view.organisationName, title, caseBody(view));
  }
  const title = view.outcome === "invalid-link" ? text.invalidTitle : text.requestHeading;
  return page(view.catalogue, view.organisationName, title, linkRequestBody(view));
}

/** The closing lines every letter carries: the case-page link and how long it works, in the letter's language. */
export function withCasePageLink(
  rendered: RenderedMessage,
  catalogue: Catalogue,
  link: { url: string; until: Date },
): RenderedMessage {
  const text = catalogue.casePage;
  return withClosingLink(rendered, {
    label: text.linkLabel,
    url: link.url,
    note: fillText(text.linkUntil, { date: formatLetterDate(link.until, catalogue) }),
  });
}
