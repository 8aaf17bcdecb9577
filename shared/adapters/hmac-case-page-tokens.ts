// Case-page links carry the case reference and an expiry, signed with HMAC-SHA256 over those and the
// customer's address: the customer needs no account, a link cannot be forged, stretched or moved to
// another case, and it stops working once the case no longer holds that address. The key is a secret
// read at run time: `RuntimeKeyCasePageTokens` loads its current value per invocation.

import { createHmac, timingSafeEqual } from "node:crypto";
import type { CasePageLinkSettings } from "../application/case-page-links";
import type { CasePageLinkEnvironment } from "../config/case-page-environment";
import { normaliseEmailAddress } from "../domain/mail";
import type { CasePageClaims, CasePageTokenReading, CasePageTokens, ReadSecret } from "../ports";
import { RuntimeSigningKey } from "./runtime-signing-key";

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

/**
 * Case-page tokens under the signing key's current value: `load()` at the start of an invocation reads the
 * key (cached by the secret reader), so a rotated key signs and checks from then on.
 */
export class RuntimeKeyCasePageTokens implements CasePageTokens {
  private readonly key: RuntimeSigningKey<HmacCasePageTokens>;

  constructor(readKey: ReadSecret) {
    this.key = new RuntimeSigningKey(readKey, (key) => new HmacCasePageTokens(key), "case-page");
  }

  load(): Promise<void> {
    return this.key.load();
  }

  issue(claims: CasePageClaims, customerEmail: string): string {
    return this.key.current().issue(claims, customerEmail);
  }

  caseReferenceOf(token: string): string | undefined {
    return this.key.current().caseReferenceOf(token);
  }

  read(token: string, customerEmail: string, now: Date): CasePageTokenReading {
    return this.key.current().read(token, customerEmail, now);
  }

  formToken(linkToken: string): string {
    return this.key.current().formToken(linkToken);
  }

  pseudonym(kind: string, value: string): string {
    return this.key.current().pseudonym(kind, value);
  }
}

/**
 * The link settings letters are signed with, from a function's checked environment and a reader of the
 * key's secret (`CASE_PAGE_SIGNING_KEY_SECRET`): `load()` the tokens at the start of each invocation.
 */
export function casePageLinkSettings(
  env: CasePageLinkEnvironment,
  readKey: ReadSecret,
): CasePageLinkSettings & { tokens: RuntimeKeyCasePageTokens } {
  return {
    tokens: new RuntimeKeyCasePageTokens(readKey),
    baseUrl: env.CASE_PAGE_BASE_URL,
    linkValidDays: env.CASE_PAGE_LINK_DAYS,
  };
}
