// Turns a catalogue message and its values into what is sent: a one-line subject, plain text, and a
// simple accessible HTML part (the language in `lang`, no images, nothing loaded from elsewhere). Every
// value is HTML-escaped in HTML; only header-safe values reach the subject. The render also says which
// words are Heed's and staff's, so the promise check reads those and never the customer's own words.

import { headerSafe } from "../header-text";
import { type MessageId, placeholdersIn } from "./catalogue";
import type { Block, Catalogue, MessageTemplate } from "./catalogue-schema";
import { escapeHtml } from "./form-page";

/** Who wrote a value: the promise check reads Heed's and staff's words, never the customer's. */
export type Source = "heed" | "customer" | "staff";

export interface Contact {
  name: string;
  description?: string;
  phone?: string;
  web?: string;
  email?: string;
}

export type TemplateValue =
  | { type: "string"; value: string; source: Source }
  | { type: "list"; items: readonly string[]; source: Source }
  | { type: "text"; value: string; source: Source }
  | { type: "link"; url: string }
  | { type: "contacts"; entries: readonly Contact[] };

export type TemplateValues = Record<string, TemplateValue | undefined>;

export interface RenderedMessage {
  /** The catalogue message, or `<rule pack>/<letter>` for a regulated letter. */
  templateId: string;
  language: string;
  subject: string;
  text: string;
  html: string;
  /** The text as Heed and staff wrote it, with the customer's words left out: what the promise check reads. */
  checkedText: string;
}

export const heedValue = (value: string): TemplateValue => ({ type: "string", value, source: "heed" });
export const customerValue = (value: string): TemplateValue => ({
  type: "string",
  value,
  source: "customer",
});

const LINE_BREAKS = /\r\n?|\n/g;

function isPresent(value: TemplateValue | undefined): value is TemplateValue {
  if (!value) return false;
  switch (value.type) {
    case "string":
    case "text":
      return value.value.trim() !== "";
    case "list":
      return value.items.length > 0;
    case "link":
      return value.url !== "";
    case "contacts":
      return value.entries.length > 0;
  }
}

type Mode = "text" | "html" | "checked";

/** Fills `{{name}}` placeholders: escaped for HTML, left out for the check when the customer wrote them. */
function fill(template: string, values: TemplateValues, mode: Mode): string {
  const parts = template.split(/(\{\{\s*[A-Za-z]+\s*\}\})/);
  return parts
    .map((part) => {
      const [name] = placeholdersIn(part);
      if (name === undefined) return mode === "html" ? escapeHtml(part) : part;
      const value = values[name];
      const text = value?.type === "string" ? value.value : "";
      if (mode === "checked" && value?.type === "string" && value.source === "customer") return "…";
      return mode === "html" ? escapeHtml(text) : text;
    })
    .join("");
}

function paragraphsOf(text: string): string[] {
  return text
    .replace(LINE_BREAKS, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

function contactLines(contact: Contact, labels: Catalogue["contactLabels"]): string[] {
  return [
    contact.name,
    ...(contact.description ? [contact.description] : []),
    ...(contact.phone ? [`${labels.phone}: ${contact.phone}`] : []),
    ...(contact.web ? [`${labels.web}: ${contact.web}`] : []),
    ...(contact.email ? [`${labels.email}: ${contact.email}`] : []),
  ];
}

function contactHtml(contact: Contact, labels: Catalogue["contactLabels"]): string {
  const lines = [`<strong>${escapeHtml(contact.name)}</strong>`];
  if (contact.description) lines.push(escapeHtml(contact.description));
  if (contact.phone) lines.push(`${escapeHtml(labels.phone)}: ${escapeHtml(contact.phone)}`);
  if (contact.web)
    lines.push(
      `${escapeHtml(labels.web)}: <a href="${escapeHtml(contact.web)}">${escapeHtml(contact.web)}</a>`,
    );
  if (contact.email)
    lines.push(
      `${escapeHtml(labels.email)}: <a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a>`,
    );
  return `<li>${lines.join("<br>")}</li>`;
}

interface RenderedBlock {
  text: string;
  html: string;
  checked: string;
}

function renderBlock(block: Block, values: TemplateValues, catalogue: Catalogue): RenderedBlock | undefined {
  const intro = (source: string | undefined) =>
    source === undefined
      ? { text: "", html: "", checked: "" }
      : {
          text: `${fill(source, values, "text")}\n`,
          html: `<p>${fill(source, values, "html")}</p>\n`,
          checked: `${fill(source, values, "checked")}\n`,
        };
  if ("paragraph" in block) {
    if (block.when !== undefined && !isPresent(values[block.when])) return undefined;
    if (block.unless !== undefined && isPresent(values[block.unless])) return undefined;
    return {
      text: fill(block.paragraph, values, "text"),
      html: `<p>${fill(block.paragraph, values, "html")}</p>`,
      checked: fill(block.paragraph, values, "checked"),
    };
  }
  if ("list" in block) {
    const value = values[block.list];
    if (value?.type !== "list" || !isPresent(value)) return undefined;
    const head = intro(block.intro);
    const items = value.items.map((item) => item.trim());
    return {
      text: `${head.text}${items.map((item) => `- ${item}`).join("\n")}`,
      html: `${head.html}<ul>\n${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("\n")}\n</ul>`,
      checked: `${head.checked}${value.source === "customer" ? "" : items.join("\n")}`,
    };
  }
  if ("text" in block) {
    const value = values[block.text];
    if (value?.type !== "text" || !isPresent(value)) return undefined;
    const head = intro(block.intro);
    const paragraphs = paragraphsOf(value.value);
    return {
      text: `${head.text}${paragraphs.join("\n\n")}`,
      html: `${head.html}${paragraphs
        .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll("\n", "<br>\n")}</p>`)
        .join("\n")}`,
      checked: `${head.checked}${value.source === "customer" ? "" : paragraphs.join("\n\n")}`,
    };
  }
  if ("link" in block) {
    const value = values[block.link];
    if (value?.type !== "link" || !isPresent(value)) return undefined;
    return {
      text: `${fill(block.label, values, "text")}: ${value.url}`,
      html: `<p><a href="${escapeHtml(value.url)}">${fill(block.label, values, "html")}</a></p>`,
      checked: fill(block.label, values, "checked"),
    };
  }
  const value = values[block.contacts];
  if (value?.type !== "contacts" || !isPresent(value)) return undefined;
  const head = intro(block.intro);
  const entries = value.entries.map((entry) => contactLines(entry, catalogue.contactLabels).join("\n"));
  return {
    text: `${head.text}${head.text ? "\n" : ""}${entries.join("\n\n")}`,
    html: `${head.html}<ul>\n${value.entries.map((entry) => contactHtml(entry, catalogue.contactLabels)).join("\n")}\n</ul>`,
    checked: `${head.checked}${entries.join("\n\n")}`,
  };
}

const BODY_END = "</div>\n</body>";

function htmlDocument(language: string, subject: string, body: string): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(language)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    "</head>",
    '<body style="margin:0;padding:16px;background:#ffffff;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:40em;">',
    body,
    BODY_END,
    "</html>",
    "",
  ].join("\n");
}

export function renderMessage(catalogue: Catalogue, id: MessageId, values: TemplateValues): RenderedMessage {
  return renderTemplate(catalogue, id, catalogue.messages[id], values);
}

/** Renders a template that is not in the catalogue (a rule pack's letter) with the catalogue's labels. */
export function renderTemplate(
  catalogue: Catalogue,
  id: string,
  template: MessageTemplate,
  values: TemplateValues,
): RenderedMessage {
  const blocks = template.blocks
    .map((block) => renderBlock(block, values, catalogue))
    .filter((block): block is RenderedBlock => block !== undefined);
  const subject = headerSafe(fill(template.subject, values, "text"), 180);
  return {
    templateId: id,
    language: catalogue.language,
    subject,
    text: `${blocks.map((block) => block.text).join("\n\n")}\n`,
    html: htmlDocument(catalogue.language, subject, blocks.map((block) => block.html).join("\n")),
    checkedText: blocks.map((block) => block.checked).join("\n\n"),
  };
}

/**
 * Adds a closing link and a note in Heed's words after the letter's last block, in every part: how each
 * letter carries the link to the customer's case page without each template repeating it.
 */
export function withClosingLink(
  rendered: RenderedMessage,
  link: { label: string; url: string; note: string },
): RenderedMessage {
  const html = `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a><br>\n${escapeHtml(link.note)}</p>`;
  return {
    ...rendered,
    text: `${rendered.text}\n${link.label}: ${link.url}\n${link.note}\n`,
    html: rendered.html.replace(BODY_END, `${html}\n${BODY_END}`),
    checkedText: `${rendered.checkedText}\n\n${link.label}\n${link.note}`,
  };
}
