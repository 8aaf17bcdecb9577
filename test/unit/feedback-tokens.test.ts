// Feedback links: the token names the case and the outcome it asks about, expires, and cannot be altered
// or forged.
import { describe, expect, it } from "vitest";
import { HmacFeedbackTokens } from "../../shared/adapters/hmac-feedback-tokens";

const tokens = new HmacFeedbackTokens("k".repeat(64));
const claims = {
  caseReference: "CS-7K3MQ092",
  outcomeId: "0f8e2a5c-1b7d-4c3e-9a61-2d5f8b9c0e14",
  expiresAt: "2026-12-21T10:00:00.000Z",
};

describe("HmacFeedbackTokens", () => {
  it("reads back the case and outcome of a token it issued, until it expires", () => {
    const token = tokens.issue(claims);

    expect(token).toMatch(/^CS-7K3MQ092\.0f8e2a5c-[0-9a-f-]+\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.read(token, new Date("2026-12-01T00:00:00Z"))).toEqual({ valid: true, claims });
    expect(tokens.read(token, new Date("2026-12-21T10:00:00Z"))).toEqual({
      valid: false,
      reason: "expired",
      claims,
    });
  });

  it("refuses a token whose case, outcome or expiry was changed, or signed with another key", () => {
    const token = tokens.issue(claims);
    const [, outcomeId, expires, signature] = token.split(".");
    const now = new Date("2026-12-01T00:00:00Z");

    expect(tokens.read(`CS-AAAAAAAA.${outcomeId}.${expires}.${signature}`, now).valid).toBe(false);
    expect(tokens.read(`CS-7K3MQ092.${outcomeId}.${Number(expires) + 86_400}.${signature}`, now)).toEqual({
      valid: false,
      reason: "invalid",
    });
    expect(new HmacFeedbackTokens("x".repeat(64)).read(token, now)).toEqual({
      valid: false,
      reason: "invalid",
    });
    expect(tokens.read("not-a-token", now)).toEqual({ valid: false, reason: "invalid" });
  });
});
