// Staff emails and referral messages quote the customer with contact details masked.

import { describe, expect, it } from "vitest";
import { referralMessage, referralMessageFor } from "../../shared/application/referral-message";
import { maskContactDetails } from "../../shared/domain/extraction/contact-masking";
import { sampleCase } from "./sample-case";

describe("maskContactDetails", () => {
  it("masks phone numbers in any common format, email addresses and postcodes, and keeps the rest", () => {
    // Prepare
    const text =
      "Call 07700 900123, +44 (0)20 7946 0958 or 0113-496-0000; email jo.bloggs+shop@example.org. " +
      "Address: 14 Mill Lane, Bath BA1 1AA (or ls63ab). Order 100419 on 12/03/2025 cost £45.99 😡";

    // Act
    const masked = maskContactDetails(text);

    // Assess
    expect(masked).toBe(
      "Call [phone], [phone] or [phone]; email [email]. " +
        "Address: 14 Mill Lane, Bath [postcode] (or [postcode]). Order 100419 on 12/03/2025 cost £45.99 😡",
    );
  });

  it("leaves text without contact details unchanged", () => {
    expect(maskContactDetails("My parcel 📦 has not arrived.")).toBe("My parcel 📦 has not arrived.");
  });

  it("is what a referral message carries as the case's summary", () => {
    // Prepare
    const record = { ...sampleCase, summary: "Please call me on 07700 900123 about my refund." };

    // Act
    const message = referralMessageFor(record);

    // Assess
    expect(message.summary).toBe("Please call me on [phone] about my refund.");
  });

  it("masks the summary of a referral a colleague makes by hand, and names the colleague", () => {
    // Prepare
    const record = { ...sampleCase, summary: "Write to jo@example.org or call 07700 900123." };

    // Act
    const message = referralMessage(record, {
      referralId: `${record.reference}#management@2026-01-01T00:00:00.000Z`,
      level: "management",
      reasonCode: "staff-re-referral",
      reason: "Needs a manager",
      referredBy: "sam@example.com",
    });

    // Assess
    expect(message).toMatchObject({
      summary: "Write to [email] or call [phone].",
      referredBy: "sam@example.com",
    });
  });
});
