import { describe, expect, it } from "vitest";
import {
  checkCharacter,
  findCaseReferences,
  newReference,
  parseReference,
  REFERENCE_ALPHABET,
} from "../../shared/domain/reference";

const fixedBytes = (values: number[]) => () => Uint8Array.from(values);

describe("newReference", () => {
  it("makes a case reference with the CS prefix, seven characters and a valid check character", () => {
    // Prepare
    const random = fixedBytes([1, 2, 3, 4, 5, 6, 7]);

    // Act
    const reference = newReference("case", random);

    // Assess
    expect(reference).toMatch(/^CS-[0-9A-Y]{8}$/);
    expect(parseReference(reference)).toEqual({ valid: true, reference });
  });

  it("makes a customer reference with the CU prefix", () => {
    expect(newReference("customer", fixedBytes([9, 9, 9, 9, 9, 9, 9]))).toMatch(/^CU-[0-9A-Y]{8}$/);
  });
});

describe("parseReference", () => {
  const reference = `CS-7K3MQ09${checkCharacter("7K3MQ09")}`;

  it("accepts lower case, a missing dash and Crockford look-alikes (O for 0)", () => {
    expect(parseReference(reference.toLowerCase())).toEqual({ valid: true, reference });
    expect(parseReference(reference.replace("-", ""))).toEqual({ valid: true, reference });
    expect(parseReference(reference.replace("0", "O"))).toEqual({ valid: true, reference });
  });

  it("catches every single mistyped character and suggests the reference the body implies", () => {
    const body = reference.slice(3, 10);
    for (let position = 0; position < 8; position++) {
      for (const replacement of REFERENCE_ALPHABET) {
        const chars = [...reference.slice(3)];
        if (chars[position] === replacement) continue;
        chars[position] = replacement;
        const typed = `CS-${chars.join("")}`;
        const parsed = parseReference(typed);
        expect(parsed.valid, typed).toBe(false);
        if (position < 7) continue;
        expect(parsed).toEqual({
          valid: false,
          reason: "check-character",
          suggestion: `CS-${body}${reference.at(-1)}`,
        });
      }
    }
  });

  it("catches every swap of two neighbouring, different characters", () => {
    const chars = [...reference.slice(3)];
    for (let i = 0; i < chars.length - 1; i++) {
      if (chars[i] === chars[i + 1]) continue;
      const swapped = [...chars];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1] as string, swapped[i] as string];
      expect(parseReference(`CS-${swapped.join("")}`).valid).toBe(false);
    }
  });

  it("rejects text that is not shaped like a reference", () => {
    expect(parseReference("CS-123")).toEqual({ valid: false, reason: "format" });
    expect(parseReference("hello")).toEqual({ valid: false, reason: "format" });
  });
});

describe("findCaseReferences", () => {
  it("separates references whose check character holds from mistyped ones", () => {
    const good = `CS-ABCDEFG${checkCharacter("ABCDEFG")}`;
    const bad = `CS-ABCDEFG${checkCharacter("ABCDEFG") === "0" ? "1" : "0"}`;
    expect(findCaseReferences(`Re: your ref ${good} and also ${bad}`)).toEqual({
      valid: [good],
      invalid: [bad],
    });
  });
});
