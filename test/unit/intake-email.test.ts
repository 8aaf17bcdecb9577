import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type EmailIntakeDependencies, intakeEmail } from "../../shared/application/intake-email";
import type { InboundEmail } from "../../shared/domain/mail";
import type { AddressStanding, MailParser, RawMailStore } from "../../shared/ports";
import { type MemoryCases, unusedThemes } from "./communication-fakes";
import { inboundEmail } from "./support/inbound-email";
import { memoryCompletion } from "./support/memory-completion";
import { MemoryIntakeLedger } from "./support/memory-intake-ledger";

const OBJECT = { bucket: "raw-mail", key: "inbound/one", size: 400 };

function world(
  email: InboundEmail,
  standing: AddressStanding = { senderErased: false, customerSuppressed: false },
) {
  const asked: { sender?: string; customer: string }[] = [];
  const { cases, mailer, referrals, completion } = memoryCompletion();
  const reads: string[] = [];
  const watched = Object.assign(Object.create(cases), {
    getCase: async (reference: string) => {
      reads.push(reference);
      return cases.getCase(reference);
    },
  }) as MemoryCases;
  const ledger = new MemoryIntakeLedger();
  const rawMail: RawMailStore = {
    open: async () => ({ size: OBJECT.size, body: (async function* () {})(), discard() {} }),
  };
  const parser: MailParser = { parse: async () => structuredClone(email) };
  const deps: EmailIntakeDependencies = {
    ...completion,
    cases: watched,
    ledger,
    standings: {
      read: async (addresses) => {
        asked.push(addresses);
        return standing;
      },
    },
    themes: unusedThemes,
    rawMail,
    attachments: {
      put: async () => {
        throw new Error("no attachments in these messages");
      },
    },
    parser,
    random: randomBytes,
    settings: {
      intakeAddress: "complaints@example.com",
      maxRawBytes: 40 * 1024 * 1024,
      internalDomains: ["example.com"],
    },
  };
  return { cases, reads, ledger, mailer, referrals, deps, asked };
}

const complaint = inboundEmail({
  subject: "Order 123456 has not arrived",
  text: "My order 123456 has not arrived and I am fed up with waiting.",
});

/** A colleague's forward of Jo Bloggs's complaint, sent from the given address. */
const colleaguesForward = (from: string) =>
  inboundEmail({
    from: { address: from, name: "Sam Colleague" },
    subject: "Fwd: Order 123456 has not arrived",
    text: "Please look at this.",
    attachedMessage: inboundEmail({
      from: { address: "jo@example.org", name: "Jo Bloggs" },
      subject: "Order 123456 has not arrived",
      text: "My order 123456 has not arrived and I am fed up with waiting.",
    }),
  });

describe("intakeEmail", () => {
  it("records a new case, refers and acknowledges it from the record it wrote, without reading it back", async () => {
    // Prepare
    const { cases, reads, ledger, mailer, referrals, deps } = world(complaint);

    // Act
    const outcome = await intakeEmail(OBJECT, deps);

    // Assess
    expect(outcome.outcome).toBe("case-created");
    const reference = "caseReference" in outcome ? outcome.caseReference : "";
    const record = await cases.getCase(reference);
    expect(record).toMatchObject({ channel: "email", inboundMessageId: "abc@mail.example.org" });
    expect((await ledger.get("mail:inbound/one"))?.result).toMatchObject({ outcome: "case-created" });
    expect(referrals.messages.map((message) => message.caseReference)).toEqual([reference]);
    expect(mailer.sent).toHaveLength(1);
    expect(reads).toEqual([]);
    expect(await cases.findCaseReferences("message-id", "abc@mail.example.org")).toEqual([reference]);
  });

  it("only completes the case when the object is delivered again, reading it as it stands", async () => {
    // Prepare
    const { cases, reads, mailer, referrals, deps } = world(complaint);
    const first = await intakeEmail(OBJECT, deps);

    // Act
    const again = await intakeEmail(OBJECT, deps);

    // Assess
    expect(again).toMatchObject({ outcome: "case-created" });
    expect("caseReference" in again && again.caseReference).toBe(
      "caseReference" in first && first.caseReference,
    );
    expect(cases.cases.size).toBe(1);
    expect(reads).toHaveLength(1);
    expect(referrals.messages).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it("records a colleague's forward as the customer's case, noting who forwarded it", async () => {
    // Prepare
    const forward = colleaguesForward("sam@example.com");
    const { cases, deps } = world(forward);

    // Act
    const outcome = await intakeEmail(OBJECT, deps);

    // Assess
    const record = await cases.getCase("caseReference" in outcome ? outcome.caseReference : "");
    expect(record).toMatchObject({
      forwardedBy: "sam@example.com",
      subject: "Order 123456 has not arrived",
      customer: expect.objectContaining({ email: "jo@example.org" }),
    });
    expect(await cases.findCaseReferences("email", "jo@example.org")).toEqual([record?.reference]);
  });

  it("asks in one read whether the sender was erased and whether mail to the customer is suppressed", async () => {
    // Prepare: a forward, whose sender is the colleague and whose customer is the forwarded writer
    const forward = colleaguesForward("Sam@Example.com");
    const { asked, deps } = world(forward);

    // Act
    await intakeEmail(OBJECT, deps);

    // Assess
    expect(asked).toEqual([{ sender: "sam@example.com", customer: "jo@example.org" }]);
  });

  it("quarantines the mail of a sender whose data was erased, recording no case", async () => {
    // Prepare
    const { cases, mailer, deps } = world(complaint, { senderErased: true, customerSuppressed: false });

    // Act
    const outcome = await intakeEmail(OBJECT, deps);

    // Assess
    expect(outcome).toEqual({ outcome: "quarantined", reason: "erased-person" });
    expect(cases.cases.size).toBe(0);
    expect(mailer.sent).toEqual([]);
  });

  it("records the case of a customer whose address is suppressed, its acknowledgement not sent", async () => {
    // Prepare
    const { cases, mailer, referrals, deps } = world(complaint, {
      senderErased: false,
      customerSuppressed: true,
    });

    // Act
    const outcome = await intakeEmail(OBJECT, deps);

    // Assess
    const record = await cases.getCase("caseReference" in outcome ? outcome.caseReference : "");
    expect(record?.acknowledgement).toEqual({ state: "failed", reason: "address-suppressed" });
    expect(record?.flags["customer-not-informed"]).toBeDefined();
    expect(referrals.messages).toHaveLength(1);
    expect(mailer.sent).toEqual([]);
  });
});
