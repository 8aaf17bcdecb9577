// HTML → plain text, for a message that has no text part of its own. The converter is compiled once per
// execution environment (html-to-text's one-call API compiles it again for every message), and markup
// nested deeper than the converter can walk is refused first, because parsing it costs time quadratic in
// its depth: such a message keeps an empty text, as mailparser leaves it.

import { compile } from "html-to-text";

/** html-to-text's recursive walk overflows the stack at about 2,000 levels; real markup stays far below. */
const MAX_NESTING_DEPTH = 1000;

/** Elements that never hold content, so their start tag opens no level. */
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

/** Elements an HTML parser closes when a sibling opens, so an unclosed run of them does not nest. */
const IMPLIED_END_ELEMENTS = new Set([
  "p",
  "li",
  "dt",
  "dd",
  "option",
  "optgroup",
  "tr",
  "td",
  "th",
  "thead",
  "tbody",
  "tfoot",
  "rt",
  "rp",
]);

const TAG_NAME = /[A-Za-z][\w:-]*/y;

/** One linear pass over the tags, following how an HTML parser opens and closes elements. */
function nestsDeeperThan(html: string, limit: number): boolean {
  const open: string[] = [];
  let at = html.indexOf("<");
  while (at >= 0) {
    if (html.startsWith("!--", at + 1)) {
      const commentEnd = html.indexOf("-->", at + 4);
      if (commentEnd < 0) return false;
      at = html.indexOf("<", commentEnd + 3);
      continue;
    }
    const closing = html[at + 1] === "/";
    TAG_NAME.lastIndex = at + (closing ? 2 : 1);
    const name = TAG_NAME.exec(html)?.[0].toLowerCase();
    if (name === undefined) {
      at = html.indexOf("<", at + 1);
      continue;
    }
    const tagEnd = html.indexOf(">", TAG_NAME.lastIndex);
    if (tagEnd < 0) return false;
    if (!VOID_ELEMENTS.has(name) && !IMPLIED_END_ELEMENTS.has(name)) {
      if (!closing) {
        if (open.push(name) > limit) return true;
      } else {
        const opened = open.lastIndexOf(name);
        if (opened >= 0) open.length = opened;
      }
    }
    at = html.indexOf("<", tagEnd + 1);
  }
  return false;
}

let converter: ((html: string) => string) | undefined;

export function htmlToText(html: string): string {
  if (nestsDeeperThan(html, MAX_NESTING_DEPTH)) return "";
  converter ??= compile({ limits: { maxDepth: MAX_NESTING_DEPTH } });
  try {
    return converter(html);
  } catch {
    // Markup the converter cannot read is no reason to lose the message: its text stays empty.
    return "";
  }
}
