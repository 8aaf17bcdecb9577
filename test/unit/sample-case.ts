// A recorded case as intake leaves it, for the tests of what Heed writes to customers: each test
// changes the one field it is about.

import type { CaseRecord } from "../../shared/domain/case";

export const sampleCase: CaseRecord = {
  reference: "CS-7K3MQ092",
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
  referral: { level: "supervisor", reasonCode: "complaint", reason: "a complaint", state: "sent" },
  acknowledgement: { state: "pending" },
  intakeId: "mail:inbound/abc",
  inboundMessageId: "abc@example.org",
  flags: {},
};
