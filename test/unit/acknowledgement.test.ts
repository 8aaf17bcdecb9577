import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { CASE_KINDS, type CaseRecord, REFERRAL_LEVELS } from "../../shared/domain/case";
import { checkPromisesAndTone } from "../../shared/domain/promise-check";
import { renderAcknowledgement } from "../../shared/domain/templates/acknowledgement";

const base: CaseRecord = {
  reference: "CS-7K3MQ09X",
  customerReference: "CU-1234567A",
  channel: "email",
  status: "open",
  createdAt: "2026-11-23T10:00:00.000Z",
  updatedAt: "2026-11-23T10:00:00.000Z",
  customer: {
    name: "Jo Bloggs",
    email: "jo@example.org",
    phone: undefined,
    address: undefined,
    postcode: undefined,
  },
  subject: "Parcel not arrived",
  summary: "My parcel has not arrived.",
  transactionReferences: [],
  extracted: [],
  classification: { kind: "complaint", category: "delivery", cause: "unknown", signals: [], evidence: [] },
  referral: { level: "supervisor", reasonCode: "complaint", reason: "a complaint", state: "pending" },
  acknowledgement: { state: "pending" },
  intakeId: "mail:inbound/abc",
  inboundMessageId: "abc@example.org",
  flags: {},
};

const context = (level: CaseRecord["referral"]["level"]) => ({
  organisationName: defaultPolicy.organisation.name,
  teamName: defaultPolicy.organisation.teams[level],
  responseTimeStatement: null,
});

describe("renderAcknowledgement", () => {
  it("gives the reference, restates what we understood, and asks for a missing order number", () => {
    // Act
    const message = renderAcknowledgement(base, context("supervisor"));

    // Assess
    expect(message.subject).toBe("Re: Parcel not arrived [CS-7K3MQ09X]");
    expect(message.text).toContain("Dear Jo,");
    expect(message.text).toContain("under the reference CS-7K3MQ09X");
    expect(message.text).toContain("you are unhappy with a delivery");
    expect(message.text).toContain("order, invoice or account number");
    expect(message.text).toContain("passed to our customer service supervisors");
  });

  it("does not ask for an order number the customer already gave", () => {
    const message = renderAcknowledgement(
      { ...base, transactionReferences: ["100234"] },
      context("supervisor"),
    );
    expect(message.text).not.toContain("order, invoice or account number");
  });

  it("keeps a hostile subject on one line", () => {
    const message = renderAcknowledgement(
      { ...base, subject: "Late\r\nBcc: x@example.org" },
      context("frontline"),
    );
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it("passes the promise and tone check for every kind, category and level", () => {
    const categories = [...Object.keys(defaultPolicy.classification.categories), "other"];
    for (const kind of CASE_KINDS) {
      for (const category of categories) {
        for (const level of REFERRAL_LEVELS) {
          const record = { ...base, classification: { ...base.classification, kind, category } };
          const { text } = renderAcknowledgement(record, context(level));
          expect(checkPromisesAndTone(text), `${kind}/${category}/${level}`).toEqual([]);
        }
      }
    }
  });
});
