// What staff emails and referral messages quote of the customer's words, with the contact details
// masked: phone numbers, email addresses and UK postcodes become `[phone]`, `[email]` and `[postcode]`.
// A colleague reads them in the console, behind its permission check, not in a mailbox or a queue.
// Masking errs towards hiding: anything phone-like is masked, whether or not it is a valid number.

import { findAddresses } from "./address";
import { phoneLikeStretches } from "./phone";

const EMAIL_ADDRESS = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[\p{L}\p{N}-]{2,}/gu;

interface Stretch {
  index: number;
  length: number;
  mask: string;
}

export function maskContactDetails(text: string): string {
  const stretches: Stretch[] = [
    ...[...text.matchAll(EMAIL_ADDRESS)].map((match) => ({
      index: match.index,
      length: match[0].length,
      mask: "[email]",
    })),
    ...phoneLikeStretches(text).map((stretch) => ({ ...stretch, mask: "[phone]" })),
    ...findAddresses(text).map((found) => ({ index: found.index, length: found.length, mask: "[postcode]" })),
  ].sort((a, b) => a.index - b.index || b.length - a.length);
  let masked = "";
  let position = 0;
  for (const stretch of stretches) {
    if (stretch.index < position) continue;
    masked += text.slice(position, stretch.index) + stretch.mask;
    position = stretch.index + stretch.length;
  }
  return masked + text.slice(position);
}
