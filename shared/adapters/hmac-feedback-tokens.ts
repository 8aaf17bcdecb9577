// Feedback links carry a token that names the case and the outcome it asks about, with an expiry,
// signed with HMAC-SHA256: the customer needs no account, and a token cannot be forged or stretched.

import { createHmac, timingSafeEqual } from "node:crypto";
import type { FeedbackClaims, FeedbackTokenReading, FeedbackTokens } from "../ports";

const TOKEN = /^(CS-[0-9A-Z]{4,16})\.([0-9a-f-]{8,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export class HmacFeedbackTokens implements FeedbackTokens {
  constructor(private readonly key: string) {}

  private signature(payload: string): string {
    return createHmac("sha256", this.key).update(`heed-feedback:${payload}`).digest("base64url");
  }

  issue(claims: FeedbackClaims): string {
    const expires = Math.floor(Date.parse(claims.expiresAt) / 1000);
    const payload = `${claims.caseReference}.${claims.outcomeId}.${expires}`;
    return `${payload}.${this.signature(payload)}`;
  }

  read(token: string, now: Date): FeedbackTokenReading {
    const match = TOKEN.exec(token);
    if (!match) return { valid: false, reason: "invalid" };
    const [, caseReference = "", outcomeId = "", expires = "", signature = ""] = match;
    const expected = Buffer.from(this.signature(`${caseReference}.${outcomeId}.${expires}`));
    if (!timingSafeEqual(expected, Buffer.from(signature))) return { valid: false, reason: "invalid" };
    const expiresAt = new Date(Number(expires) * 1000);
    const claims = { caseReference, outcomeId, expiresAt: expiresAt.toISOString() };
    if (expiresAt.getTime() <= now.getTime()) return { valid: false, reason: "expired", claims };
    return { valid: true, claims };
  }
}
