// The customer's case page: signed links bound to the case and the customer's address, so a link
// stops working when the case no longer has that address or no longer exists.

export interface CasePageClaims {
  caseReference: string;
  expiresAt: string;
}

export type CasePageTokenReading =
  | { valid: true; claims: CasePageClaims }
  | { valid: false; reason: "expired" | "invalid" };

/**
 * Signed, expiring case-page links. The signature covers the customer's address without carrying it, so
 * a link stops working when the case no longer has that address (erasure) or no longer exists.
 */
export interface CasePageTokens {
  issue(claims: CasePageClaims, customerEmail: string): string;
  /** The case a token names, before its signature can be checked against the case's address. */
  caseReferenceOf(token: string): string | undefined;
  read(token: string, customerEmail: string, now: Date): CasePageTokenReading;
  /** A token for the page's forms, bound to the link it was served under (CSRF protection). */
  formToken(linkToken: string): string;
  /** A keyed hash for rate-limit counters: matched to the next request, never read back. */
  pseudonym(kind: string, value: string): string;
}
