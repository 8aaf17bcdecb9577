// Stored customer text keeps the whole of Unicode but never a lone surrogate or a control character.

import { describe, expect, it } from "vitest";
import { summarise } from "../../shared/domain/case";
import { storableLine, storableText, truncateText } from "../../shared/domain/stored-text";

describe("stored text", () => {
  it("cuts before an emoji rather than through its surrogate pair", () => {
    expect(truncateText("ab😡", 3)).toBe("ab");
    expect(summarise(`${"x".repeat(278)}😡 and more`)).toBe(`${"x".repeat(278)}…`);
  });

  it("replaces lone surrogates, removes NUL and controls, and keeps line breaks, emoji and bidi marks in body text", () => {
    expect(storableText("a\u0000b\u0007c\r\nd\t😡\ud83d\u202e")).toBe("abc\r\nd\t😡\ufffd\u202e");
  });

  it("makes a one-line field of a subject with line breaks in it", () => {
    expect(storableLine("Broken\r\nBcc: victim@example.org\u0000")).toBe("Broken Bcc: victim@example.org");
  });
});
