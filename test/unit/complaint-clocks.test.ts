// Regulated complaint clocks in London time: eight calendar weeks and business days across bank
// holidays (which differ by nation), a weekend receipt, the changes to and from British Summer Time,
// time left as staff read it, letters that stop or lengthen a clock, and a case reclassified as a
// complaint keeping its original receipt. Rule packs are checked when they load.
import { describe, expect, it } from "vitest";
import { closingBand } from "../../shared/application/complaints-return";
import { defaultCommunicationPolicy } from "../../shared/config/communication-policy";
import { SHIPPED_RULE_PACK_IDS, selectRulePack, shippedRulePack } from "../../shared/config/complaint-rules";
import type { CaseRecord } from "../../shared/domain/case";
import {
  type ClockPause,
  type ComplaintHandling,
  complaintClocks,
  letterAvailable,
  mostUrgentClock,
} from "../../shared/domain/complaint-clocks";
import {
  type LetterRule,
  parseRulePack,
  type RulePack,
  RulePackError,
} from "../../shared/domain/policy/complaint-rules";
import {
  addBusinessDays,
  endOfLondonDay,
  londonDate,
  startOfLondonDay,
  type WorkingWeek,
} from "../../shared/domain/uk-calendar";

const england = defaultCommunicationPolicy.workingWeek;
const scotland: WorkingWeek = { days: england.days, holidays: england.bankHolidays.scotland };
const fca = shippedRulePack("fca-disp");
const ombudsman = shippedRulePack("ombudsman-after-eight-weeks");

function complaint(
  receivedAt: string,
  handling?: ComplaintHandling,
  kind: CaseRecord["classification"]["kind"] = "complaint",
): Pick<CaseRecord, "createdAt" | "status" | "closedAt" | "classification" | "complaintHandling"> {
  return {
    createdAt: receivedAt,
    status: "open",
    classification: { kind, category: "billing-refund", cause: "unknown", signals: [], evidence: [] },
    ...(handling ? { complaintHandling: handling } : {}),
  };
}

describe("London dates", () => {
  it("takes the date in London, which is an hour ahead of UTC in British Summer Time", () => {
    // Clocks go forward at 01:00 UTC on Sunday 29 March 2026 and back at 01:00 UTC on Sunday 25 October.
    expect(londonDate(new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-28");
    expect(londonDate(new Date("2026-03-29T23:30:00Z"))).toBe("2026-03-30");
    expect(londonDate(new Date("2026-10-24T23:30:00Z"))).toBe("2026-10-25");
    expect(londonDate(new Date("2026-10-25T23:30:00Z"))).toBe("2026-10-25");
  });

  it("ends a London day at local midnight, in winter and in summer, and on the days the clocks change", () => {
    expect(endOfLondonDay("2026-12-01").toISOString()).toBe("2026-12-01T23:59:59.999Z");
    expect(endOfLondonDay("2026-07-01").toISOString()).toBe("2026-07-01T22:59:59.999Z");
    expect(endOfLondonDay("2026-03-29").toISOString()).toBe("2026-03-29T22:59:59.999Z");
    expect(endOfLondonDay("2026-10-25").toISOString()).toBe("2026-10-25T23:59:59.999Z");
    expect(startOfLondonDay("2026-10-25").toISOString()).toBe("2026-10-24T23:00:00.000Z");
  });

  it("counts business days past each nation's own bank holidays", () => {
    // From Friday 18 December 2026: England and Wales rest on 25 and 28 December and 1 January;
    // Scotland also on 4 January 2027 (for 2 January, a Saturday).
    expect(addBusinessDays("2026-12-18", 15, england)).toBe("2027-01-13");
    expect(addBusinessDays("2026-12-18", 15, scotland)).toBe("2027-01-14");
    // Northern Ireland rests on St Patrick's Day; England does not.
    const northernIreland = { days: england.days, holidays: england.bankHolidays["northern-ireland"] };
    expect(addBusinessDays("2027-03-16", 1, england)).toBe("2027-03-17");
    expect(addBusinessDays("2027-03-16", 1, northernIreland)).toBe("2027-03-18");
  });
});

describe("complaint clocks under FCA DISP", () => {
  it("gives a final response deadline at the end of eight weeks after receipt", () => {
    const [clock] = complaintClocks(
      complaint("2026-11-19T10:15:00Z"),
      fca,
      england,
      new Date("2026-11-19T10:15:00Z"),
    );
    expect(clock).toMatchObject({
      clockId: "final-response",
      dueDate: "2027-01-14",
      dueAt: "2027-01-14T23:59:59.999Z",
      // Warned ten calendar days ahead, from the start of that London day.
      warnAt: "2027-01-04T00:00:00.000Z",
      state: "running",
    });
  });

  it("says how much time is left as staff read it: days left, due today, overdue", () => {
    const record = complaint("2026-11-19T10:15:00Z");
    const at = (now: string) => complaintClocks(record, fca, england, new Date(now))[0];
    expect(at("2026-12-27T09:00:00Z")).toMatchObject({ daysLeft: 18, timeLeft: "18 days left" });
    expect(at("2027-01-13T09:00:00Z")).toMatchObject({ daysLeft: 1, timeLeft: "1 day left" });
    expect(at("2027-01-14T23:00:00Z")).toMatchObject({
      daysLeft: 0,
      timeLeft: "due today",
      state: "running",
    });
    expect(at("2027-01-16T09:00:00Z")).toMatchObject({
      daysLeft: -2,
      timeLeft: "overdue by 2 days",
      state: "overdue",
    });
  });

  it("runs the payment-services clock for 15 business days instead, across Christmas", () => {
    const clocks = complaintClocks(
      complaint("2026-12-18T10:00:00Z", { paymentServices: true }),
      fca,
      england,
      new Date("2026-12-18T10:00:00Z"),
    );
    expect(clocks.map((clock) => [clock.clockId, clock.dueDate])).toEqual([
      ["payment-services-final-response", "2027-01-13"],
    ]);
    // Warned three business days ahead: 8 January (11 and 12 January and the due day itself count down).
    expect(clocks[0]?.warnAt).toBe("2027-01-08T00:00:00.000Z");
  });

  it("counts a weekend receipt from the next business day", () => {
    // Saturday 13 June 2026: business day one is Monday 15 June.
    const record = complaint("2026-06-13T14:00:00Z", { paymentServices: true });
    const [clock] = complaintClocks(record, fca, england, new Date("2026-06-13T14:00:00Z"));
    expect(clock?.dueDate).toBe("2026-07-03");
    expect(clock?.dueAt).toBe("2026-07-03T22:59:59.999Z");
    // A summary resolution communication may go by close of business (17:00 BST) on the third business
    // day, Wednesday 17 June; a pack without a close of business allows it to the end of that day.
    const src = fca.letters.find((letter) => letter.id === "summary-resolution");
    if (!src) throw new Error("the FCA pack has no summary resolution communication");
    expect(letterAvailable(src, record, fca, england, new Date("2026-06-17T15:59:00Z"))).toBe(true);
    expect(letterAvailable(src, record, fca, england, new Date("2026-06-17T16:01:00Z"))).toBe(false);
    expect(letterAvailable(src, record, {}, england, new Date("2026-06-17T22:30:00Z"))).toBe(true);
    expect(letterAvailable(src, record, {}, england, new Date("2026-06-17T23:00:00Z"))).toBe(false);
  });

  it("takes the receipt date in London across the change to British Summer Time", () => {
    // 23:30 UTC on Sunday 29 March 2026 is 00:30 on Monday 30 March in London: the three business days
    // are 31 March, 1 and 2 April (3 April is Good Friday). Counted in UTC they would end on 1 April.
    const record = complaint("2026-03-29T23:30:00Z");
    const src = fca.letters.find((letter) => letter.id === "summary-resolution");
    if (!src) throw new Error("the FCA pack has no summary resolution communication");
    expect(letterAvailable(src, record, {}, england, new Date("2026-04-02T22:59:00Z"))).toBe(true);
    expect(letterAvailable(src, record, {}, england, new Date("2026-04-02T23:00:00Z"))).toBe(false);
    // Close of business at 17:00 is 16:00 UTC in summer.
    expect(letterAvailable(src, record, fca, england, new Date("2026-04-02T15:59:59Z"))).toBe(true);
    expect(letterAvailable(src, record, fca, england, new Date("2026-04-02T16:00:01Z"))).toBe(false);
    expect(complaintClocks(record, fca, england, new Date("2026-03-30T08:00:00Z"))[0]?.dueDate).toBe(
      "2026-05-25",
    );
  });

  it("keeps the original receipt when a case is reclassified as a complaint", () => {
    const asReceived = complaint("2026-11-19T10:15:00Z", undefined, "query");
    expect(complaintClocks(asReceived, fca, england, new Date("2026-12-01T09:00:00Z"))).toEqual([]);
    // Corrected to a complaint on 1 December: the clock still counts from 19 November.
    const corrected = complaint("2026-11-19T10:15:00Z");
    const [clock] = complaintClocks(corrected, fca, england, new Date("2026-12-01T09:00:00Z"));
    expect(clock).toMatchObject({ receivedAt: "2026-11-19T10:15:00Z", dueDate: "2027-01-14", daysLeft: 44 });
  });

  it("is stopped by a final response, and lengthened to 35 business days by a payment-services holding reply", () => {
    const met = complaintClocks(
      complaint("2026-11-19T10:15:00Z", {
        letters: [{ letterId: "final-response", at: "2026-12-10T12:00:00Z" }],
      }),
      fca,
      england,
      new Date("2027-02-01T09:00:00Z"),
    );
    expect(met[0]).toMatchObject({ state: "met", stoppedBy: "final-response", timeLeft: "met" });
    expect(mostUrgentClock(met)).toBeUndefined();

    const extended = complaintClocks(
      complaint("2026-12-18T10:00:00Z", {
        paymentServices: true,
        letters: [{ letterId: "payment-services-holding", at: "2027-01-12T12:00:00Z" }],
      }),
      fca,
      england,
      new Date("2027-01-12T12:00:00Z"),
    );
    expect(extended[0]).toMatchObject({
      dueDate: "2027-02-10",
      extendedBy: "payment-services-holding",
      state: "running",
    });
  });

  it("is met late when the stopping letter went after the deadline", () => {
    const [clock] = complaintClocks(
      complaint("2026-11-19T10:15:00Z", {
        letters: [{ letterId: "delay-response", at: "2027-01-15T09:00:00Z" }],
      }),
      fca,
      england,
      new Date("2027-01-20T09:00:00Z"),
    );
    expect(clock).toMatchObject({ state: "met-late", timeLeft: "met late" });
  });
});

describe("close of business", () => {
  const src = fca.letters.find((letter) => letter.id === "summary-resolution") as LetterRule;

  it("ends the three business days at the deployment's close of business, in GMT and in BST", () => {
    // Received Monday 14 December 2026: the third business day is Thursday 17 December.
    const winter = complaint("2026-12-14T10:00:00Z");
    const late = selectRulePack({}, { rulePack: "fca-disp", closeOfBusiness: "17:30" });
    expect(late.closeOfBusiness).toBe("17:30");
    expect(letterAvailable(src, winter, late, england, new Date("2026-12-17T17:29:00Z"))).toBe(true);
    expect(letterAvailable(src, winter, late, england, new Date("2026-12-17T17:31:00Z"))).toBe(false);
    // The environment's close of business wins over the file's; 16:00 BST is 15:00 UTC.
    const early = selectRulePack(
      { COMPLAINT_CLOSE_OF_BUSINESS: "16:00" },
      { rulePack: "fca-disp", closeOfBusiness: "17:30" },
    );
    const summer = complaint("2026-06-15T08:00:00Z");
    expect(letterAvailable(src, summer, early, england, new Date("2026-06-18T14:59:00Z"))).toBe(true);
    expect(letterAvailable(src, summer, early, england, new Date("2026-06-18T15:01:00Z"))).toBe(false);
  });

  it("places a closing in the return's first band only by close of business on the third business day", () => {
    expect(closingBand("2026-12-14T10:00:00Z", "2026-12-17T16:59:00Z", { rulePack: fca })).toBe(
      "closedWithinThreeBusinessDays",
    );
    expect(closingBand("2026-12-14T10:00:00Z", "2026-12-17T17:01:00Z", { rulePack: fca })).toBe(
      "closedWithinEightWeeks",
    );
    // With no close of business, the whole third day counts.
    expect(closingBand("2026-12-14T10:00:00Z", "2026-12-17T23:00:00Z", { rulePack: ombudsman })).toBe(
      "closedWithinThreeBusinessDays",
    );
  });

  it("refuses a close of business that is not a time of day, and a letter ending at one the pack lacks", () => {
    expect(() => selectRulePack({ COMPLAINT_CLOSE_OF_BUSINESS: "5pm" }, { rulePack: "fca-disp" })).toThrow(
      /close of business "5pm"/,
    );
    expect(() => selectRulePack({}, { rulePack: "fca-disp", closeOfBusiness: "25:00" })).toThrow(
      RulePackError,
    );
    const pack = structuredClone(fca) as Partial<RulePack>;
    delete pack.closeOfBusiness;
    expect(() => parseRulePack(pack)).toThrow(
      /ends at close of business, but the pack sets no closeOfBusiness/,
    );
  });
});

describe("clocks that pause", () => {
  /** A pause while waiting for the customer's information, ended or not. */
  const waiting = (from: string, until?: string): ClockPause => ({
    reason: "awaiting-customer-information",
    from,
    ...(until ? { until } : {}),
  });
  const ownTargets = shippedRulePack("own-targets");
  // Received Monday 14 December 2026: ten business days, past the bank holidays of 25 and 28 December,
  // end on Wednesday 30 December.
  const receivedAt = "2026-12-14T10:00:00Z";

  it("runs ten business days across Christmas without a pause", () => {
    const [clock] = complaintClocks(complaint(receivedAt), ownTargets, england, new Date(receivedAt));
    expect(clock).toMatchObject({ clockId: "response-target", dueDate: "2026-12-30", state: "running" });
    expect(clock?.pausedDays).toBeUndefined();
  });

  it("moves the deadline by the business days a pause held it, skipping weekends and bank holidays", () => {
    // Paused on Wednesday 23 December, resumed on Tuesday 29 December: it held 23 and 24 December (the
    // weekend and the bank holidays were never counted), so the deadline moves two business days past
    // 30 December, over New Year's Day, to Monday 4 January.
    const record = complaint(receivedAt, {
      pauses: [waiting("2026-12-23T09:00:00Z", "2026-12-29T11:00:00Z")],
    });
    const [clock] = complaintClocks(record, ownTargets, england, new Date("2026-12-29T12:00:00Z"));
    expect(clock).toMatchObject({
      dueDate: "2027-01-04",
      dueAt: "2027-01-04T23:59:59.999Z",
      pausedDays: 2,
      state: "running",
      daysLeft: 6,
    });
    // Scotland's 4 January bank holiday moves it one day more.
    expect(complaintClocks(record, ownTargets, scotland, new Date("2026-12-29T12:00:00Z"))[0]?.dueDate).toBe(
      "2027-01-05",
    );
  });

  it("holds nothing for a pause over a weekend only, or begun and ended on one day", () => {
    const record = complaint(receivedAt, {
      pauses: [
        waiting("2026-12-19T10:00:00Z", "2026-12-21T08:00:00Z"),
        waiting("2026-12-22T09:00:00Z", "2026-12-22T16:00:00Z"),
      ],
    });
    const [clock] = complaintClocks(record, ownTargets, england, new Date("2026-12-22T17:00:00Z"));
    expect(clock).toMatchObject({ dueDate: "2026-12-30", state: "running" });
    expect(clock?.pausedDays).toBeUndefined();
  });

  it("counts a pause in London dates across the change to British Summer Time", () => {
    // Received Wednesday 25 March 2026: ten business days, past Good Friday and Easter Monday, end on
    // Friday 10 April. Paused at 16:30 on Friday 27 March (GMT); resumed at 23:30 UTC on Monday 30 March,
    // which is 00:30 on Tuesday 31 March in British Summer Time: it held 27 and 30 March, two days (in
    // UTC it would have held one), so the deadline is Tuesday 14 April, ending at 23:00 UTC.
    const record = complaint("2026-03-25T12:00:00Z", {
      pauses: [waiting("2026-03-27T16:30:00Z", "2026-03-30T23:30:00Z")],
    });
    const [clock] = complaintClocks(record, ownTargets, england, new Date("2026-03-31T08:00:00Z"));
    expect(clock).toMatchObject({ dueDate: "2026-04-14", dueAt: "2026-04-14T22:59:59.999Z", pausedDays: 2 });
  });

  it("shows a clock paused while it waits, its deadline moving on each business day it waits", () => {
    const record = complaint(receivedAt, {
      pauses: [waiting("2026-12-16T10:00:00Z")],
    });
    const onTheDay = complaintClocks(record, ownTargets, england, new Date("2026-12-16T15:00:00Z"))[0];
    expect(onTheDay).toMatchObject({
      state: "paused",
      pausedSince: "2026-12-16T10:00:00Z",
      dueDate: "2026-12-30",
      timeLeft: "paused, 14 days left",
    });
    // Two business days later (16 and 17 December held), Friday 18 December: due Monday 4 January.
    const later = complaintClocks(record, ownTargets, england, new Date("2026-12-18T15:00:00Z"))[0];
    expect(later).toMatchObject({ state: "paused", dueDate: "2027-01-04", timeLeft: "paused, 17 days left" });
    expect(mostUrgentClock(later ? [later] : [])).toBe(later);
  });

  it("does not rescue a deadline already passed, nor pause a clock the pack says never pauses", () => {
    const lateRecord = complaint(receivedAt, {
      pauses: [waiting("2027-01-05T10:00:00Z")],
    });
    expect(
      complaintClocks(lateRecord, ownTargets, england, new Date("2027-01-06T10:00:00Z"))[0],
    ).toMatchObject({ state: "overdue", dueDate: "2026-12-30", timeLeft: "overdue by 7 days" });
    // FCA DISP's eight weeks run on while the firm waits for the customer.
    const waitingRecord = complaint(receivedAt, {
      pauses: [waiting("2026-12-16T10:00:00Z")],
    });
    expect(fca.clocks.every((rule) => rule.pausedWhile.length === 0)).toBe(true);
    expect(complaintClocks(waitingRecord, fca, england, new Date("2027-01-06T10:00:00Z"))[0]).toMatchObject({
      state: "running",
      dueDate: "2027-02-08",
    });
  });

  it("holds a pause never ended only until the case was resolved", () => {
    // Paused on Wednesday 16 December and resolved on Friday 18 December without a resume: held two
    // business days, so the target it met was Monday 4 January, however long after it is looked at.
    const record = {
      ...complaint(receivedAt, { pauses: [waiting("2026-12-16T10:00:00Z")] }),
      status: "resolved" as const,
      closedAt: "2026-12-18T10:00:00Z",
    };
    expect(complaintClocks(record, ownTargets, england, new Date("2027-03-01T10:00:00Z"))[0]).toMatchObject({
      state: "met",
      dueDate: "2027-01-04",
      pausedDays: 2,
    });
  });

  it("is stopped by resolving the case, and a pause begun after that holds nothing", () => {
    const record = {
      ...complaint(receivedAt, {
        pauses: [waiting("2026-12-22T10:00:00Z")],
      }),
      status: "resolved" as const,
      closedAt: "2026-12-21T10:00:00Z",
    };
    expect(complaintClocks(record, ownTargets, england, new Date("2027-01-06T10:00:00Z"))[0]).toMatchObject({
      state: "met",
      stoppedBy: "resolved",
      dueDate: "2026-12-30",
    });
  });
});

describe("complaint clocks under an ombudsman scheme and with no regulator", () => {
  it("runs eight weeks to a final response or deadlock letter for every complaint", () => {
    const clocks = complaintClocks(
      complaint("2026-11-19T10:15:00Z", { paymentServices: true }),
      ombudsman,
      england,
      new Date("2026-11-20T09:00:00Z"),
    );
    expect(clocks.map((clock) => [clock.clockId, clock.dueDate])).toEqual([["eight-weeks", "2027-01-14"]]);
  });

  it("runs no clock when no regulator is selected", () => {
    const none = selectRulePack({});
    expect(none.id).toBe("none");
    expect(
      complaintClocks(complaint("2026-11-19T10:15:00Z"), none, england, new Date("2026-11-20T09:00:00Z")),
    ).toEqual([]);
  });
});

describe("rule packs", () => {
  const valid = () =>
    structuredClone(shippedRulePack("fca-disp")) as unknown as Record<string, unknown> & RulePack;

  it("ships only packs that pass validation, each under its own id", () => {
    expect(SHIPPED_RULE_PACK_IDS).toEqual(
      expect.arrayContaining(["fca-disp", "ombudsman-after-eight-weeks", "none"]),
    );
    for (const id of SHIPPED_RULE_PACK_IDS) expect(shippedRulePack(id).id).toBe(id);
  });

  it("selects the pack named in the environment over the file, and refuses an unknown one", () => {
    expect(selectRulePack({ COMPLAINT_RULE_PACK: "fca-disp" }).id).toBe("fca-disp");
    expect(selectRulePack({}, { rulePack: "ombudsman-after-eight-weeks" }).id).toBe(
      "ombudsman-after-eight-weeks",
    );
    expect(() => selectRulePack({ COMPLAINT_RULE_PACK: "fsa" })).toThrow(/unknown rule pack "fsa"/);
  });

  it("refuses a clock stopped by a letter the pack does not have", () => {
    const pack = valid();
    pack.clocks[0]?.stoppedBy.push("apology-letter");
    expect(() => parseRulePack(pack)).toThrow(RulePackError);
    expect(() => parseRulePack(pack)).toThrow(
      /"apology-letter" is neither a letter nor resolved or closed-unresolved/,
    );
  });

  it("refuses a letter that requires an element the pack does not define", () => {
    const pack = valid();
    pack.letters[0]?.requires.push("leaflet");
    expect(() => parseRulePack(pack)).toThrow(/no element "leaflet"/);
  });

  it("refuses a letter template with a placeholder it cannot fill", () => {
    const pack = valid();
    pack.letters[0]?.templates.en?.blocks.push({ paragraph: "Your balance is {{balance}}." });
    expect(() => parseRulePack(pack)).toThrow(/\{\{balance\}\} is not a text value/);
  });

  it("refuses a business-day length of zero", () => {
    const pack = valid();
    if (pack.clocks[0]) pack.clocks[0].length.days = 0;
    expect(() => parseRulePack(pack)).toThrow(/clocks\.0\.length\.days/);
  });
});
