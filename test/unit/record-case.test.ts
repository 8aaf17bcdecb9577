import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type NewCase,
  type RecordCaseDependencies,
  recordCase,
  together,
} from "../../shared/application/record-case";
import { defaultPolicy } from "../../shared/config/policy";
import type { AttachmentRecord } from "../../shared/domain/attachments";
import { MAX_STORED_TEXT } from "../../shared/domain/case";
import {
  MemoryCases,
  MovableClock,
  RecordingReferrals,
  silentLog,
  unusedThemes,
} from "./communication-fakes";
import { MemoryThemes } from "./support/memory-themes";

const NOW = "2026-11-23T10:00:00.000Z";

function world(overrides: Partial<RecordCaseDependencies> = {}) {
  const cases = new MemoryCases();
  const deps: RecordCaseDependencies = {
    cases,
    themes: unusedThemes,
    referrals: new RecordingReferrals(),
    policy: defaultPolicy,
    log: silentLog,
    clock: new MovableClock(new Date(NOW)),
    random: randomBytes,
    ...overrides,
  };
  return { cases, deps };
}

function newCase(overrides: Partial<NewCase> = {}): NewCase {
  return {
    entry: { intakeId: "s3:inbound/one", proposedCaseReference: "CS-0000000A" },
    message: {
      channel: "email",
      subject: "Order 123456 has not arrived",
      text: "My order 123456 has not arrived and I am fed up. Call me on 07700 900123.",
      sender: { email: "jo@example.org", name: "Jo Bloggs" },
    },
    acknowledgement: { state: "pending" },
    received: {
      from: "jo@example.org",
      subject: "Order 123456 has not arrived",
      messageId: "abc@mail.example.org",
      inReplyTo: undefined,
      text: "My order 123456 has not arrived and I am fed up. Call me on 07700 900123.",
      textTruncated: false,
      rawLocation: "s3://raw/inbound/one",
      fromCustomer: true,
    },
    lookups: [{ kind: "message-id", value: "abc@mail.example.org" }],
    ...overrides,
  };
}

describe("recordCase", () => {
  it("records the case under the reserved reference with its first event, and returns it as written", async () => {
    // Prepare
    const { cases, deps } = world();

    // Act
    const { record } = await recordCase(newCase(), deps);

    // Assess
    expect(await cases.getCase("CS-0000000A")).toEqual(record);
    expect(record).toMatchObject({
      reference: "CS-0000000A",
      channel: "email",
      status: "open",
      createdAt: NOW,
      intakeId: "s3:inbound/one",
      acknowledgement: { state: "pending" },
      referral: { state: "pending" },
      subject: "Order 123456 has not arrived",
    });
    expect(record.classification.kind).toBe("complaint");
    expect(cases.eventsOf("CS-0000000A", "message-received")).toEqual([
      expect.objectContaining({ eventId: "received:s3:inbound/one", at: NOW, channel: "email" }),
    ]);
  });

  it("makes the case findable by the customer's email, the channel's lookups and what it understood", async () => {
    const { cases, deps } = world();

    await recordCase(newCase(), deps);

    for (const [kind, value] of [
      ["email", "jo@example.org"],
      ["message-id", "abc@mail.example.org"],
      ["phone", "+447700900123"],
      ["transaction", "123456"],
    ] as const) {
      expect(await cases.findCaseReferences(kind, value), `${kind} ${value}`).toEqual(["CS-0000000A"]);
    }
  });

  it("stamps the channel's flags with the case's time and keeps the channel's details", async () => {
    const { deps } = world();

    const { record } = await recordCase(
      newCase({
        flags: { "possible-spoof": "the sender's domain failed SPF or DMARC checks" },
        details: { inboundMessageId: "abc@mail.example.org", forwardedBy: "colleague@example.com" },
      }),
      deps,
    );

    expect(record.flags).toEqual({
      "possible-spoof": { at: NOW, detail: "the sender's domain failed SPF or DMARC checks" },
    });
    expect(record).toMatchObject({
      inboundMessageId: "abc@mail.example.org",
      forwardedBy: "colleague@example.com",
    });
  });

  it("stores the attachments under the case and truncates a long first message", async () => {
    const { cases, deps } = world();
    const stored: AttachmentRecord = {
      displayName: "receipt.pdf",
      declaredType: "application/pdf",
      detectedType: "application/pdf",
      size: 1234,
      storageKey: "attachments/CS-0000000A/s3:inbound/one#0",
    };
    const storedUnder: string[] = [];
    const long = "x".repeat(MAX_STORED_TEXT + 10);

    await recordCase(
      newCase({
        received: { ...newCase().received, text: long },
        storeAttachments: async (reference) => {
          storedUnder.push(reference);
          return [stored];
        },
      }),
      deps,
    );

    expect(storedUnder).toEqual(["CS-0000000A"]);
    const [received] = cases.eventsOf("CS-0000000A", "message-received");
    expect(received?.attachments).toEqual([stored]);
    expect(received?.text).toHaveLength(MAX_STORED_TEXT);
    expect(received?.textTruncated).toBe(true);
  });

  it("counts the customer's other recent cases as repeat contact", async () => {
    const { deps } = world();
    await recordCase(newCase(), deps);

    const { record: second } = await recordCase(
      newCase({ entry: { intakeId: "s3:inbound/two", proposedCaseReference: "CS-0000000B" } }),
      deps,
    );

    expect(second.repeatContact).toEqual({
      recentCases: 1,
      windowDays: defaultPolicy.classification.repeatContact.windowDays,
    });
  });

  it("looks up no earlier cases for a customer seen for the first time", async () => {
    // Prepare
    const { cases, deps } = world();
    const searched: string[] = [];
    const counting = Object.assign(Object.create(cases), {
      findCaseReferences: async (kind: "email", value: string) => {
        searched.push(`${kind}:${value}`);
        return cases.findCaseReferences(kind, value);
      },
    }) as MemoryCases;

    // Act
    const { record: first } = await recordCase(newCase(), { ...deps, cases: counting });
    await recordCase(
      newCase({ entry: { intakeId: "s3:inbound/two", proposedCaseReference: "CS-0000000B" } }),
      { ...deps, cases: counting },
    );

    // Assess
    expect(first.repeatContact?.recentCases).toBe(0);
    expect(searched).toEqual(["email:jo@example.org"]);
  });

  it("returns the stored case, as later steps left it, when a retry finds the case written already", async () => {
    // Prepare: the first attempt recorded the case and referred it
    const { cases, deps } = world();
    await recordCase(newCase(), deps);
    await cases.markReferred("CS-0000000A", "2026-11-23T10:00:05.000Z");

    // Act
    const { record: again } = await recordCase(newCase(), deps);

    // Assess
    expect(again.referral).toMatchObject({ state: "sent", sentAt: "2026-11-23T10:00:05.000Z" });
    expect(cases.eventsOf("CS-0000000A", "message-received")).toHaveLength(1);
  });

  it("writes the lookups again on a retry, since the first attempt may have stopped before them", async () => {
    // Prepare: the first attempt stops once the case is written
    const { cases, deps } = world();
    const stopping = Object.assign(Object.create(cases), {
      addToCase: async () => {
        throw new Error("the function stopped");
      },
    }) as MemoryCases;
    await expect(recordCase(newCase(), { ...deps, cases: stopping })).rejects.toThrow("the function stopped");
    expect(await cases.findCaseReferences("email", "jo@example.org")).toEqual([]);

    // Act
    await recordCase(newCase(), deps);

    // Assess
    expect(await cases.findCaseReferences("email", "jo@example.org")).toEqual(["CS-0000000A"]);
  });

  it("counts the case under its theme once, however often it is retried", async () => {
    const themes = new MemoryThemes();
    const { deps } = world({ themes });

    await recordCase(newCase(), deps);
    await recordCase(newCase(), deps);

    expect([...themes.counted.values()].map((cases) => [...cases.keys()])).toEqual([["CS-0000000A"]]);
  });
});

describe("together", () => {
  it("gives every step's result in order", async () => {
    expect(await together([Promise.resolve(1), "two", Promise.resolve(false)])).toEqual([1, "two", false]);
  });

  it("lets every step finish before it fails with the first failure", async () => {
    // Prepare
    const finished: string[] = [];
    const slow = new Promise<void>((resolve) =>
      setTimeout(() => {
        finished.push("slow");
        resolve();
      }, 20),
    );

    // Act
    const result = together([Promise.reject(new Error("first")), slow, Promise.reject(new Error("second"))]);

    // Assess
    await expect(result).rejects.toThrow("first");
    expect(finished).toEqual(["slow"]);
  });
});
