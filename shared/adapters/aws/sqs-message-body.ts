// SQS accepts only some characters in a message body (#x9, #xA, #xD, #x20–#xD7FF, #xE000–#xFFFD and, in
// AWS but not in every emulator, #x10000–#x10FFFF). Heed's queue messages are JSON, so every character
// beyond printable ASCII is written as a `\uXXXX` escape: the body is plain ASCII whatever a customer
// typed (emoji, U+FFFF, lone surrogates), and JSON.parse on the consumer reads back the same strings.

const BEYOND_PRINTABLE_ASCII = /[\u007f-\uffff]/g;

export function sqsJsonBody(value: unknown): string {
  return JSON.stringify(value).replace(
    BEYOND_PRINTABLE_ASCII,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
