import { describe, expect, it } from "vitest";
import { HmacFeedbackTokens } from "../../shared/adapters/hmac-feedback-tokens";
import {
  type DataProtectionDependencies,
  erasePersonalData,
  exportPersonalData,
  findPersonalData,
  InvalidDataSubjectError,
  setLegalHold,
} from "../../shared/application/data-protection";
import { submitFeedback } from "../../shared/application/feedback";
import { defaultPolicy } from "../../shared/config/policy";
import { defaultRetentionPolicy } from "../../shared/config/retention-policy";
import type { CaseRecord, MessageReceivedEvent } from "../../shared/domain/case";
import type { IntakeEntry } from "../../shared/domain/intake";
import type { ParkedMessage } from "../../shared/ports";
import { MemoryCases, MemoryCommunication, silentLog } from "./communication-fakes";
import { sampleCase } from "./sample-case";
import { MemoryPersonalData } from "./support/memory-personal-data";

const AT = "2026-11-23T12:00:00.000Z";
const JO = "jo@example.org";

function received(reference: string, from: string, key: string, fromCustomer = true): MessageReceivedEvent {
  return {
    type: "message-received",
    caseReference: reference,
    eventId: `received:${key}`,
    at: AT,
    channel: "email",
    from,
    subject: "Parcel",
    messageId: `${key}@example.org`,
    inReplyTo: undefined,
    text: "text",
    textTruncated: false,
    rawLocation: `s3://raw/${key}`,
    attachments: [],
    fromCustomer,
  };
}

function world() {
  const cases = new MemoryCases();
  const own: CaseRecord = {
    ...structuredClone(sampleCase),
    reference: "CS-AAAAAAA1",
    customer: { ...sampleCase.customer, email: JO, phone: "+447700900123" },
    extracted: [
      { field: "phone", value: "+447700900123", source: "signature", confidence: "high" },
      { field: "phone", value: "+447700900999", source: "body", confidence: "medium", kind: "other-party" },
    ],
  };
  const someoneElses: CaseRecord = {
    ...structuredClone(sampleCase),
    reference: "CS-AAAAAAA2",
    customer: { ...sampleCase.customer, email: "sam@example.org", name: "Sam" },
    flags: { "reply-from-other-sender": { at: AT, detail: "a reply from someone else" } },
  };
  cases.cases.set(own.reference, own);
  cases.cases.set(someoneElses.reference, someoneElses);
  void cases.addLookup("email", JO, own.reference);
  void cases.appendEvent(received(own.reference, JO, "inbound/own"));
  void cases.appendEvent(received(own.reference, "neighbour@example.net", "inbound/neighbour", false));
  void cases.appendEvent(received(someoneElses.reference, "sam@example.org", "inbound/sams"));
  void cases.appendEvent(received(someoneElses.reference, JO, "inbound/jo-on-sams", false));

  const entries: IntakeEntry[] = [
    {
      intakeId: "mail:inbound/away",
      channel: "email",
      receivedAt: AT,
      proposedCaseReference: "CS-AAAAAAA3",
      source: "s3://raw/inbound/away",
      result: { outcome: "suppressed", reason: "auto-submitted", decidedAt: AT },
    },
    {
      intakeId: "form:1",
      channel: "web-form",
      receivedAt: AT,
      proposedCaseReference: "CS-AAAAAAA4",
      source: "POST /api/forms",
      submission: { email: "JO@example.org", phone: "07700 900123" } as IntakeEntry["submission"],
    },
  ];
  const objects = new Map<string, Buffer>([
    ["inbound/own", Buffer.from(`From: Jo <${JO}>\r\nSubject: Parcel\r\n\r\nWhere is it?`)],
    ["inbound/away", Buffer.from(`From: Jo <${JO}>\r\nAuto-Submitted: auto-replied\r\n\r\nAway`)],
  ]);
  const parked: ParkedMessage[] = [
    {
      queue: "dlq",
      messageId: "m1",
      body: JSON.stringify({ caseReference: own.reference }),
      receiptHandle: "r1",
    },
    {
      queue: "dlq",
      messageId: "m2",
      body: JSON.stringify({ caseReference: "CS-ZZZZZZZZ" }),
      receiptHandle: "r2",
    },
  ];
  const buried: string[] = [];
  const deletedObjects: string[] = [];
  const deletedParked: string[] = [];
  const communication = new MemoryCommunication(cases);
  const store = new MemoryPersonalData(cases, communication.report);
  const deps: DataProtectionDependencies = {
    table: { read: async () => ({ entries, cases: [...cases.cases.values()] }) },
    cases,
    store,
    objects: {
      read: async (key) => objects.get(key),
      delete: async (keys) => void deletedObjects.push(...keys),
    },
    tombstones: {
      bury: async (kind, value) => void buried.push(`${kind}:${value}`),
      covers: async (kind, value) => buried.includes(`${kind}:${value}`),
    },
    deadLetters: {
      list: async () => parked,
      delete: async (message) => void deletedParked.push(message.messageId),
    },
    policy: defaultRetentionPolicy,
    clock: { now: () => new Date(AT) },
    log: silentLog,
    normalisePhone: (input) =>
      /^0?7700 ?900\d{3}$/.test(input) ? `+44${input.replace(/\D/g, "").slice(1)}` : undefined,
  };
  return { deps, cases, communication, store, buried, deletedObjects, deletedParked };
}

describe("findPersonalData", () => {
  it("finds the person's own cases by email or by phone, and only their own messages in someone else's case", async () => {
    const { deps } = world();

    const byEmail = await findPersonalData({ email: " Jo@Example.org " }, deps);
    const byPhone = await findPersonalData({ phone: "07700 900123" }, deps);

    expect(
      byEmail.cases.map((held) => [held.role, "case" in held ? held.case.reference : held.caseReference]),
    ).toEqual([
      ["customer", "CS-AAAAAAA1"],
      ["correspondent", "CS-AAAAAAA2"],
    ]);
    const correspondent = byEmail.cases[1];
    expect(
      correspondent?.role === "correspondent" && correspondent.messages.map((event) => event.eventId),
    ).toEqual(["received:inbound/jo-on-sams"]);
    expect(byPhone.cases.map((held) => held.role)).toEqual(["customer"]);
  });

  it("finds mail no case holds whose headers name the person, and form posts they submitted", async () => {
    const { deps } = world();

    const found = await findPersonalData({ email: JO }, deps);

    expect(found.inputs.map((entry) => entry.intakeId)).toEqual(["mail:inbound/away", "form:1"]);
    expect(found.rawMessageKeys).toEqual(
      expect.arrayContaining(["inbound/own", "inbound/neighbour", "inbound/jo-on-sams", "inbound/away"]),
    );
    expect(found.parkedMessages.map((message) => message.messageId)).toEqual(["m1"]);
  });

  it("flags other people's details in the person's cases for review before disclosure", async () => {
    const { deps } = world();

    const bundle = await exportPersonalData({ email: JO }, deps);

    expect(bundle.thirdPartiesToReview).toEqual([
      { caseReference: "CS-AAAAAAA1", field: "phone", value: "+447700900999", where: "case-details" },
      {
        caseReference: "CS-AAAAAAA1",
        field: "email",
        value: "neighbour@example.net",
        where: "message-from-someone-else",
      },
    ]);
    expect(bundle.rawMessages.map((message) => message.key)).toEqual(["inbound/own", "inbound/away"]);
  });

  it("refuses a request without an email or a valid phone number", async () => {
    const { deps } = world();

    await expect(findPersonalData({}, deps)).rejects.toThrow(InvalidDataSubjectError);
    await expect(findPersonalData({ phone: "call me" }, deps)).rejects.toThrow(InvalidDataSubjectError);
    await expect(findPersonalData({ email: "not an address" }, deps)).rejects.toThrow(
      InvalidDataSubjectError,
    );
  });
});

describe("erasePersonalData", () => {
  it("buries the identifiers first, purges the person's cases and inputs, and clears what is parked about them", async () => {
    const { deps, store, buried, deletedObjects, deletedParked, cases } = world();

    const report = await erasePersonalData({ email: JO, phone: "07700 900123" }, deps);

    expect(buried).toEqual([`email:${JO}`, "phone:+447700900123"]);
    expect(report).toMatchObject({
      casesErased: ["CS-AAAAAAA1"],
      casesHeld: [],
      casesToReview: ["CS-AAAAAAA2"],
      inputsPurged: 2,
      parkedMessagesDeleted: 1,
    });
    expect(deletedObjects).toEqual(
      expect.arrayContaining(["inbound/own", "inbound/neighbour", "inbound/away"]),
    );
    expect(deletedParked).toEqual(["m1"]);
    expect(store.calls).toContain(`delete-customer ${JO}`);
    expect((await cases.getCase("CS-AAAAAAA1"))?.anonymisedAt).toBe(AT);
    expect(await cases.timeline("CS-AAAAAAA1")).toEqual([]);
    expect(await cases.timeline("CS-AAAAAAA2")).toHaveLength(2);
  });

  it("erases the comment the person left as feedback, keeping only the rating in the report", async () => {
    const { deps, cases, communication } = world();
    const outcomeId = "00000000-0000-4000-8000-000000000001";
    cases.update("CS-AAAAAAA1", (record) => {
      record.status = "resolved";
      record.outcome = { outcomeId, type: "resolved", at: AT, by: "sam@example.com" };
    });
    const tokens = new HmacFeedbackTokens("k".repeat(64));
    const token = tokens.issue({
      caseReference: "CS-AAAAAAA1",
      outcomeId,
      expiresAt: "2026-12-23T12:00:00.000Z",
    });
    const feedback = {
      cases,
      store: communication,
      tokens,
      clock: deps.clock,
      log: silentLog,
      policy: defaultPolicy,
    };
    await submitFeedback(
      token,
      { rating: "2", comment: "Jo Bloggs, 12 Acacia Road: still waiting" },
      feedback,
    );
    expect(communication.report[0]?.comment).toContain("Acacia Road");

    await erasePersonalData({ email: JO }, deps);

    expect(communication.report).toEqual([
      expect.objectContaining({ caseReference: "CS-AAAAAAA1", rating: 2 }),
    ]);
    expect(communication.report[0]).not.toHaveProperty("comment");
    expect((await cases.getCase("CS-AAAAAAA1"))?.feedback).toBeUndefined();
  });

  it("keeps a case under legal hold and names it", async () => {
    const { deps, cases } = world();
    cases.update("CS-AAAAAAA1", (record) => {
      record.legalHold = { by: "dpo", at: AT, reason: "claim" };
    });

    const report = await erasePersonalData({ email: JO }, deps);

    expect(report.casesHeld).toEqual(["CS-AAAAAAA1"]);
    expect(report.casesErased).toEqual([]);
    expect((await cases.getCase("CS-AAAAAAA1"))?.customer.email).toBe(JO);
  });
});

describe("setLegalHold", () => {
  it("removes the TTL backstop when a hold is placed, and refuses a case already anonymised", async () => {
    const { deps, store, cases } = world();

    const placed = await setLegalHold("CS-AAAAAAA1", { by: "dpo", at: AT, reason: "claim" }, deps);
    cases.update("CS-AAAAAAA2", (record) => {
      record.anonymisedAt = AT;
    });
    const refused = await setLegalHold("CS-AAAAAAA2", { by: "dpo", at: AT, reason: "claim" }, deps);
    const missing = await setLegalHold("CS-ZZZZZZZZ", undefined, deps);

    expect(placed).toEqual({ changed: true });
    expect(store.calls).toEqual(["hold CS-AAAAAAA1 placed", "expiry CS-AAAAAAA1 none"]);
    expect(refused).toEqual({ changed: false, reason: "anonymised" });
    expect(missing).toEqual({ changed: false, reason: "not-found" });
  });
});
