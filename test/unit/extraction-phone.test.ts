import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { bestDetail, extractDetails } from "../../shared/domain/extraction";
import { findPhones, normalisePhone } from "../../shared/domain/extraction/phone";

const search = {
  region: "GB" as const,
  context: defaultPolicy.extraction.phoneContext,
  ownNumbers: new Set(["+448081570192"]),
  taken: [],
};

function phonesOf(text: string, from?: { email: string; name: string }) {
  const found = extractDetails(
    { subject: "My order", text, from: from && { ...from, source: "header" } },
    defaultPolicy,
  );
  return {
    all: found.details.filter((d) => d.field === "phone"),
    customer: bestDetail(found.details, "phone")?.value,
  };
}

describe("normalisePhone", () => {
  it.each([
    ["07700 900123", "+447700900123"],
    ["07700900123", "+447700900123"],
    ["07700-900-123", "+447700900123"],
    ["(0113) 496 0123", "+441134960123"],
    ["+44 (0)113 496 0123", "+441134960123"],
    ["0044 7700 900123", "+447700900123"],
    ["+44 7700 900123", "+447700900123"],
    ["+33 1 23 45 67 89", "+33123456789"],
  ])("writes %s as %s", (input, e164) => {
    expect(normalisePhone(input, "GB")).toBe(e164);
  });

  it.each(["0123", "12345678901234567", "0000 000"])(
    "rejects %s, which cannot be a phone number",
    (input) => {
      expect(normalisePhone(input, "GB")).toBeUndefined();
    },
  );
});

describe("findPhones", () => {
  it.each([
    ["Please call me on 07700 900123 after six.", "customer"],
    ["My mobile is 07700 900123.", "customer"],
    ["Tel: 0113 496 0123", "customer"],
    ["The courier's number is 0344 800 4444 but nobody answers.", "other-party"],
    ["I rang you on 0113 496 0500 three times.", "other-party"],
    ["07700 900123 (mobile)", "customer"],
    ["0344 800 4444 is the DPD depot.", "other-party"],
    ["It was 07700 900123 that I gave you.", undefined],
  ] as const)("reads whose the number in %j is", (text, whose) => {
    expect(findPhones(text, search).map((p) => p.whose)).toEqual([whose]);
  });

  it("lets the nearest words decide when a sentence names two numbers", () => {
    // Act
    const found = findPhones(
      "The courier gave 0344 800 4444 but please call me on 07700 900123 instead.",
      search,
    );

    // Assess
    expect(found.map((p) => [p.value, p.whose])).toEqual([
      ["+443448004444", "other-party"],
      ["+447700900123", "customer"],
    ]);
  });

  it("never keeps the organisation's own numbers", () => {
    expect(findPhones("Your helpline 0808 157 0192 kept me waiting.", search)).toEqual([]);
  });

  it("does not take order numbers, dates or amounts for phone numbers", () => {
    const text = "Order ORD-2024-55812 of 12/03/2024 for £1,250.00, tracking JD0002251234567890, #100234556.";
    expect(findPhones(text, search)).toEqual([]);
  });
});

describe("the customer's phone number", () => {
  it("is the one in the signature when the signature gives several and the body quotes a courier", () => {
    // Prepare
    const text = [
      "The parcel is stuck at the depot. The courier's number is 0344 800 4444 but nobody answers.",
      "",
      "Kind regards,",
      "Jane Smith",
      "Mobile: 07700 900123",
      "Home: 0113 496 0123",
      "Fax: 0113 496 0888",
    ].join("\n");

    // Act
    const { all, customer } = phonesOf(text);

    // Assess
    expect(customer).toBe("+447700900123");
    expect(all).toEqual([
      { field: "phone", value: "+443448004444", source: "body", confidence: "low", kind: "other-party" },
      { field: "phone", value: "+447700900123", source: "signature", confidence: "high" },
      { field: "phone", value: "+441134960123", source: "signature", confidence: "high" },
      { field: "phone", value: "+441134960888", source: "signature", confidence: "low", kind: "other-party" },
    ]);
  });

  it("is the one after 'call me on', not the one quoted from our own letter in a reply", () => {
    // Prepare
    const text = [
      "I still have not had my refund. Please call me on 07700 900456.",
      "",
      "On Tue, 4 Nov 2025 at 09:12, Example Ltd <complaints@example.com> wrote:",
      "> Thank you for contacting us. If you need to speak to us, call 0808 157 0192.",
      "> Your case was opened by our team on 0113 496 0777.",
    ].join("\n");

    // Act
    const { all, customer } = phonesOf(text);

    // Assess
    expect(customer).toBe("+447700900456");
    expect(all.map((p) => p.value)).not.toContain("+448081570192");
    expect(all).toContainEqual({
      field: "phone",
      value: "+441134960777",
      source: "quoted",
      confidence: "low",
    });
  });

  it("is never a number that appears only in lines quoted with '>'", () => {
    const text = "See below.\n\n> For help call 0113 496 0777\n> or write to us.";
    expect(phonesOf(text).customer).toBeUndefined();
  });

  it("is the one in the customer's own earlier message when they quote it to chase us", () => {
    // Prepare
    const text =
      "Any update on this?\n\n> On 1 Nov, Iain Reid wrote:\n> The jug is cracked. My number is 07700 900777.";

    // Act
    const { all, customer } = phonesOf(text, { email: "i.reid@example.org", name: "Iain Reid" });

    // Assess
    expect(customer).toBe("+447700900777");
    expect(all).toEqual([{ field: "phone", value: "+447700900777", source: "quoted", confidence: "high" }]);
  });

  it("is a number in the customer's own words when nothing says whose it is", () => {
    expect(phonesOf("You can get me on 07700 900789 during the day.").customer).toBe("+447700900789");
  });
});
