// The public page behind a feedback link: one question (how satisfied, 1 to 5) and an optional comment,
// in the customer's language, as a self-contained accessible HTML page that works without JavaScript and
// loads nothing from elsewhere. Everything shown is escaped.

import type { Catalogue } from "./catalogue-schema";
import { escapeHtml } from "./form-page";

export type FeedbackPageState = "form" | "thanks" | "already-given" | "expired" | "invalid";

export interface FeedbackPageView {
  state: FeedbackPageState;
  catalogue: Catalogue;
  organisationName: string;
  reference?: string;
  /** What was wrong with the last answer, shown above the form. */
  error?: "ratingRequired" | "commentTooLong";
  /** The comment as typed, shown again when the answer needs fixing. */
  comment?: string;
}

export const MAX_COMMENT_LENGTH = 2000;

/** Inline, so the page needs no second request; the response's CSP allows exactly this text by hash. */
export const FEEDBACK_PAGE_STYLE =
  "body{margin:0;padding:1rem;font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.5;color:#0b0c0c;background:#fff}" +
  "main{max-width:40rem;margin:0 auto}h1{font-size:2rem;line-height:1.2}" +
  "fieldset{border:0;padding:0;margin:0 0 1.5rem}legend{font-weight:700;margin-bottom:.5rem}" +
  ".choice{margin:.5rem 0}.choice input{width:1.5rem;height:1.5rem;vertical-align:middle;margin-right:.5rem}" +
  "label{font-weight:400}textarea{display:block;width:100%;box-sizing:border-box;font:inherit;border:2px solid #0b0c0c;padding:.3rem;margin:.5rem 0 1.5rem}" +
  "button{font:inherit;font-weight:700;padding:.5rem 1rem;border:0;background:#00703c;color:#fff;box-shadow:0 2px 0 #002d18;cursor:pointer}" +
  "button:focus,input:focus,textarea:focus{outline:3px solid #fd0;outline-offset:0}" +
  ".problem{border-left:5px solid #d4351c;padding-left:1rem;color:#d4351c;font-weight:700}";

function fillIntro(template: string, view: FeedbackPageView): string {
  return escapeHtml(
    template
      .replaceAll(/\{\{\s*reference\s*\}\}/g, view.reference ?? "")
      .replaceAll(/\{\{\s*organisationName\s*\}\}/g, view.organisationName),
  );
}

function form(view: FeedbackPageView): string {
  const text = view.catalogue.feedbackPage;
  const ratings = text.ratings
    .map((label, index) => ({ value: index + 1, label }))
    .reverse()
    .map(
      ({ value, label }) =>
        `<div class="choice"><input type="radio" id="rating-${value}" name="rating" value="${value}" required>` +
        `<label for="rating-${value}">${escapeHtml(label)}</label></div>`,
    )
    .join("\n");
  const errorNotice = view.error
    ? `<p class="problem" role="alert" id="problem">${escapeHtml(text[view.error])}</p>\n`
    : "";
  return [
    `<p>${fillIntro(text.intro, view)}</p>`,
    errorNotice,
    '<form method="post" novalidate>',
    `<fieldset${view.error === "ratingRequired" ? ' aria-describedby="problem"' : ""}>`,
    `<legend>${escapeHtml(text.question)}</legend>`,
    ratings,
    "</fieldset>",
    `<label for="comment">${escapeHtml(text.comment)}</label>`,
    `<textarea id="comment" name="comment" rows="5" maxlength="${MAX_COMMENT_LENGTH}"${
      view.error === "commentTooLong" ? ' aria-describedby="problem"' : ""
    }>${escapeHtml(view.comment ?? "")}</textarea>`,
    `<button type="submit">${escapeHtml(text.submit)}</button>`,
    "</form>",
  ].join("\n");
}

const MESSAGES: Record<Exclude<FeedbackPageState, "form">, keyof Catalogue["feedbackPage"]> = {
  thanks: "thanks",
  "already-given": "alreadyGiven",
  expired: "expired",
  invalid: "invalid",
};

export function renderFeedbackPage(view: FeedbackPageView): string {
  const text = view.catalogue.feedbackPage;
  const body =
    view.state === "form" ? form(view) : `<p>${escapeHtml(String(text[MESSAGES[view.state]]))}</p>`;
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(view.catalogue.language)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(text.title)} – ${escapeHtml(view.organisationName)}</title>`,
    `<style>${FEEDBACK_PAGE_STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${escapeHtml(text.title)}</h1>`,
    body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
