import { describe, expect, it } from "vitest";
import { type CompletionDependencies, completeCase } from "../../shared/application/complete-case";
import type { CaseRecord, Referral } from "../../shared/domain/case";
import type { MemoryCases } from "./communication-fakes";
import { sampleCase } from "./sample-case";
import { memoryCompletion } from "./support/memory-completion";

const NOW = "2026-11-23T10:00:00.000Z";

function world() {
  const { cases, mailer, referrals, completion } = memoryCompletion(NOW);
  const writes: string[] = [];
  const counted = Object.assign(Object.create(cases), {
    markReferred: async (reference: string, at: string) => {
      writes.push("markReferred");
      return cases.markReferred(reference, at);
    },
    claimAcknowledgement: async (reference: string, at: string, referred?: Referral) => {
      writes.push(referred ? "claimAcknowledgement+referral" : "claimAcknowledgement");
      return cases.claimAcknowledgement(reference, at, referred);
    },
  }) as MemoryCases;
  const deps: CompletionDependencies = { ...completion, cases: counted };
  return { cases, writes, referrals, mailer, deps };
}

async function recorded(cases: MemoryCases, changes: Partial<CaseRecord> = {}): Promise<CaseRecord> {
  const record: CaseRecord = {
    ...structuredClone(sampleCase),
    referral: { ...sampleCase.referral, state: "pending" },
    acknowledgement: { state: "pending" },
    ...changes,
  };
  await cases.createCase(record);
  await cases.appendEvent({
    type: "message-received",
    caseReference: record.reference,
    eventId: "received:test",
    at: NOW,
    channel: "email",
    from: record.customer.email,
    subject: record.subject,
    messageId: undefined,
    inReplyTo: undefined,
    text: "It has not arrived.",
    textTruncated: false,
    rawLocation: undefined,
    attachments: [],
    fromCustomer: true,
  });
  return record;
}

describe("completeCase", () => {
  it("refers and acknowledges the record it is given, marking the referral in the acknowledgement's claim", async () => {
    // Prepare
    const { cases, writes, referrals, mailer, deps } = world();
    const record = await recorded(cases);

    // Act
    await completeCase(record, deps);

    // Assess
    expect(referrals.messages.map((message) => message.caseReference)).toEqual([record.reference]);
    expect(mailer.sent).toHaveLength(1);
    expect(writes).toEqual(["claimAcknowledgement+referral"]);
    const stored = await cases.getCase(record.reference);
    expect(stored?.referral).toMatchObject({ state: "sent", sentAt: NOW });
    expect(stored?.acknowledgement.state).toBe("sent");
  });

  it("counts intake's referral in the reports before sending it, and leaves a colleague's to the notifier", async () => {
    // Prepare: one case with intake's own referral, one re-referred by a colleague and not yet sent
    const { cases, referrals, deps } = world();
    const own = await recorded(cases);
    const colleagues = await recorded(cases, {
      reference: "CS-0000REFD",
      referral: {
        ...sampleCase.referral,
        level: "management",
        state: "pending",
        referralId: "CS-0000REFD#management@2026-11-23T09:00:00Z",
        referredBy: "sam@example.com",
      },
    });

    // Act
    await completeCase(own, deps);
    await completeCase(colleagues, deps);

    // Assess
    expect(referrals.messages.map((message) => message.caseReference)).toEqual([
      own.reference,
      colleagues.reference,
    ]);
    expect(cases.reportRows.cases).toEqual([
      expect.objectContaining({ caseReference: own.reference, level: own.referral.level, status: "open" }),
    ]);
    expect(cases.reportRows.referrals).toEqual([
      {
        referralId: `${own.reference}#${own.referral.level}`,
        week: "2026-11-23",
        level: own.referral.level,
        referredAt: NOW,
        reReferral: false,
      },
    ]);
  });

  it("marks the referral in a write of its own when there is no acknowledgement to send", async () => {
    const { cases, writes, mailer, deps } = world();
    const record = await recorded(cases, {
      acknowledgement: { state: "not-required", reason: "identified-by-staff" },
    });

    await completeCase(record, deps);

    expect(mailer.sent).toEqual([]);
    expect(writes).toEqual(["markReferred"]);
    expect((await cases.getCase(record.reference))?.referral.state).toBe("sent");
  });

  it("still marks the referral when another attempt won the acknowledgement's claim", async () => {
    // Prepare: the stored case's acknowledgement was claimed meanwhile
    const { cases, writes, mailer, deps } = world();
    const record = await recorded(cases);
    await cases.claimAcknowledgement(record.reference, NOW);

    // Act
    await completeCase(record, deps);

    // Assess
    expect(mailer.sent).toEqual([]);
    expect(writes).toEqual(["claimAcknowledgement+referral", "markReferred"]);
    expect((await cases.getCase(record.reference))?.referral.state).toBe("sent");
  });

  it("sends nothing again for a record whose referral and acknowledgement are done", async () => {
    const { cases, referrals, mailer, deps } = world();
    const record = await recorded(cases, {
      referral: { ...sampleCase.referral, state: "sent", sentAt: NOW },
      acknowledgement: { state: "sent", messageId: "0100-1@amazonses.com", sentAt: NOW },
      lastContactAt: NOW,
    });

    await completeCase(record, deps);

    expect(referrals.messages).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });
});
