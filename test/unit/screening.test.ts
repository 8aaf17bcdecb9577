import { describe, expect, it } from "vitest";
import { screen } from "../../shared/domain/screening";
import { inboundEmail } from "./support/inbound-email";

const email = inboundEmail;

const context = { ownAddresses: ["Complaints@Example.com"] };

describe("screen", () => {
  it("accepts an ordinary customer message", () => {
    expect(screen(email(), context)).toEqual({
      action: "accept",
      possibleSpoof: false,
      authenticated: false,
    });
  });

  it.each([
    ["spf=pass dkim=none dmarc=none", { possibleSpoof: false, authenticated: true }],
    ["spf=fail dkim=pass dmarc=pass", { possibleSpoof: true, authenticated: true }],
    ["spf=softfail dkim=fail dmarc=none", { possibleSpoof: true, authenticated: false }],
    ["spf=none dkim=none dmarc=none", { possibleSpoof: false, authenticated: false }],
  ])("reads SES's %s as %o", (results, expected) => {
    // Prepare: the header block SES prepends, with its own Received line
    const sesHeaders = {
      Received:
        "from mail.example.org by inbound-smtp.eu-west-2.amazonaws.com with SMTP id abc for complaints@example.com",
      "Authentication-Results": `amazonses.com; ${results.split(" ").join("; ")}`,
    };

    // Act + Assess
    expect(screen(email({}, sesHeaders), context)).toEqual({ action: "accept", ...expected });
  });

  it.each([
    [{ "Auto-Submitted": "auto-replied" }, "auto-submitted"],
    [{ "Auto-Submitted": "Auto-Generated; owner-email=x" }, "auto-submitted"],
    [{ Precedence: "bulk" }, "bulk-or-list"],
    [{ "List-Id": "<news.example.org>" }, "bulk-or-list"],
    [{ "Return-Path": "<>" }, "empty-return-path"],
    [{ "X-Auto-Response-Suppress": "OOF, AutoReply" }, "auto-reply-suppressed"],
    [{ "X-Heed-Loop": "CS-1234567X" }, "own-loop-header"],
  ])("never answers a message with %j", (headers, reason) => {
    expect(screen(email({}, headers), context)).toEqual({ action: "suppress", reason });
  });

  it("answers a message that says Auto-Submitted: no", () => {
    expect(screen(email({}, { "Auto-Submitted": "no" }), context)).toEqual({
      action: "accept",
      possibleSpoof: false,
      authenticated: false,
    });
  });

  it.each([
    "MAILER-DAEMON@mx.example.org",
    "postmaster@example.org",
    "no-reply@shop.example",
    "news-request@lists.example",
    "owner-news@lists.example",
  ])("never answers the machine sender %s", (address) => {
    expect(screen(email({ from: { address, name: "" } }), context)).toEqual({
      action: "suppress",
      reason: "machine-sender",
    });
  });

  it("never answers delivery reports or our own address", () => {
    expect(screen(email({ contentType: "multipart/report" }), context)).toMatchObject({
      reason: "delivery-report",
    });
    expect(screen(email({ from: { address: "complaints@example.com", name: "" } }), context)).toMatchObject({
      reason: "own-address",
    });
  });

  it("quarantines a message without a sender", () => {
    expect(screen(email({ from: undefined }), context)).toEqual({
      action: "quarantine",
      reason: "no-sender",
    });
  });
});
