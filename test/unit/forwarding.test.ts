import { describe, expect, it } from "vitest";
import { forwardedMessage } from "../../shared/domain/forwarding";
import type { InboundEmail } from "../../shared/domain/mail";
import { inboundEmail } from "./support/inbound-email";

const email = (overrides: Partial<InboundEmail>) =>
  inboundEmail({
    messageId: "f1@example.com",
    from: { address: "sam.staff@example.com", name: "Sam Staff" },
    subject: "Fwd: Broken kettle",
    text: "",
    ...overrides,
  });

describe("forwardedMessage", () => {
  it("finds the customer in a Gmail-style inline forward from staff", () => {
    const text = [
      "Can someone pick this up?",
      "",
      "---------- Forwarded message ---------",
      "From: Jo Bloggs <jo@example.org>",
      "Date: Mon, 23 Nov 2026 at 09:00",
      "Subject: Broken kettle",
      "To: <sam.staff@example.com>",
      "",
      "My kettle stopped working after two days.",
    ].join("\n");
    const forward = forwardedMessage(email({ text }), ["example.com"]);
    expect(forward).toEqual({
      customer: { name: "Jo Bloggs", address: "jo@example.org" },
      subject: "Broken kettle",
      text: "My kettle stopped working after two days.",
      forwardedBy: { address: "sam.staff@example.com", name: "Sam Staff" },
    });
  });

  it("finds the customer in an Outlook-style forward", () => {
    const text = [
      "-----Original Message-----",
      "From: Jo Bloggs <jo@example.org>",
      "Sent: 23 November 2026 09:00",
      "Subject: Refund",
      "",
      "Where is my refund?",
    ].join("\n");
    expect(forwardedMessage(email({ subject: "FW: Refund", text }), ["example.com"])?.customer.address).toBe(
      "jo@example.org",
    );
  });

  it("finds the customer in a forward from a subdomain of the organisation's own", () => {
    const text =
      "---------- Forwarded message ---------\nFrom: Jo Bloggs <jo@example.org>\n\nWhere is my refund?";
    const forwarder = { address: "sam@northwind.example.com", name: "Sam" };
    expect(forwardedMessage(email({ from: forwarder, text }), ["example.com"])?.customer.address).toBe(
      "jo@example.org",
    );
  });

  it("ignores forwards from outside the organisation", () => {
    const text = "---------- Forwarded message ---------\nFrom: Someone <x@example.net>\n\nHi";
    expect(
      forwardedMessage(email({ from: { address: "a@example.org", name: "" }, text }), ["example.com"]),
    ).toBe(undefined);
  });
});
