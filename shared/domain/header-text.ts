// Text that goes into an outbound header must be one line of visible characters: parsers hand back
// encoded-word names and subjects with real line breaks in them, and those must never become new headers.

import { truncateText } from "./stored-text";

const CONTROL_AND_FORMAT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function headerSafe(value: string, maxLength = 200): string {
  const flat = value.replace(CONTROL_AND_FORMAT, " ").replace(/\s+/g, " ").trim();
  if (flat.length <= maxLength) return flat;
  return `${truncateText(flat, maxLength - 1).trimEnd()}…`;
}
