// Case-page links carry the case reference and an expiry, signed with HMAC-SHA256 over those and the
// customer's address: the customer needs no account, a link cannot be forged, stretched or moved to
// another case, and it stops working once the case no longer holds that address.

import { createHmac, timingSafeEqual } from "node:crypto";
import type { CasePageLinkSettings } from "../application/case-page-links";
import type { CasePageLinkEnvironment } from "../config/case-page-environment";
import { normaliseEmailAddress } from "../domain/mail";
import type { CasePageClaims, CasePageTokenReading, CasePageTokens } from "../ports";

const TOKEN = /^(CS-[0-9A-Z]{4,16})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export class HmacCasePageTokens implements CasePageTokens {
  constructor(private readonly key: string) {}

  private mac(purpose: string, ...parts: string[]): string {
    return createHmac("sha256", this.key)
      .update(`heed-case-page-${purpose}\n${parts.join("\n")}`)
      .digest("base64url");
  }

  issue(claims: CasePageClaims, customerEmail: string): string {
    const expires = String(Math.floor(Date.parse(claims.expiresAt) / 1000));
    const signature = this.mac("link", claims.caseReference, expires, normaliseEmailAddress(customerEmail));
    return `${claims.caseReference}.${expires}.${signature}`;
  }

  caseReferenceOf(token: string): string | undefined {
    return TOKEN.exec(token)?.[1];
  }

  read(token: string, customerEmail: string, now: Date): CasePageTokenReading {
    const match = TOKEN.exec(token);
    if (!match) return { valid: false, reason: "invalid" };
    const [, caseReference = "", expires = "", signature = ""] = match;
    const expected = this.mac("link", caseReference, expires, normaliseEmailAddress(customerEmail));
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
      return { valid: false, reason: "invalid" };
    const expiresAt = new Date(Number(expires) * 1000);
    if (expiresAt.getTime() <= now.getTime()) return { valid: false, reason: "expired" };
    return { valid: true, claims: { caseReference, expiresAt: expiresAt.toISOString() } };
  }

  formToken(linkToken: string): string {
    return this.mac("form", linkToken);
  }

  pseudonym(kind: string, value: string): string {
    return this.mac("rate-limit", kind, value).slice(0, 32);
  }
}

/** The link settings letters are signed with, from a function's checked environment. */
export function casePageLinkSettings(env: CasePageLinkEnvironment): CasePageLinkSettings {
  return {
    tokens: new HmacCasePageTokens(env.CASE_PAGE_SIGNING_KEY),
    baseUrl: env.CASE_PAGE_BASE_URL,
    linkValidDays: env.CASE_PAGE_LINK_DAYS,
  };
}
