// The link to a customer's case page: signed for the case and the address on it, and expiring after the
// configured number of days from when it is issued.
import { describe, expect, it } from "vitest";
import { HmacCasePageTokens } from "../../shared/adapters/hmac-case-page-tokens";
import { CASE_PAGE_PATH, casePageLink } from "../../shared/application/case-page-links";
import { sampleCase } from "./sample-case";

const tokens = new HmacCasePageTokens("p".repeat(64));
const settings = { tokens, baseUrl: "https://api.example.com", linkValidDays: 30 };
const issuedAt = new Date("2026-11-23T10:00:00.000Z");

describe("casePageLink", () => {
  it("links to the case page with a token for the case and the customer's address, valid for the set days", () => {
    const { url, until } = casePageLink(sampleCase, settings, issuedAt);

    expect(until.toISOString()).toBe("2026-12-23T10:00:00.000Z");
    expect(url.startsWith(`https://api.example.com${CASE_PAGE_PATH}/`)).toBe(true);
    const token = url.slice(`https://api.example.com${CASE_PAGE_PATH}/`.length);
    expect(tokens.read(token, sampleCase.customer.email, new Date("2026-12-23T09:59:59.000Z"))).toEqual({
      valid: true,
      claims: { caseReference: sampleCase.reference, expiresAt: "2026-12-23T10:00:00.000Z" },
    });
  });

  it("issues a link that stops working after its days, or for another address", () => {
    const { url } = casePageLink(sampleCase, settings, issuedAt);
    const token = url.split("/").at(-1) ?? "";

    expect(tokens.read(token, sampleCase.customer.email, new Date("2026-12-23T10:00:01.000Z"))).toMatchObject(
      {
        valid: false,
      },
    );
    expect(tokens.read(token, "someone.else@example.org", issuedAt)).toEqual({
      valid: false,
      reason: "invalid",
    });
  });
});
