// Customer text as Heed stores it: the whole of Unicode (astral characters such as emoji, combining
// marks, right-to-left overrides, which the console shows as markers) but never a lone surrogate
// (replaced by U+FFFD), a NUL or another control character (removed; tab and line breaks stay in body
// text, and one-line fields such as a subject or a name have every control and line break made a space).
// Truncation cuts between code points, never inside an astral character's surrogate pair.

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** What String.prototype.toWellFormed does (ES2024, beyond the library this project compiles against). */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\ufffd");
}

/** Body text: lone surrogates replaced, NUL and controls removed, tab and line breaks kept. */
export function storableText(text: string): string {
  return wellFormed(text).replace(CONTROLS_BUT_LINE_BREAKS, "");
}

/** A one-line field (subject, name, file name): as `storableText`, with controls and line breaks as spaces. */
export function storableLine(text: string): string {
  return wellFormed(text).replace(CONTROLS, " ").replace(/ {2,}/g, " ").trim();
}

/** At most `length` UTF-16 code units of `text`, cut before a surrogate pair rather than through it. */
export function truncateText(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
