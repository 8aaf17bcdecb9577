// The shape of every detail Heed takes from a message, with where it came from and how far it can be
// trusted, so staff can judge a value before they rely on it and the best one can be chosen for the case.

export type DetailField =
  | "name"
  | "email"
  | "phone"
  | "address"
  | "postcode"
  | "transaction-reference"
  | "amount";

/**
 * `quoted`: an earlier message quoted in this one; `forwarded`: a message forwarded inside this one;
 * `case-page`: given by the customer in a field of their case page.
 */
export type DetailSource = "header" | "body" | "signature" | "form" | "quoted" | "forwarded" | "case-page";

/**
 * high: given as the customer's own (a form field, their signature, "call me on…");
 * medium: found in their own words; low: quoted from an earlier message, or someone else's.
 */
export type Confidence = "high" | "medium" | "low";

export interface ExtractedDetail {
  field: DetailField;
  value: string;
  source: DetailSource;
  confidence: Confidence;
  /** For a transaction reference its type (order, invoice…); `other-party` for a number that is not the customer's. */
  kind?: string;
}

/** The part of a message a stretch of text comes from; it sets how far a detail found there is trusted. */
export type Role = "header" | "body" | "signature" | "quoted";

/** A stretch of text, the part it comes from, and the source recorded on details found in it. */
export interface Segment {
  text: string;
  role: Role;
  source: DetailSource;
}

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/** The customer's own value for a field: the most trusted one, the first of equals; never a low one. */
export function bestDetail(
  details: readonly ExtractedDetail[],
  field: DetailField,
): ExtractedDetail | undefined {
  let best: ExtractedDetail | undefined;
  for (const detail of details) {
    if (detail.field !== field || detail.confidence === "low" || detail.kind === "other-party") continue;
    if (!best || RANK[detail.confidence] > RANK[best.confidence]) best = detail;
  }
  return best;
}

export function confidenceOf(role: Role): Confidence {
  if (role === "quoted") return "low";
  return role === "body" ? "medium" : "high";
}
