import { describe, expect, it } from "vitest";
import { headerSafe } from "../../shared/domain/header-text";

describe("headerSafe", () => {
  it("turns line breaks and controls into spaces so no header can be smuggled in", () => {
    expect(headerSafe("Late order\r\nBcc: victim@example.org\u0000")).toBe(
      "Late order Bcc: victim@example.org",
    );
  });

  it("removes bidi overrides and zero-width characters", () => {
    expect(headerSafe("Invoice\u202e fdp.exe\u200b")).toBe("Invoice fdp.exe");
  });

  it("shortens long values to the limit, ending with an ellipsis", () => {
    const result = headerSafe("x".repeat(2000), 100);
    expect(result).toHaveLength(100);
    expect(result.endsWith("…")).toBe(true);
  });
});
