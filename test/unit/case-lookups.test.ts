import { describe, expect, it } from "vitest";
import { caseLookups, detectQuery } from "../../shared/application/case-lookups";
import { checkCharacter } from "../../shared/domain/reference";
import { sampleCase } from "./sample-case";

describe("detectQuery", () => {
  const body = "7K3MQ09";
  const reference = `CS-${body}${checkCharacter(body)}`;

  it.each([
    [`  ${reference.toLowerCase()} `, { kind: "reference", reference }],
    [reference.replace("-", ""), { kind: "reference", reference }],
    [
      "Jo.Bloggs@Example.ORG",
      { kind: "lookups", lookups: [{ kind: "email", value: "jo.bloggs@example.org" }] },
    ],
    ["ls63ab", { kind: "lookups", lookups: [{ kind: "postcode", value: "LS6 3AB" }] }],
    ["ORD-55812", { kind: "lookups", lookups: [{ kind: "transaction", value: "ORD-55812" }] }],
    ["the kettle", { kind: "unrecognised" }],
    ["   ", { kind: "unrecognised" }],
  ] as const)("reads %j", (query, expected) => {
    expect(detectQuery(query, "GB")).toEqual(expected);
  });

  it("looks up a reference written in groups as the same reference written without spaces", () => {
    const transactionLookup = (query: string) => {
      const detected = detectQuery(query, "GB");
      return detected.kind === "lookups" ? detected.lookups.find((l) => l.kind === "transaction") : undefined;
    };
    expect(transactionLookup("8820 1147 63")).toEqual({ kind: "transaction", value: "8820114763" });
    expect(transactionLookup("8820114763")).toEqual({ kind: "transaction", value: "8820114763" });
  });

  it("suggests the right reference for a mistyped check character", () => {
    const wrong = `${reference.slice(0, -1)}${reference.endsWith("1") ? "2" : "1"}`;
    expect(detectQuery(wrong, "GB")).toEqual({ kind: "mistyped-reference", suggestion: reference });
  });

  it("tries a phone number and an order number for a run of digits", () => {
    expect(detectQuery("0113 496 0000", "GB")).toEqual({
      kind: "lookups",
      lookups: [
        { kind: "phone", value: "+441134960000" },
        { kind: "transaction", value: "01134960000" },
      ],
    });
  });
});

describe("caseLookups", () => {
  it("indexes the customer's phone and postcode, trusted extracted ones, and every transaction reference", () => {
    const lookups = caseLookups({
      ...sampleCase,
      customer: { ...sampleCase.customer, phone: "+447700900123", postcode: "LS6 3AB" },
      transactionReferences: ["ord-1 ", "INV-2", "8820 1147 63"],
      extracted: [
        { field: "phone", value: "+441614960000", source: "signature", confidence: "high" },
        { field: "phone", value: "+442079460000", source: "quoted", confidence: "low" },
        { field: "phone", value: "+443003300000", source: "body", confidence: "medium", kind: "other-party" },
        { field: "postcode", value: "m1 1ae", source: "body", confidence: "medium" },
      ],
    });

    expect(lookups).toEqual([
      { kind: "phone", value: "+447700900123" },
      { kind: "phone", value: "+441614960000" },
      { kind: "postcode", value: "LS6 3AB" },
      { kind: "postcode", value: "M1 1AE" },
      { kind: "transaction", value: "ORD-1" },
      { kind: "transaction", value: "INV-2" },
      { kind: "transaction", value: "8820114763" },
    ]);
  });

  it("leaves out a card's last digits, which many customers share", () => {
    const lookups = caseLookups({
      ...sampleCase,
      transactionReferences: ["7731", "ORD-1"],
      extracted: [
        {
          field: "transaction-reference",
          value: "7731",
          source: "body",
          confidence: "medium",
          kind: "card-ending",
        },
        {
          field: "transaction-reference",
          value: "ORD-1",
          source: "body",
          confidence: "medium",
          kind: "order",
        },
      ],
    });

    expect(lookups.filter((lookup) => lookup.kind === "transaction")).toEqual([
      { kind: "transaction", value: "ORD-1" },
    ]);
  });
});
