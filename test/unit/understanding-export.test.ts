// Staff corrections feed the labelled set: a case whose kind or guide's signals a colleague corrected is
// written as a labelled example in the format the evaluation reads, with the understanding as corrected
// and no sender and with every reference code the customer gave; cases corrected only in their details or
// in a signal the labelled set does not hold (an MP or councillor), or not at all, are left out.
import { describe, expect, it } from "vitest";
import { exportCorrectedExamples } from "../../shared/application/understanding-export";
import type { CaseRecord, Correction } from "../../shared/domain/case";
import { labelledFileSchema } from "../../shared/domain/labelled-set";
import { MemoryCases } from "./communication-fakes";
import { sampleCase } from "./sample-case";

const correction = (field: Correction["field"], original: string, corrected: string): Correction => ({
  field,
  original,
  corrected,
  reason: "Read the message again.",
  by: "dev-supervisor",
  at: "2026-11-24T09:00:00.000Z",
});

async function storedCase(cases: MemoryCases, record: CaseRecord, text: string): Promise<CaseRecord> {
  await cases.createCase(record);
  await cases.appendEvent({
    type: "message-received",
    caseReference: record.reference,
    eventId: `received:${record.reference}`,
    at: record.createdAt,
    channel: record.channel,
    from: record.customer.email,
    subject: record.subject,
    messageId: undefined,
    inReplyTo: undefined,
    text,
    textTruncated: false,
    rawLocation: undefined,
    attachments: [],
    fromCustomer: true,
  });
  return record;
}

describe("exportCorrectedExamples", () => {
  it("writes cases whose kind or signals were corrected as labelled examples, as corrected", async () => {
    // Prepare
    const cases = new MemoryCases();
    await storedCase(
      cases,
      {
        ...sampleCase,
        reference: "CS-AAAAAAA1",
        channel: "web-form",
        customer: { ...sampleCase.customer, phone: "+447700900123" },
        classification: {
          ...sampleCase.classification,
          kind: "request",
          signals: ["vulnerability", "urgency"],
        },
        extracted: [
          {
            field: "transaction-reference",
            value: "SB8820113",
            source: "body",
            confidence: "high",
            kind: "account",
          },
          {
            field: "transaction-reference",
            value: "104700",
            source: "body",
            confidence: "high",
            kind: "order",
          },
        ],
        corrections: [correction("kind", "query", "request"), correction("signals", "none", "vulnerability")],
      },
      "My husband passed away. Please close his account SB8820113 and cancel order 104700. 07700 900123",
    );
    await storedCase(
      cases,
      {
        ...sampleCase,
        reference: "CS-AAAAAAA2",
        corrections: [correction("phone", "none", "+447700900999")],
      },
      "Only a detail was corrected here.",
    );
    await storedCase(cases, { ...sampleCase, reference: "CS-AAAAAAA3" }, "Nothing was corrected here.");
    const inventory = { read: async () => ({ entries: [], cases: [...cases.cases.values()] }) };

    // Act
    const file = await exportCorrectedExamples({ inventory, cases });

    // Assess
    expect(labelledFileSchema.parse(file)).toEqual(file);
    expect(file.messages).toEqual([
      {
        id: "correction-cs-aaaaaaa1",
        channel: "form",
        sender: { email: "customer@example.org", name: "" },
        subject: "Parcel not arrived",
        text: "My husband passed away. Please close his account SB8820113 and cancel order 104700. 07700 900123",
        formCategory: "delivery",
        expected: {
          kind: "request",
          signals: ["vulnerability"],
          minimumLevel: "supervisor",
          phones: ["+447700900123"],
          postcodes: [],
          // Every type of reference: the field holds all the customer's codes, not only orders.
          orderReferences: ["SB8820113", "104700"],
        },
      },
    ]);
  });

  it("writes only the guide's signals, and leaves out a case corrected only in its MP or councillor", async () => {
    // Prepare
    const cases = new MemoryCases();
    const withSignals = (reference: string, signals: string[], corrections: Correction[]) => ({
      ...sampleCase,
      reference,
      classification: { ...sampleCase.classification, signals },
      corrections,
    });
    await storedCase(
      cases,
      withSignals(
        "CS-AAAAAAB1",
        ["dissatisfaction", "elected-representative", "legal-threat"],
        [correction("signals", "elected-representative", "elected-representative, legal-threat")],
      ),
      "My MP has written to you, and my solicitor will be next.",
    );
    await storedCase(
      cases,
      withSignals(
        "CS-AAAAAAB2",
        ["dissatisfaction", "elected-representative", "vulnerability"],
        [correction("signals", "vulnerability", "elected-representative, vulnerability")],
      ),
      "I am recovering from surgery and have copied in my councillor.",
    );
    const inventory = { read: async () => ({ entries: [], cases: [...cases.cases.values()] }) };

    // Act
    const file = await exportCorrectedExamples({ inventory, cases });

    // Assess
    expect(file.messages.map(({ id, expected }) => ({ id, signals: expected.signals }))).toEqual([
      { id: "correction-cs-aaaaaab1", signals: ["legal-threat"] },
    ]);
    expect(file.messages[0]?.expected.minimumLevel).toBe("management");
  });
});
