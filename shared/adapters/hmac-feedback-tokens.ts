// Feedback links carry a token that names the case and the outcome it asks about, with an expiry,
// signed with HMAC-SHA256: the customer needs no account, and a token cannot be forged or stretched.
// The key is a secret read at run time: `RuntimeKeyFeedbackTokens` loads its current value per invocation.

import { createHmac, timingSafeEqual } from "node:crypto";
import type { FeedbackClaims, FeedbackTokenReading, FeedbackTokens, ReadSecret } from "../ports";
import { RuntimeSigningKey } from "./runtime-signing-key";

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

/**
 * Feedback tokens under the signing key's current value: `load()` at the start of an invocation reads the
 * key (cached by the secret reader), so a rotated key signs and checks from then on.
 */
export class RuntimeKeyFeedbackTokens implements FeedbackTokens {
  private readonly key: RuntimeSigningKey<HmacFeedbackTokens>;

  constructor(readKey: ReadSecret) {
    this.key = new RuntimeSigningKey(readKey, (key) => new HmacFeedbackTokens(key), "feedback");
  }

  load(): Promise<void> {
    return this.key.load();
  }

  issue(claims: FeedbackClaims): string {
    return this.key.current().issue(claims);
  }

  read(token: string, now: Date): FeedbackTokenReading {
    return this.key.current().read(token, now);
  }
}
