// Reference codes that customers and staff read aloud, type and quote: `CS-` for cases, `CU-` for customers.
// The alphabet is Crockford's base 32 without U and Z (31 symbols, a prime count), so a position-weighted
// check character catches every single mistyped character and every swap of two neighbouring characters.

export const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY";
const BASE = REFERENCE_ALPHABET.length;
const BODY_LENGTH = 7;

export type ReferenceKind = "case" | "customer";
const PREFIX: Record<ReferenceKind, string> = { case: "CS", customer: "CU" };

export type RandomSource = (size: number) => Uint8Array;

export function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = REFERENCE_ALPHABET.indexOf(body.charAt(i));
    if (value < 0) throw new RangeError(`not a reference character: ${body.charAt(i)}`);
    sum += (i + 1) * value;
  }
  return REFERENCE_ALPHABET.charAt(sum % BASE);
}

export function newReference(kind: ReferenceKind, random: RandomSource): string {
  const bytes = random(BODY_LENGTH);
  let body = "";
  for (const byte of bytes) body += REFERENCE_ALPHABET.charAt(byte % BASE);
  return `${PREFIX[kind]}-${body}${checkCharacter(body)}`;
}

/** Crockford's reading of look-alike characters, so `cs-7k3mq0o9x` still finds `CS-7K3MQ009X`. */
function canonicalSymbols(text: string): string {
  return text.toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
}

export type ParsedReference =
  | { valid: true; reference: string }
  | { valid: false; reason: "format" | "check-character"; suggestion?: string };

export function parseReference(input: string, kind: ReferenceKind = "case"): ParsedReference {
  const match = new RegExp(`^\\s*${PREFIX[kind]}[-\\s]?([0-9A-Z]{${BODY_LENGTH}})([0-9A-Z])\\s*$`, "i").exec(
    input,
  );
  if (!match?.[1] || !match[2]) return { valid: false, reason: "format" };
  const body = canonicalSymbols(match[1]);
  const check = canonicalSymbols(match[2]);
  if (![...body, check].every((c) => REFERENCE_ALPHABET.includes(c)))
    return { valid: false, reason: "format" };
  const expected = checkCharacter(body);
  if (expected === check) return { valid: true, reference: `${PREFIX[kind]}-${body}${check}` };
  return { valid: false, reason: "check-character", suggestion: `${PREFIX[kind]}-${body}${expected}` };
}

/** Finds case references quoted in free text (subjects, bodies); only those whose check character holds. */
export function findCaseReferences(text: string): { valid: string[]; invalid: string[] } {
  const valid = new Set<string>();
  const invalid = new Set<string>();
  for (const match of text.matchAll(/\bCS-?[0-9A-Z]{8}\b/gi)) {
    const parsed = parseReference(match[0]);
    if (parsed.valid) valid.add(parsed.reference);
    else invalid.add(match[0].toUpperCase());
  }
  return { valid: [...valid], invalid: [...invalid] };
}
