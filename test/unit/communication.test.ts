// What staff do to keep a customer informed, and what Heed does on its own: updates and outcomes go out
// through one checked path with the right headers, blocked letters come back with the phrases and are
// recorded, the promise ledger reminds and flags, quiet periods nudge, replies get one notice, bounces
// mark the case and suppress the address, and feedback is taken once per outcome.
import { beforeEach, describe, expect, it } from "vitest";
import { HmacFeedbackTokens } from "../../shared/adapters/hmac-feedback-tokens";
import { completeCase } from "../../shared/application/complete-case";
import { MailUnavailableError } from "../../shared/application/customer-mail";
import { feedbackReport, openFeedback, submitFeedback } from "../../shared/application/feedback";
import { FollowUpRunError, runFollowUps } from "../../shared/application/follow-up-timers";
import { recordMailFeedback } from "../../shared/application/mail-events";
import { noticeReply } from "../../shared/application/reply-notice";
import {
  closeUnresolved,
  type LetterDependencies,
  markCommitmentKept,
  proposeOptions,
  recordCommitment,
  recordOptionChoice,
  resolveCase,
  sendProgressUpdate,
} from "../../shared/application/staff-work";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { defaultPolicy } from "../../shared/config/policy";
import type { CaseRecord, MessageReceivedEvent } from "../../shared/domain/case";
import { MailRejectedError, MailSuppressedError } from "../../shared/ports";
import {
  CountingQuota,
  MemoryCases,
  MemoryCommunication,
  MemoryDueItems,
  MemorySuppressions,
  MovableClock,
  RecordingMailer,
  RecordingQueues,
  RecordingReferrals,
  silentLog,
} from "./communication-fakes";
import { sampleCase } from "./sample-case";

const STAFF = { id: "sam@example.com", groups: ["supervisor"] };
const REFERENCE = sampleCase.reference;

function reply(at: string, messageId: string): MessageReceivedEvent {
  return {
    type: "message-received",
    caseReference: REFERENCE,
    eventId: `received:${messageId}`,
    at,
    channel: "email",
    from: sampleCase.customer.email,
    subject: "Re: Parcel not arrived",
    messageId,
    inReplyTo: undefined,
    text: "Any news?",
    textTruncated: false,
    rawLocation: undefined,
    attachments: [],
    fromCustomer: true,
  };
}

let cases: MemoryCases;
let store: MemoryCommunication;
let dueItems: MemoryDueItems;
let mailer: RecordingMailer;
let referrals: RecordingReferrals;
let clock: MovableClock;
let ids: number;
let deps: LetterDependencies;
const tokens = new HmacFeedbackTokens("k".repeat(64));

beforeEach(async () => {
  cases = new MemoryCases();
  store = new MemoryCommunication(cases);
  dueItems = new MemoryDueItems();
  mailer = new RecordingMailer();
  referrals = new RecordingReferrals();
  clock = new MovableClock(new Date("2026-11-23T10:00:00.000Z"));
  ids = 0;
  deps = {
    cases,
    mailer,
    clock,
    log: silentLog,
    policy: defaultPolicy,
    followUps: { store, dueItems },
    feedbackTokens: tokens,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`,
    settings: { intakeAddress: "complaints@example.com" },
  };
  await cases.createCase(sampleCase, reply("2026-11-23T09:00:00.000Z", "abc@example.org"));
});

const timerDeps = () => ({ cases, store, dueItems, referrals, clock, log: silentLog });

/** What completing a case needs beyond keeping customers informed, in memory. */
function completionOf<T extends object>(deps: T, referrals: RecordingReferrals) {
  return {
    ...deps,
    quota: new CountingQuota(),
    intakePolicy: defaultIntakePolicy,
    referrals,
    queues: new RecordingQueues(),
    urgentSignals: [],
  };
}

describe("sendProgressUpdate", () => {
  it("sends the update threaded to the customer's latest message, records it and restarts the quiet period", async () => {
    // Prepare
    await cases.appendEvent(reply("2026-11-23T09:30:00.000Z", "later@example.org"));

    // Act
    const result = await sendProgressUpdate(
      REFERENCE,
      { text: "We have asked the courier to trace it." },
      STAFF,
      deps,
    );

    // Assess
    expect(result.ok).toBe(true);
    const [letter] = mailer.sent;
    expect(letter?.to).toBe("jo@example.org");
    expect(letter?.subject).toBe("Re: Parcel not arrived [CS-7K3MQ092]");
    expect(letter?.headers).toEqual({
      "X-Heed-Loop": REFERENCE,
      "In-Reply-To": "<later@example.org>",
      References: "<abc@example.org> <later@example.org>",
    });
    expect(letter?.html).toContain("We have asked the courier to trace it.");
    const [sent] = cases.eventsOf(REFERENCE, "message-sent");
    expect(sent).toMatchObject({ purpose: "progress-update", sentBy: STAFF.id, template: "progress-update" });
    expect(await cases.findCaseReferences("message-id", sent?.messageId ?? "")).toEqual([REFERENCE]);
    expect((await cases.getCase(REFERENCE))?.lastContactAt).toBe("2026-11-23T10:00:00.000Z");
    expect(dueItems.pending(REFERENCE)).toEqual([
      expect.objectContaining({ kind: "quiet-period", dueAt: "2026-11-30T10:00:00.000Z" }),
    ]);
  });

  it("returns a promising update with the phrases marked, sends nothing and records that it was blocked", async () => {
    const result = await sendProgressUpdate(
      REFERENCE,
      { text: "We will refund you by Friday." },
      STAFF,
      deps,
    );

    expect(result).toEqual({
      ok: false,
      failure: {
        code: "promise-check",
        message: expect.stringContaining("Not sent"),
        findings: [
          { kind: "promise", phrase: "We will refund", index: 0, field: "text" },
          { kind: "deadline", phrase: "by Friday", index: 19, field: "text" },
        ],
        highlighted: { text: "[[We will refund]] you [[by Friday]]." },
      },
    });
    expect(mailer.sent).toEqual([]);
    expect(cases.eventsOf(REFERENCE, "message-blocked")).toEqual([
      expect.objectContaining({ purpose: "progress-update", by: STAFF.id, at: "2026-11-23T10:00:00.000Z" }),
    ]);
  });

  it("records a refused letter as not sent and flags that the customer was not informed", async () => {
    mailer.failWith = new MailSuppressedError("suppressed");

    const result = await sendProgressUpdate(
      REFERENCE,
      { text: "We are still looking into this." },
      STAFF,
      deps,
    );

    expect(result).toEqual({
      ok: false,
      failure: { code: "not-sent", message: expect.any(String), reason: "address-suppressed" },
    });
    expect(cases.eventsOf(REFERENCE, "message-not-sent")).toHaveLength(1);
    expect((await cases.getCase(REFERENCE))?.flags["customer-not-informed"]).toBeDefined();
  });

  it("says nothing was sent when the mail service is down, so the same update can be sent again", async () => {
    mailer.failWith = new Error("ServiceUnavailable");

    const result = await sendProgressUpdate(
      REFERENCE,
      { text: "We are still looking into this." },
      STAFF,
      deps,
    );

    expect(result).toEqual({
      ok: false,
      failure: { code: "mail-unavailable", message: expect.stringContaining("nothing was sent") },
    });
    expect(cases.eventsOf(REFERENCE, "message-sent")).toEqual([]);
  });

  it("refuses a closed case and an unknown reference", async () => {
    cases.update(REFERENCE, (record) => {
      record.status = "resolved";
    });

    expect(await sendProgressUpdate(REFERENCE, { text: "Hello." }, STAFF, deps)).toMatchObject({
      failure: { code: "case-not-open" },
    });
    expect(await sendProgressUpdate("CS-7K3MQ09X", { text: "Hello." }, STAFF, deps)).toMatchObject({
      failure: { code: "invalid-reference" },
    });
  });
});

describe("the promise ledger", () => {
  it("records a commitment, reminds its owner before it is due and flags it to supervisors when missed", async () => {
    // Prepare
    const recorded = await recordCommitment(
      REFERENCE,
      { description: "Call back about the refund", dueAt: "2026-11-25T09:00:00Z" },
      STAFF,
      deps,
    );
    if (!recorded.ok) throw new Error("not recorded");
    const { commitmentId } = recorded.value;

    // Act: the day before, then after the due time
    clock.set("2026-11-24T09:00:00.000Z");
    const early = await runFollowUps(timerDeps());
    clock.set("2026-11-25T09:30:00.000Z");
    const late = await runFollowUps(timerDeps());

    // Assess
    expect(early).toMatchObject({ reminded: 1, missed: 0 });
    expect(late).toMatchObject({ reminded: 0, missed: 1 });
    expect(referrals.messages.map((m) => [m.referralId, m.level, m.reasonCode])).toEqual([
      [`${REFERENCE}#commitment-reminder#${commitmentId}`, "supervisor", "commitment-due-soon"],
      [`${REFERENCE}#commitment#${commitmentId}`, "supervisor", "commitment-missed"],
    ]);
    expect((await store.getCommitment(REFERENCE, commitmentId))?.state).toBe("missed");
    expect(cases.eventsOf(REFERENCE, "commitment-recorded")[0]).toMatchObject({
      by: STAFF.id,
      owner: STAFF.id,
    });
    expect(cases.eventsOf(REFERENCE, "commitment-missed")).toHaveLength(1);
  });

  it("neither reminds nor flags a commitment marked kept", async () => {
    const recorded = await recordCommitment(
      REFERENCE,
      { description: "Send the returns label", dueAt: "2026-11-25T09:00:00Z", owner: "alex@example.com" },
      STAFF,
      deps,
    );
    if (!recorded.ok) throw new Error("not recorded");

    const kept = await markCommitmentKept(
      REFERENCE,
      recorded.value.commitmentId,
      { note: "Sent" },
      STAFF,
      deps,
    );
    clock.set("2026-11-26T00:00:00.000Z");
    const report = await runFollowUps(timerDeps());

    expect(kept).toMatchObject({
      ok: true,
      value: { state: "kept", keptBy: STAFF.id, owner: "alex@example.com" },
    });
    expect(report).toMatchObject({ due: 2, reminded: 0, missed: 0, nothingToDo: 2 });
    expect(referrals.messages).toEqual([]);
    expect(await markCommitmentKept(REFERENCE, recorded.value.commitmentId, {}, STAFF, deps)).toMatchObject({
      failure: { code: "commitment-not-open" },
    });
  });

  it("refuses a due time that has passed", async () => {
    expect(
      await recordCommitment(REFERENCE, { description: "Call", dueAt: "2026-11-20T09:00:00Z" }, STAFF, deps),
    ).toMatchObject({ failure: { code: "due-in-past" } });
  });

  it("keeps a due item pending when its referral cannot be sent, so the next run tries again", async () => {
    await recordCommitment(REFERENCE, { description: "Call", dueAt: "2026-11-25T09:00:00Z" }, STAFF, deps);
    referrals.failWith = new Error("queue unavailable");
    clock.set("2026-11-24T09:00:00.000Z");

    await expect(runFollowUps(timerDeps())).rejects.toBeInstanceOf(FollowUpRunError);
    referrals.failWith = undefined;
    expect(await runFollowUps(timerDeps())).toMatchObject({ reminded: 1, failed: 0 });
  });
});

describe("the quiet period", () => {
  it("nudges the case's team when the customer has heard nothing, and again a period later", async () => {
    await sendProgressUpdate(REFERENCE, { text: "We are looking into this." }, STAFF, deps);

    clock.set("2026-11-30T10:30:00.000Z");
    const first = await runFollowUps(timerDeps());
    clock.set("2026-12-07T10:30:00.000Z");
    const second = await runFollowUps(timerDeps());

    expect([first.nudged, second.nudged]).toEqual([1, 1]);
    expect(referrals.messages.map((m) => [m.referralId, m.level, m.reasonCode])).toEqual([
      [`${REFERENCE}#quiet-period#2026-11-30T10:00:00.000Z`, "supervisor", "customer-not-updated"],
      [`${REFERENCE}#quiet-period#2026-12-07T10:00:00.000Z`, "supervisor", "customer-not-updated"],
    ]);
    expect(cases.eventsOf(REFERENCE, "quiet-period-nudge")[0]).toMatchObject({
      lastContactAt: "2026-11-23T10:00:00.000Z",
      workingDays: 5,
    });
  });

  it("does not nudge when the customer heard from us since, or the case is closed", async () => {
    await sendProgressUpdate(REFERENCE, { text: "We are looking into this." }, STAFF, deps);
    clock.set("2026-11-26T10:00:00.000Z");
    await sendProgressUpdate(REFERENCE, { text: "The courier has replied." }, STAFF, deps);

    clock.set("2026-11-30T11:00:00.000Z");
    const report = await runFollowUps(timerDeps());

    expect(report).toMatchObject({ due: 1, nudged: 0, nothingToDo: 1 });
    expect(referrals.messages).toEqual([]);
  });

  it("keeps the acknowledgement's claim when recording fails after the mail service accepted it", async () => {
    const fresh: CaseRecord = {
      ...sampleCase,
      reference: "CS-0000000A",
      acknowledgement: { state: "pending" },
    };
    cases.cases.set(fresh.reference, structuredClone(fresh));
    const completion = completionOf(deps, referrals);
    const failingCases = Object.assign(Object.create(cases), {
      appendEvent: async () => {
        throw new Error("ProvisionedThroughputExceededException");
      },
    }) as MemoryCases;

    await expect(completeCase(fresh.reference, { ...completion, cases: failingCases })).rejects.toThrow();
    await completeCase(fresh.reference, completion);

    expect(mailer.sent).toHaveLength(1);
    expect((await cases.getCase(fresh.reference))?.acknowledgement.state).toBe("sending");
  });

  it("gives the acknowledgement's claim back when the mail service did not accept it", async () => {
    const fresh: CaseRecord = {
      ...sampleCase,
      reference: "CS-0000000A",
      acknowledgement: { state: "pending" },
    };
    cases.cases.set(fresh.reference, structuredClone(fresh));
    const completion = completionOf(deps, referrals);
    mailer.failWith = new Error("Throttling");

    await expect(completeCase(fresh.reference, completion)).rejects.toThrow();
    mailer.failWith = undefined;
    await completeCase(fresh.reference, completion);

    expect(mailer.sent).toHaveLength(1);
    expect((await cases.getCase(fresh.reference))?.acknowledgement.state).toBe("sent");
  });

  it("starts with the acknowledgement", async () => {
    const fresh: CaseRecord = {
      ...sampleCase,
      reference: "CS-0000000A",
      acknowledgement: { state: "pending" },
    };
    cases.cases.set(fresh.reference, structuredClone(fresh));

    await completeCase(fresh.reference, completionOf(deps, referrals));

    const record = await cases.getCase(fresh.reference);
    expect(record?.acknowledgement.state).toBe("sent");
    expect(record?.lastContactAt).toBe(record?.acknowledgement.sentAt);
    expect(mailer.sent[0]?.headers["Auto-Submitted"]).toBe("auto-replied");
    expect(dueItems.pending(fresh.reference)).toEqual([expect.objectContaining({ kind: "quiet-period" })]);
  });
});

describe("options", () => {
  it("proposes numbered options to the customer and records the one they chose", async () => {
    const proposed = await proposeOptions(
      REFERENCE,
      {
        options: [
          { label: "A replacement kettle" },
          { label: "A refund of £34.99", money: { type: "refund", amount: 34.99 } },
        ],
      },
      STAFF,
      deps,
    );
    if (!proposed.ok) throw new Error("not proposed");

    const chosen = await recordOptionChoice(
      REFERENCE,
      { proposalId: proposed.value.proposalId, optionId: "2", note: "By phone" },
      STAFF,
      deps,
    );

    expect(proposed.value.delivery.sent).toBe(true);
    expect(mailer.sent[0]?.text).toContain("- Option 2: A refund of £34.99");
    expect(chosen).toMatchObject({
      ok: true,
      value: { option: { optionId: "2", label: "A refund of £34.99" } },
    });
    expect(cases.eventsOf(REFERENCE, "option-chosen")[0]).toMatchObject({ by: STAFF.id, note: "By phone" });
    expect(
      await recordOptionChoice(
        REFERENCE,
        { proposalId: proposed.value.proposalId, optionId: "1" },
        STAFF,
        deps,
      ),
    ).toMatchObject({ failure: { code: "choice-already-recorded" } });
  });

  it("blocks a promising option and names where the phrase is", async () => {
    const result = await proposeOptions(
      REFERENCE,
      { options: [{ label: "A replacement", detail: "We guarantee it arrives" }] },
      STAFF,
      deps,
    );

    expect(result).toMatchObject({
      failure: { code: "promise-check", findings: [{ field: "options[0].detail", phrase: "guarantee" }] },
    });
  });
});

describe("money in what staff write", () => {
  it("refuses a resolution that writes an amount without giving it as a field, and sends nothing", async () => {
    const result = await resolveCase(
      REFERENCE,
      { agreed: "We have refunded £900 to your card." },
      STAFF,
      "https://api.example.com",
      deps,
    );

    expect(result).toMatchObject({ ok: false, failure: { code: "amount-not-structured" } });
    expect(mailer.sent).toEqual([]);
    expect((await cases.getCase(REFERENCE))?.status).toBe("open");
  });

  it("refuses an option whose refund is above the colleague's authority, saying who may agree it", async () => {
    const result = await proposeOptions(
      REFERENCE,
      { options: [{ label: "A full refund of £900", money: { type: "refund", amount: 900 } }] },
      STAFF,
      deps,
    );

    expect(result).toEqual({
      ok: false,
      failure: {
        code: "refused",
        message:
          "A refund of £900.00 is more than the £250.00 that a supervisor may agree; management may agree up to £2,000.00. Re-refer the case to management.",
      },
    });
    expect(mailer.sent).toEqual([]);
  });

  it("keeps a resolution's agreed refund as a field on the outcome", async () => {
    const result = await resolveCase(
      REFERENCE,
      { agreed: "We have refunded £34.99 to your card.", money: { type: "refund", amount: 34.99 } },
      STAFF,
      "https://api.example.com",
      deps,
    );

    expect(result).toMatchObject({
      ok: true,
      value: { outcome: { money: { type: "refund", amount: 34.99, currency: "GBP" }, role: "supervisor" } },
    });
  });
});

describe("outcomes and feedback", () => {
  it("resolves the case, sends what was agreed with a feedback link, and takes one answer to it", async () => {
    // Act
    const resolved = await resolveCase(
      REFERENCE,
      { agreed: "We have refunded £34.99 to your card.", money: { type: "refund", amount: 34.99 } },
      STAFF,
      "https://api.example.com",
      deps,
    );

    // Assess: the outcome and the letter
    if (!resolved.ok) throw new Error("not resolved");
    const record = await cases.getCase(REFERENCE);
    expect(record).toMatchObject({ status: "resolved", closedAt: "2026-11-23T10:00:00.000Z" });
    expect(record?.outcome).toMatchObject({
      type: "resolved",
      by: STAFF.id,
      feedbackUntil: "2026-12-21T10:00:00.000Z",
    });
    const token = /https:\/\/api\.example\.com\/feedback\/(\S+)/.exec(mailer.sent[0]?.text ?? "")?.[1] ?? "";
    expect(mailer.sent[0]?.headers["Auto-Submitted"]).toBeUndefined();

    // Assess: the feedback page
    const feedbackDeps = { cases, store, tokens, clock, log: silentLog, policy: defaultPolicy };
    expect((await openFeedback(token, feedbackDeps)).state).toBe("form");
    expect((await submitFeedback(token, { rating: "6" }, feedbackDeps)).error).toBe("ratingRequired");
    expect(
      (await submitFeedback(token, { rating: "4", comment: " Quick, thanks " }, feedbackDeps)).state,
    ).toBe("thanks");
    expect((await submitFeedback(token, { rating: "1" }, feedbackDeps)).state).toBe("already-given");
    expect((await cases.getCase(REFERENCE))?.feedback).toMatchObject({ rating: 4, comment: "Quick, thanks" });
    expect(await feedbackReport("2026-11", store)).toMatchObject({
      count: 1,
      averageRating: 4,
      entries: [{ caseReference: REFERENCE, category: "delivery", level: "supervisor" }],
    });
    expect(await resolveCase(REFERENCE, { agreed: "Again" }, STAFF, "https://x", deps)).toMatchObject({
      failure: { code: "case-not-open" },
    });
  });

  it("shows an expired, forged or superseded link as such", async () => {
    await resolveCase(REFERENCE, { agreed: "We have sent a new kettle." }, STAFF, "https://x", deps);
    const token = /\/feedback\/(\S+)/.exec(mailer.sent[0]?.text ?? "")?.[1] ?? "";
    const feedbackDeps = { cases, store, tokens, clock, log: silentLog, policy: defaultPolicy };

    expect((await openFeedback(`${token.slice(0, -2)}xx`, feedbackDeps)).state).toBe("invalid");
    cases.update(REFERENCE, (record) => {
      if (record.outcome) record.outcome.outcomeId = "00000000-0000-4000-8000-999999999999";
    });
    expect((await openFeedback(token, feedbackDeps)).state).toBe("expired");
    clock.set("2027-01-01T00:00:00.000Z");
    expect((await openFeedback(token, feedbackDeps)).state).toBe("expired");
  });

  it("closes a case unresolved with the reasons and the outside help for its category", async () => {
    const closed = await closeUnresolved(
      REFERENCE,
      { reasons: "The parcel was delivered to the address on the order." },
      STAFF,
      deps,
    );

    expect(closed).toMatchObject({
      ok: true,
      value: { outcome: { type: "unresolved", outsideHelp: ["citizens-advice", "adr"] } },
    });
    expect((await cases.getCase(REFERENCE))?.status).toBe("closed-unresolved");
    expect(mailer.sent[0]?.text).toContain("Why:\nThe parcel was delivered to the address on the order.");
    expect(mailer.sent[0]?.text).toContain("Citizens Advice consumer service");
    expect(cases.eventsOf(REFERENCE, "outcome-recorded")[0]?.outcome.by).toBe(STAFF.id);
  });

  it("refuses outside help that is not in the directory", async () => {
    expect(
      await closeUnresolved(
        REFERENCE,
        { reasons: "Out of warranty.", outsideHelp: ["the-moon"] },
        STAFF,
        deps,
      ),
    ).toMatchObject({ failure: { code: "unknown-outside-help", ids: ["the-moon"] } });
  });

  it("keeps the outcome when the mail service is down, and says the customer was not informed", async () => {
    mailer.failWith = new Error("ServiceUnavailable");

    const closed = await closeUnresolved(REFERENCE, { reasons: "Out of warranty." }, STAFF, deps);

    expect(closed).toMatchObject({
      ok: true,
      value: { delivery: { sent: false, reason: "mail-service-unavailable" } },
    });
    expect((await cases.getCase(REFERENCE))?.flags["customer-not-informed"]).toBeDefined();
  });
});

describe("noticeReply", () => {
  const replyDeps = () => ({ ...deps, quota: new CountingQuota(), intakePolicy: defaultIntakePolicy });

  it("tells the customer their reply reached the case, once per reply, as an automatic reply", async () => {
    const once = replyDeps();

    const first = await noticeReply(REFERENCE, "received:r1", once);
    const again = await noticeReply(REFERENCE, "received:r1", once);

    expect(first.sent).toBe(true);
    expect(again).toEqual({ sent: false, reason: "already-noticed" });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.headers["Auto-Submitted"]).toBe("auto-replied");
    expect(mailer.sent[0]?.text).toContain("Thank you for your message about your case CS-7K3MQ092.");
    expect((await cases.getCase(REFERENCE))?.lastContactAt).toBeUndefined();
  });

  it("sends the notice once when the reply is handled again after the mail service failed", async () => {
    const retried = replyDeps();
    mailer.failWith = new Error("Throttling");

    await expect(noticeReply(REFERENCE, "received:r1", retried)).rejects.toBeInstanceOf(MailUnavailableError);
    mailer.failWith = undefined;
    const retry = await noticeReply(REFERENCE, "received:r1", retried);
    const again = await noticeReply(REFERENCE, "received:r1", retried);

    expect(retry.sent).toBe(true);
    expect(again).toEqual({ sent: false, reason: "already-noticed" });
    expect(mailer.sent).toHaveLength(1);
    expect(cases.eventsOf(REFERENCE, "message-sent")).toHaveLength(1);
  });

  it("stays within the sender's daily cap", async () => {
    const capped = {
      ...replyDeps(),
      intakePolicy: { ...defaultIntakePolicy, acknowledgementsPerSenderPerDay: 1 },
    };

    await noticeReply(REFERENCE, "received:r1", capped);

    expect(await noticeReply(REFERENCE, "received:r2", capped)).toEqual({
      sent: false,
      reason: "sender-daily-cap",
    });
  });
});

describe("recordMailFeedback", () => {
  it("flags the case and suppresses the address after a permanent bounce", async () => {
    await cases.addLookup("message-id", "0100-1@amazonses.com", REFERENCE);
    const suppressions = new MemorySuppressions();
    const feedback = {
      kind: "bounce" as const,
      feedbackId: "fb-1",
      messageId: "0100-1@eu-west-2.amazonses.com",
      recipients: ["Jo@Example.org"],
      bounceType: "Permanent",
    };

    const result = await recordMailFeedback(feedback, { cases, suppressions, clock, log: silentLog });
    await recordMailFeedback(feedback, { cases, suppressions, clock, log: silentLog });

    expect(result).toEqual({ caseReferences: [REFERENCE], suppressed: true });
    expect(await suppressions.isSuppressed("jo@example.org")).toBe(true);
    expect((await cases.getCase(REFERENCE))?.flags["customer-not-informed"]?.detail).toContain(
      "could not be delivered",
    );
    expect(cases.eventsOf(REFERENCE, "delivery-problem")).toEqual([
      expect.objectContaining({ problem: "bounce", bounceType: "Permanent", addressSuppressed: true }),
    ]);
  });

  it("does not suppress an address after a soft bounce", async () => {
    const suppressions = new MemorySuppressions();

    const result = await recordMailFeedback(
      {
        kind: "bounce",
        feedbackId: "fb-2",
        messageId: "x@y",
        recipients: ["jo@example.org"],
        bounceType: "Transient",
      },
      { cases, suppressions, clock, log: silentLog },
    );

    expect(result.suppressed).toBe(false);
    expect(await suppressions.isSuppressed("jo@example.org")).toBe(false);
  });

  it("lets the mail service's permanent refusals through as such", () => {
    expect(new MailSuppressedError("x")).toBeInstanceOf(MailRejectedError);
  });
});
