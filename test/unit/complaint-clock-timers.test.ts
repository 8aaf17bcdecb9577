// The hourly timer's complaint clock work with in-memory stores: a complaint's warning goes to its level
// and the supervisors once and its breach to management once; a clock a letter stopped, or one moved to
// another deadline by the payment-services attribute or a pause, leaves its old items with nothing to
// do; a paused clock warns of nothing and a resumed one warns of its later deadline; and a case
// reclassified as a complaint gets the deadlines of its original receipt.
import { beforeEach, describe, expect, it } from "vitest";
import { openComplaint, startComplaintClocks } from "../../shared/application/complaint-clocks";
import { runFollowUps } from "../../shared/application/follow-up-timers";
import { shippedRulePack } from "../../shared/config/complaint-rules";
import type { CaseRecord } from "../../shared/domain/case";
import {
  MemoryCases,
  MemoryCommunication,
  MemoryDueItems,
  MovableClock,
  RecordingReferrals,
  silentLog,
} from "./communication-fakes";
import { sampleCase } from "./sample-case";

const fca = shippedRulePack("fca-disp");
const REFERENCE = sampleCase.reference;
const RECEIVED = "2026-11-19T10:15:00.000Z";
// Eight weeks end on 14 January 2027; warned ten days before, from the start of 4 January.
const WARN_AT = "2027-01-04T00:00:00.000Z";
const DUE_AT = "2027-01-14T23:59:59.999Z";

let cases: MemoryCases;
let dueItems: MemoryDueItems;
let referrals: RecordingReferrals;
let clock: MovableClock;

const complaint = (changes: Partial<CaseRecord> = {}): CaseRecord => ({
  ...sampleCase,
  createdAt: RECEIVED,
  referral: { ...sampleCase.referral, level: "frontline" },
  ...changes,
});

async function record(changes: Partial<CaseRecord> = {}) {
  cases.cases.set(REFERENCE, complaint(changes));
  await openComplaint(complaint(changes), { rulePack: fca, dueItems, clock });
}

const run = (at: string, rulePack = fca) => {
  clock.set(at);
  return runFollowUps({
    cases,
    store: new MemoryCommunication(cases),
    dueItems,
    referrals,
    clock,
    log: silentLog,
    rulePack,
  });
};

beforeEach(() => {
  cases = new MemoryCases();
  dueItems = new MemoryDueItems();
  referrals = new RecordingReferrals();
  clock = new MovableClock(new Date(RECEIVED));
});

describe("complaint clock timers", () => {
  it("puts down the warning and the deadline as due items when a case becomes a complaint", async () => {
    await record();
    expect(dueItems.pending(REFERENCE).map((item) => [item.kind, item.subjectId, item.dueAt])).toEqual([
      ["complaint-clock-warning", "final-response", WARN_AT],
      ["complaint-clock-breach", "final-response", DUE_AT],
    ]);
  });

  it("warns the case's level and the supervisors once, then tells management of the breach once", async () => {
    await record();

    const early = await run("2027-01-03T23:00:00.000Z");
    const warned = await run("2027-01-04T00:30:00.000Z");
    const again = await run("2027-01-04T01:30:00.000Z");
    const breached = await run("2027-01-15T00:30:00.000Z");
    const later = await run("2027-01-15T01:30:00.000Z");

    expect([early.warned, warned.warned, again.warned, breached.breached, later.breached]).toEqual([
      0, 1, 0, 1, 0,
    ]);
    expect(referrals.messages.map((message) => [message.level, message.reasonCode])).toEqual([
      ["frontline", "complaint-clock-warning"],
      ["supervisor", "complaint-clock-warning"],
      ["management", "complaint-clock-breach"],
    ]);
    expect(referrals.messages[0]?.reason).toContain("the deadline is the end of 2027-01-14 (10 days left)");
    expect(cases.eventsOf(REFERENCE, "complaint-clock-warning")).toHaveLength(1);
    expect(cases.eventsOf(REFERENCE, "complaint-clock-breach")).toHaveLength(1);
  });

  it("says nothing about a clock a final response stopped, or a case that is closed", async () => {
    await record();
    cases.cases.set(
      REFERENCE,
      complaint({
        complaintHandling: { letters: [{ letterId: "final-response", at: "2026-12-01T10:00:00.000Z" }] },
      }),
    );
    const report = await run("2027-01-15T00:30:00.000Z");
    expect(report).toMatchObject({ warned: 0, breached: 0, nothingToDo: 2 });
    expect(referrals.messages).toEqual([]);
  });

  it("follows the payment-services clock once staff set the attribute, leaving the eight-week items idle", async () => {
    await record();
    await record({ complaintHandling: { paymentServices: true } });

    // Fifteen business days from Thursday 19 November 2026 end on Thursday 10 December.
    const payment = await run("2026-12-11T00:30:00.000Z");
    const eightWeeks = await run("2027-01-15T00:30:00.000Z");

    expect(payment).toMatchObject({ warned: 1, breached: 1, nothingToDo: 0 });
    expect(eightWeeks).toMatchObject({ warned: 0, breached: 0, nothingToDo: 2 });
    expect(cases.eventsOf(REFERENCE, "complaint-clock-breach")).toEqual([
      expect.objectContaining({
        clockId: "payment-services-final-response",
        dueAt: "2026-12-10T23:59:59.999Z",
      }),
    ]);
  });

  it("starts nothing for a query, and the original receipt's deadlines once it is corrected to a complaint", async () => {
    const query = complaint({ classification: { ...sampleCase.classification, kind: "query" } });
    await openComplaint(query, { rulePack: fca, dueItems, clock });
    expect(dueItems.pending(REFERENCE)).toEqual([]);

    clock.set("2026-12-20T09:00:00.000Z");
    await record();
    expect(dueItems.pending(REFERENCE).map((item) => item.dueAt)).toEqual([WARN_AT, DUE_AT]);
  });

  it("warns of nothing while a clock is paused, and of the later deadline once it is resumed", async () => {
    // The organisation's ten business days from Monday 14 December 2026 end on 30 December, warned
    // from the start of 24 December. Paused from 16 December, resumed on 29 December: seven business
    // days held, so the target moves to Monday 11 January 2027, warned from the start of 7 January.
    const ownTargets = shippedRulePack("own-targets");
    const waiting = complaint({
      createdAt: "2026-12-14T10:00:00.000Z",
      complaintHandling: {
        pauses: [{ reason: "awaiting-customer-information", from: "2026-12-16T10:00:00.000Z" }],
      },
    });
    cases.cases.set(REFERENCE, { ...waiting, complaintHandling: {} });
    await openComplaint({ ...waiting, complaintHandling: {} }, { rulePack: ownTargets, dueItems, clock });
    cases.cases.set(REFERENCE, waiting);

    const whilePaused = await run("2026-12-24T00:30:00.000Z", ownTargets);
    const resumed = complaint({
      ...waiting,
      complaintHandling: {
        pauses: [
          {
            reason: "awaiting-customer-information",
            from: "2026-12-16T10:00:00.000Z",
            until: "2026-12-29T09:00:00.000Z",
          },
        ],
      },
    });
    cases.cases.set(REFERENCE, resumed);
    clock.set("2026-12-29T09:00:00.000Z");
    await startComplaintClocks(resumed, { rulePack: ownTargets, dueItems, clock });
    const oldDeadline = await run("2026-12-31T00:30:00.000Z", ownTargets);
    const warned = await run("2027-01-07T00:30:00.000Z", ownTargets);
    const breached = await run("2027-01-12T00:30:00.000Z", ownTargets);

    expect(whilePaused).toMatchObject({ warned: 0, nothingToDo: 1 });
    expect(oldDeadline).toMatchObject({ breached: 0, nothingToDo: 1 });
    expect([warned.warned, breached.breached]).toEqual([1, 1]);
    expect(cases.eventsOf(REFERENCE, "complaint-clock-breach")).toEqual([
      expect.objectContaining({ clockId: "response-target", dueAt: "2027-01-11T23:59:59.999Z" }),
    ]);
  });
});
