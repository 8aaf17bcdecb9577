// Queue message bodies must fit the characters SQS accepts, whatever a customer wrote.

import { describe, expect, it } from "vitest";
import { sqsJsonBody } from "../../shared/adapters/aws/sqs-message-body";

/** The characters AWS documents for a message body: #x9, #xA, #xD, #x20–#xD7FF, #xE000–#xFFFD, #x10000+. */
function allowedBySqs(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** Every code point of the body is allowed by SQS, and (as the emulator reads it) every code unit too. */
function acceptedBySqsAndEmulator(body: string): boolean {
  const codePoints = [...body].map((character) => character.codePointAt(0) ?? 0);
  const codeUnits = Array.from({ length: body.length }, (_, index) => body.charCodeAt(index));
  return codePoints.every(allowedBySqs) && codeUnits.every((unit) => unit < 0x10000 && allowedBySqs(unit));
}

describe("sqsJsonBody", () => {
  it.each([
    ["an emoji", "parcel 📦 missing 😡"],
    ["a family emoji with joiners", "👩‍👩‍👧"],
    ["a lone surrogate", "half \ud83d of it"],
    ["NUL and controls", "a\u0000b\u0007c\u001b"],
    ["noncharacters", "\ufffe\uffff"],
    ["right-to-left override", "abc\u202edef"],
  ])("writes %s as a body SQS and the emulator accept, and reads back the same string", (_, text) => {
    // Prepare
    const message = { summary: text, nested: [text] };

    // Act
    const body = sqsJsonBody(message);

    // Assess
    expect(acceptedBySqsAndEmulator(body)).toBe(true);
    expect(JSON.parse(body)).toEqual(message);
  });
});
