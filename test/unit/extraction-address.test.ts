import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { extractDetails } from "../../shared/domain/extraction";
import { findAddresses, normalisePostcode } from "../../shared/domain/extraction/address";

describe("normalisePostcode", () => {
  it.each([
    ["LS6 3AB", "LS6 3AB"],
    ["ls6 3ab", "LS6 3AB"],
    ["ls63ab", "LS6 3AB"],
    [" sw1a  1aa ", "SW1A 1AA"],
    ["M1 1AE", "M1 1AE"],
    ["B33 8TH", "B33 8TH"],
    ["CR2 6XH", "CR2 6XH"],
    ["DN55 1PT", "DN55 1PT"],
    ["W1A 0AX", "W1A 0AX"],
    ["EC1A 1BB", "EC1A 1BB"],
  ])("writes %j as %s", (input, postcode) => {
    expect(normalisePostcode(input)).toBe(postcode);
  });

  it.each(["QQ1 1AA", "LS6 3CI", "12345", "LS6", "ORD-2024"])(
    "rejects %j, which is not a postcode",
    (input) => {
      expect(normalisePostcode(input)).toBeUndefined();
    },
  );
});

describe("findAddresses", () => {
  it.each([
    [
      "across several lines under a name",
      "Jane Smith\n12 High Street\nHeadingley\nLeeds\nLS6 3AB",
      ["Jane Smith"],
      { postcode: "LS6 3AB", address: "12 High Street, Headingley, Leeds" },
    ],
    [
      "with the town on the postcode's line",
      "Flat 2\n14 Mill Lane\nBath BA1 1AA",
      [],
      { postcode: "BA1 1AA", address: "Flat 2, 14 Mill Lane, Bath" },
    ],
    [
      "written all in lower case",
      "4 station road\nbath\nba1 1aa",
      [],
      { postcode: "BA1 1AA", address: "4 station road, bath" },
    ],
    [
      "inside a sentence",
      "Please send the replacement to my address, which is 14 Mill Lane, Bath BA1 1AA.",
      [],
      { postcode: "BA1 1AA", address: "14 Mill Lane, Bath" },
    ],
    [
      "after a label",
      "Address: 7 Church Walk, Stratford upon Avon, CV37 6BA",
      [],
      { postcode: "CV37 6BA", address: "7 Church Walk, Stratford upon Avon" },
    ],
    [
      "with a named house above the number",
      "Rose Cottage\n3 Mill Lane\nLlanrwst\nLL26 0AB",
      [],
      { postcode: "LL26 0AB", address: "Rose Cottage, 3 Mill Lane, Llanrwst" },
    ],
    [
      "without any address written with it",
      "I live in the LS6 3AB area.",
      [],
      { postcode: "LS6 3AB", address: undefined },
    ],
  ])("finds a postcode and its address %s", (_, text, names, expected) => {
    expect(findAddresses(text, names)).toMatchObject([expected]);
  });

  it("does not take lower-case lines for an address unless a house number confirms them", () => {
    const text = "thanks\nspeak soon\nba1 1aa";
    expect(findAddresses(text)).toMatchObject([{ postcode: "BA1 1AA", address: undefined }]);
  });

  it("stops reading upwards at a sentence", () => {
    const text = "Please send it to:\n9 Oak Road\nYork\nYO1 7HH";
    expect(findAddresses(text)[0]?.address).toBe("9 Oak Road, York");
  });

  it("does not take part of a reference or a case code for a postcode", () => {
    expect(findAddresses("Case CS-7K3MQ09X, parcel AB123456789GB, order ORD-2024-55812")).toEqual([]);
  });
});

describe("the customer's address", () => {
  it("is the one in their signature, with the postcode written the standard way", () => {
    // Prepare
    const text = [
      "The wardrobe arrived with a cracked door.",
      "",
      "Regards,",
      "Tom Baker",
      "27 Victoria Road",
      "Roath",
      "Cardiff",
      "cf24 3aa",
    ].join("\n");

    // Act
    const details = extractDetails({ subject: "Wardrobe", text, from: undefined }, defaultPolicy).details;

    // Assess
    expect(details).toEqual([
      { field: "name", value: "Tom Baker", source: "signature", confidence: "high" },
      { field: "postcode", value: "CF24 3AA", source: "signature", confidence: "high" },
      {
        field: "address",
        value: "27 Victoria Road, Roath, Cardiff",
        source: "signature",
        confidence: "high",
      },
    ]);
  });

  it("is never the organisation's own returns address quoted back to it", () => {
    const text = "Where is my refund?\n\n> Please return the item to Returns, Unit 4, Leeds LS1 4AP.";
    const details = extractDetails({ subject: "Refund", text, from: undefined }, defaultPolicy).details;
    expect(details.filter((d) => d.field === "postcode")).toEqual([]);
  });
});
