// Building the page from data without ever parsing it as HTML: every string becomes a text node, so
// markup a customer wrote stays visible text. Invisible and direction-changing characters (bidi
// overrides, zero-width spaces) are shown as ⟨U+XXXX⟩ markers, so text cannot disguise itself.

const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: making control characters visible is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

function codePoint(character) {
  return `U+${character.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Text nodes for `text`, with each invisible character replaced by a visible, labelled marker. */
export function visibleNodes(text) {
  const value = String(text ?? "");
  const nodes = [];
  let from = 0;
  for (const match of value.matchAll(INVISIBLE)) {
    if (match.index > from) nodes.push(document.createTextNode(value.slice(from, match.index)));
    const marker = document.createElement("span");
    marker.className = "invisible-character";
    marker.title = `Hidden character ${codePoint(match[0])} in the original text`;
    marker.textContent = `⟨${codePoint(match[0])}⟩`;
    nodes.push(marker);
    from = match.index + match[0].length;
  }
  if (from < value.length || nodes.length === 0) nodes.push(document.createTextNode(value.slice(from)));
  return nodes;
}

/** True when the text holds characters the console shows as markers. */
export function hasInvisible(text) {
  return new RegExp(INVISIBLE.source).test(String(text ?? ""));
}

const SAFE_LINK = /^(#|\/(?!\/)|https?:\/\/)/i;

/**
 * `h("p", { class: "note" }, "text", child)`. Attributes are set one by one (never as HTML); `on` takes
 * event listeners; `href` only ever receives console routes or URLs the API produced.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "on") {
      for (const [type, listener] of Object.entries(value)) element.addEventListener(type, listener);
    } else if (name === "class") {
      element.className = value;
    } else if (name.startsWith("on")) {
      throw new Error("use the on attribute for event listeners");
    } else if (name === "href" && !SAFE_LINK.test(String(value))) {
      throw new Error("links go to console routes or to http(s) addresses only");
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === undefined || child === null || child === false) continue;
    if (child instanceof Node) element.append(child);
    else element.append(...visibleNodes(child));
  }
  return element;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

/** Text with `[[…]]` marked, as the promise check returns it: the marked phrases in <mark>. */
export function marked(text) {
  const parts = String(text ?? "").split(/\[\[|\]\]/);
  return parts.map((part, index) => (index % 2 === 1 ? h("mark", {}, part) : part));
}

export function formatDate(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  });
}

export function formatAge(hours) {
  if (hours < 1) return "under an hour";
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

export function words(key) {
  return String(key ?? "").replaceAll("-", " ");
}

/** A definition list from [term, value] pairs, skipping empty values. */
export function details(pairs) {
  return h(
    "dl",
    { class: "details" },
    pairs
      .filter(([, value]) => value !== undefined && value !== null && value !== "")
      .map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
  );
}
