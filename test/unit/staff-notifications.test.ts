import { describe, expect, it } from "vitest";
import {
  type NotifierDependencies,
  notifyStaff,
  readStaffQueueMessage,
} from "../../shared/application/notifications";
import { defaultPolicy } from "../../shared/config/policy";
import { defaultStaffTeams } from "../../shared/config/staff-teams";
import type { CaseRecord, TimelineEvent } from "../../shared/domain/case";
import { missingDetails, visibleText } from "../../shared/domain/templates/staff-notification";
import type { OutboundEmail } from "../../shared/ports";
import { MemoryOutbox } from "./communication-fakes";
import { sampleCase } from "./sample-case";

function fakes(records: CaseRecord[], options: { mailFails?: boolean; recordFails?: () => boolean } = {}) {
  const events: TimelineEvent[] = [];
  const outbox = new MemoryOutbox();
  const sent: OutboundEmail[] = [];
  const placed: string[] = [];
  const reported: string[] = [];
  const askedEvents: (string | undefined)[] = [];
  const deps: NotifierDependencies = {
    referredCases: {
      read: async (wanted) =>
        wanted.map(({ caseReference, eventId }) => {
          askedEvents.push(eventId);
          const record = records.find((candidate) => candidate.reference === caseReference);
          const hasEvent = events.some(
            (event) => event.caseReference === caseReference && event.eventId === eventId,
          );
          return record && { record, hasEvent };
        }),
    },
    cases: {
      appendEvent: async (event) => {
        if (options.recordFails?.()) throw new Error("the process stopped");
        if (
          !events.some(
            (known) => known.caseReference === event.caseReference && known.eventId === event.eventId,
          )
        )
          events.push(event);
      },
    },
    queues: { place: async (entry) => void placed.push(`${entry.level}:${entry.caseReference}`) },
    outbox,
    reports: {
      putCase: async (row) => void reported.push(`case:${row.caseReference}`),
      putReferral: async (row) => void reported.push(`referral:${row.referralId}`),
      putThemeAlert: async () => {},
    },
    mailer: {
      send: async (message) => {
        if (options.mailFails) throw new Error("mail service unavailable");
        sent.push(message);
        return { providerMessageId: `p${sent.length}`, messageId: `m${sent.length}@example` };
      },
    },
    teams: defaultStaffTeams,
    organisationName: "Example Ltd",
    teamNames: defaultPolicy.organisation.teams,
    clock: { now: () => new Date("2026-11-23T12:00:00Z") },
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
  return { deps, events, sent, placed, reported, outbox, askedEvents };
}

const caseAt = (reference: string, createdAt: string): CaseRecord => ({
  ...sampleCase,
  reference,
  createdAt,
});
const referral = (record: CaseRecord, level = record.referral.level, fields: object = {}) => ({
  id: `msg-${record.reference}`,
  message: readStaffQueueMessage(
    JSON.stringify({
      referralId: `${record.reference}#${level}`,
      caseReference: record.reference,
      level,
      reasonCode: "complaint",
      reason: "The customer is making a complaint.",
      receivedAt: record.createdAt,
      ...fields,
    }),
  ),
});

describe("notifyStaff", () => {
  it("sends one email for one referral and one digest, oldest first, for several to the same team", async () => {
    // Prepare
    const [older, newer, alone] = [
      caseAt("CS-00000001", "2026-11-23T09:00:00Z"),
      caseAt("CS-00000002", "2026-11-23T11:00:00Z"),
      caseAt("CS-00000003", "2026-11-23T10:00:00Z"),
    ] as const;
    const { deps, sent, events, placed, reported } = fakes([older, newer, alone]);

    // Act
    const outcomes = await notifyStaff(
      [referral(newer), referral(older), referral(alone, "frontline")],
      deps,
    );

    // Assess
    expect([...outcomes.values()]).toEqual([undefined, undefined, undefined]);
    expect(sent.map((mail) => [mail.to, mail.subject])).toEqual([
      [
        defaultStaffTeams.teams.frontline.address,
        expect.stringContaining("Referred to frontline: CS-00000003"),
      ],
      [defaultStaffTeams.teams.supervisor.address, "2 cases for supervisors"],
    ]);
    const digest = sent[1]?.text ?? "";
    expect(digest.indexOf("CS-00000001")).toBeLessThan(digest.indexOf("CS-00000002"));
    expect(sent[1]?.headers["Auto-Submitted"]).toBe("auto-generated");
    expect(events.map((event) => event.eventId).sort()).toEqual([
      "notified:CS-00000001#supervisor",
      "notified:CS-00000002#supervisor",
      "notified:CS-00000003#frontline",
    ]);
    // Intake placed each case in its level's queue and wrote its report rows before it sent the referral.
    expect(placed).toEqual([]);
    expect(reported).toEqual([]);
  });

  it("places a colleague's re-referral again when redelivered but does not email about it twice", async () => {
    const record = caseAt("CS-00000004", "2026-11-23T09:00:00Z");
    const { deps, sent, placed, reported } = fakes([record]);
    const reReferral = {
      id: "r",
      message: readStaffQueueMessage(
        JSON.stringify({
          referralId: `${record.reference}#management@2026-11-23T10:00:00Z`,
          caseReference: record.reference,
          level: "management",
          reasonCode: "staff-re-referral",
          reason: "Needs a manager's decision.",
          receivedAt: record.createdAt,
          referredBy: "sam@example.com",
        }),
      ),
    };

    await notifyStaff([reReferral], deps);
    await notifyStaff([reReferral], deps);

    expect(sent).toHaveLength(1);
    expect(placed).toEqual(["management:CS-00000004", "management:CS-00000004"]);
    // Counted as a referral whenever it comes: the rows are put whole, so the second stores the same.
    expect(reported).toEqual([
      `referral:${record.reference}#management@2026-11-23T10:00:00Z`,
      "case:CS-00000004",
      `referral:${record.reference}#management@2026-11-23T10:00:00Z`,
      "case:CS-00000004",
    ]);
  });

  it("marks a digest sent in one write, and every referral it carries reads as sent", async () => {
    const records = [
      caseAt("CS-00000013", "2026-11-23T09:00:00Z"),
      caseAt("CS-00000014", "2026-11-23T09:30:00Z"),
    ];
    const { deps, sent, outbox } = fakes(records);
    const marked: string[] = [];
    const counting = {
      ...deps,
      outbox: Object.assign(Object.create(outbox), {
        markSent: (emailId: string, at: { claimedAt: string; at: string; messageId: string }) => {
          marked.push(emailId);
          return outbox.markSent(emailId, at);
        },
      }),
    };

    await notifyStaff(
      records.map((record) => referral(record)),
      counting,
    );
    await notifyStaff(
      records.map((record) => referral(record)),
      counting,
    );

    expect(sent).toHaveLength(1);
    expect(marked).toHaveLength(1);
    expect(records.map((record) => outbox.records.get(`${record.reference}#supervisor`)?.state)).toEqual([
      "sent",
      "sent",
    ]);
  });

  it("fails every referral in a digest the mail service refused, so they are retried together", async () => {
    const records = [
      caseAt("CS-00000005", "2026-11-23T09:00:00Z"),
      caseAt("CS-00000006", "2026-11-23T09:30:00Z"),
    ];
    const { deps, events } = fakes(records, { mailFails: true });

    const outcomes = await notifyStaff(
      records.map((record) => referral(record)),
      deps,
    );

    expect([...outcomes.values()].every((outcome) => outcome instanceof Error)).toBe(true);
    expect(events).toEqual([]);
  });

  it("gives the claims back when the send fails, so the retry sends the notification once", async () => {
    // Prepare
    const record = caseAt("CS-00000011", "2026-11-23T09:00:00Z");
    const failing = fakes([record], { mailFails: true });
    await notifyStaff([referral(record)], failing.deps);
    const { deps, sent } = fakes([record]);

    // Act: the retry, with the outbox as the failed attempt left it
    const outcomes = await notifyStaff([referral(record)], { ...deps, outbox: failing.outbox });

    // Assess
    expect([...outcomes.values()]).toEqual([undefined]);
    expect(sent).toHaveLength(1);
    expect(failing.outbox.records.get(`${record.reference}#supervisor`)?.state).toBe("sent");
  });

  it("never sends a team the same notification twice after a crash between the send and its record", async () => {
    // Prepare: the first attempt sends, then stops before the timeline records it
    const record = caseAt("CS-00000012", "2026-11-23T09:00:00Z");
    let crashes = 1;
    const { deps, sent, events } = fakes([record], { recordFails: () => crashes-- > 0 });

    // Act: the attempt that crashed, then the redelivered message
    const first = await notifyStaff([referral(record)], deps);
    const second = await notifyStaff([referral(record)], deps);

    // Assess
    expect([...first.values()][0]).toBeInstanceOf(Error);
    expect([...second.values()]).toEqual([undefined]);
    expect(sent).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it("reads the timeline only for a referral sent before the outbox, which it may record as told", async () => {
    // Prepare: a referral from before the outbox, told of then, its timeline recording it
    const older = caseAt("CS-00000013", "2026-11-23T09:00:00Z");
    const newer = caseAt("CS-00000014", "2026-11-23T10:00:00Z");
    const { deps, sent, events, askedEvents } = fakes([older, newer]);
    await deps.cases.appendEvent({
      type: "staff-notified",
      caseReference: older.reference,
      eventId: `notified:${older.reference}#supervisor`,
      at: "2026-11-23T09:01:00Z",
      notification: "referral",
      notificationId: `${older.reference}#supervisor`,
      level: "supervisor",
      to: defaultStaffTeams.teams.supervisor.address,
      caseCount: 1,
      messageId: "m0@example",
    });

    // Act: that referral redelivered, and one sent since, twice
    const outbox = { toldThroughOutbox: true };
    await notifyStaff([referral(older), referral(newer, "frontline", outbox)], deps);
    await notifyStaff([referral(newer, "frontline", outbox)], deps);

    // Assess: the old one is not told again; the new one is told once, its timeline never read
    expect(askedEvents).toEqual([`notified:${older.reference}#supervisor`, undefined, undefined]);
    expect(sent.map((mail) => mail.subject)).toEqual([
      expect.stringContaining(`Referred to frontline: ${newer.reference}`),
    ]);
    expect(events.map((event) => event.eventId)).toEqual([
      `notified:${older.reference}#supervisor`,
      `notified:${newer.reference}#frontline`,
    ]);
  });

  it("calls a follow-up on a referral queue a follow-up, not a referral", async () => {
    const record = caseAt("CS-00000007", "2026-11-23T09:00:00Z");
    const { deps, sent } = fakes([record]);
    const reminder = readStaffQueueMessage(
      JSON.stringify({
        referralId: `${record.reference}#quiet-period#2026-11-30`,
        caseReference: record.reference,
        level: "supervisor",
        reasonCode: "customer-not-updated",
        reason: "The customer has heard nothing from us for 5 working days.",
        receivedAt: record.createdAt,
      }),
    );

    await notifyStaff([{ id: "r", message: reminder }], deps);

    expect(sent[0]?.subject).toContain("Needs supervisors: CS-00000007");
    expect(sent[0]?.text).toContain("Why it needs you now:");
  });
});

describe("readStaffQueueMessage", () => {
  it("refuses what is neither a referral nor a theme alert", () => {
    expect(() => readStaffQueueMessage("{}")).toThrow("the message is not a referral or a theme alert");
    expect(() => readStaffQueueMessage("not json")).toThrow("the message is not JSON");
  });
});

describe("the notification's text", () => {
  it("shows bidi and zero-width characters as markers", () => {
    expect(visibleText("pay\u200Bpal invoice-\u202Efdp.exe")).toBe("pay⟨U+200B⟩pal invoice-⟨U+202E⟩fdp.exe");
  });

  it("lists what a colleague will need to ask for", () => {
    expect(missingDetails({ ...sampleCase, customer: { ...sampleCase.customer, name: undefined } })).toEqual([
      "the customer's name",
      "a phone number",
      "an order, invoice or account number",
    ]);
  });
});
