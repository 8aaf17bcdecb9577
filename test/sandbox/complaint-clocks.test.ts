// Regulated complaint handling through the real handlers and emulators, under the FCA DISP pack: a
// complaint's eight-week clock shows on the case and the queue, the hourly timer (fired at chosen times,
// a fake clock) warns the case's level and the supervisors once and reports the breach to management
// once, a final response missing an element is refused and a complete one stops the clock, and the
// complaints return counts what happened, adding up with the cases.
import { describe, expect, it } from "vitest";
import type { ComplaintClock } from "../../shared/domain/complaint-clocks";
import { type CaseView, eventsOf } from "./support/case-view";
import { runScheduled } from "./support/reliability";
import { caseFromEmail, colleague, complaintEmail } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const COMPLAINT =
  "Hello,\n\nI want to complain. You charged my card twice for the same payment and I am really unhappy about it.\n\nAlex Morgan";

type ClockView = CaseView & { clocks: ComplaintClock[] };

describe("regulated complaint clocks under FCA DISP", () => {
  const sandbox = withSandbox({ rulePack: "fca-disp" });

  async function caseView(reference: string): Promise<ClockView> {
    const response = await sandbox().fetchApi(`/api/cases/${reference}`);
    expect(response.status).toBe(200);
    return (await response.json()) as ClockView;
  }

  /** A complaint by email, recorded, referred and acknowledged. */
  async function recordedComplaint(tag: string): Promise<string> {
    const from = `alex.clock.${tag}.${Date.now()}@example.net`;
    const { reference } = await caseFromEmail(
      sandbox(),
      complaintEmail({ from, name: "Alex Morgan", body: COMPLAINT }),
    );
    await waitFor(async () => (await caseView(reference)).case.acknowledgement.state === "sent", {
      description: "the acknowledgement",
    });
    return reference;
  }

  const runTimerAt = async (time: Date) =>
    (await runScheduled(sandbox(), "functions/follow-up-timers/handler.ts", time)) as Record<string, number>;

  /** As a manager by default, who may agree the redress a final response offers. */
  async function post(path: string, body: unknown, level: "supervisor" | "management" = "management") {
    const response = await sandbox().fetchApi(path, {
      token: colleague(sandbox(), level).token,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("runs a complaint to breach and warns before it, each exactly once", async () => {
    // Prepare
    const reference = await recordedComplaint("breach");
    const before = await caseView(reference);
    const [clock] = before.clocks;
    expect(clock).toMatchObject({ clockId: "final-response", state: "running" });
    // Eight weeks from receipt (55 should London's midnight fall between receipt and this look).
    expect([55, 56]).toContain(clock?.daysLeft);
    if (!clock) throw new Error("the complaint has no clock");
    const level = before.case.referral.level;
    const queued = await waitFor(
      async () => {
        const queue = (await (
          await sandbox().fetchApi(`/api/queue?level=${level}&sort=time-left`)
        ).json()) as {
          cases: { reference: string; clock: { timeLeft: string } | null }[];
        };
        return queue.cases.find((item) => item.reference === reference);
      },
      { description: "the complaint on its level's queue" },
    );
    expect(queued.clock?.timeLeft).toBe(`${clock.daysLeft} days left`);

    // Act: the timer runs just after the warning time, twice, then just after the deadline, twice.
    const warnAt = new Date(Date.parse(clock.warnAt) + 60_000);
    const breachAt = new Date(Date.parse(clock.dueAt) + 60_000);
    const firstWarning = await runTimerAt(warnAt);
    const secondWarning = await runTimerAt(warnAt);
    const firstBreach = await runTimerAt(breachAt);
    const secondBreach = await runTimerAt(breachAt);

    // Assess
    expect([firstWarning.warned, secondWarning.warned, firstBreach.breached, secondBreach.breached]).toEqual([
      1, 0, 1, 0,
    ]);
    const warningIds = [...new Set([level, "supervisor"])].map(
      (to) => `${reference}#clock-warning#final-response#${clock.dueAt}#${to}`,
    );
    const breachId = `${reference}#clock-breach#final-response#${clock.dueAt}`;
    const after = await waitFor(
      async () => {
        const view = await caseView(reference);
        const notified = eventsOf(view.timeline, "staff-notified").map((event) => event.notificationId);
        return [...warningIds, breachId].every((id) => notified.includes(id)) ? view : undefined;
      },
      { description: "the warning and breach referrals told to the teams" },
    );
    expect(eventsOf(after.timeline, "complaint-clock-warning")).toEqual([
      expect.objectContaining({
        clockId: "final-response",
        dueAt: clock.dueAt,
        levels: [...new Set([level, "supervisor"])],
      }),
    ]);
    expect(eventsOf(after.timeline, "complaint-clock-breach")).toEqual([
      expect.objectContaining({ clockId: "final-response", level: "management" }),
    ]);
    const notified = eventsOf(after.timeline, "staff-notified").filter((event) =>
      event.notificationId.includes("#clock-"),
    );
    expect(notified.map((event) => [event.notificationId, event.level]).sort()).toEqual(
      [
        ...warningIds.map((id, index) => [id, [...new Set([level, "supervisor"])][index]]),
        [breachId, "management"],
      ].sort(),
    );
  });

  it("runs the clock of a case corrected to a complaint from its original receipt, and warns of it", async () => {
    // Prepare: a question, not a complaint
    const from = `pat.query.${Date.now()}@example.net`;
    const question = await caseFromEmail(
      sandbox(),
      complaintEmail({
        from,
        subject: "Opening hours",
        body: "Hello, what time does your branch open on Saturdays?",
      }),
    );
    expect(question.classification.kind).not.toBe("complaint");
    expect((await caseView(question.reference)).clocks).toEqual([]);

    // Act: a manager corrects it to a complaint
    const corrected = await post(`/api/cases/${question.reference}/classification`, {
      kind: "complaint",
      reason: "The customer complained about the branch on the phone as well.",
    });

    // Assess: the clock counts from the receipt recorded at intake, and its warning is due then
    expect(corrected.status).toBe(201);
    const [clock] = (await caseView(question.reference)).clocks;
    expect(clock).toMatchObject({
      clockId: "final-response",
      receivedAt: question.createdAt,
      state: "running",
    });
    if (!clock) throw new Error("the corrected complaint has no clock");
    const report = await runTimerAt(new Date(Date.parse(clock.warnAt) + 60_000));
    expect(report.warned).toBe(1);
  });

  it("refuses redress beyond the sender's authority and a final response missing an element, sends a complete one that stops the clock, and counts it in the return", async () => {
    // Prepare
    const reference = await recordedComplaint("letter");

    // Act: a supervisor offers more redress than their authority allows
    const beyondAuthority = await post(
      `/api/cases/${reference}/regulated-letters`,
      {
        letterId: "final-response",
        decision: "upheld",
        redress: { amount: 150, description: "a goodwill payment for the trouble" },
        explanation: "The payment was taken twice because of an error in our card system.",
      },
      "supervisor",
    );
    // Act: upheld, but no redress offered
    const incomplete = await post(`/api/cases/${reference}/regulated-letters`, {
      letterId: "final-response",
      decision: "upheld",
      explanation: "The payment was taken twice because of an error in our card system.",
    });
    const complete = await post(`/api/cases/${reference}/regulated-letters`, {
      letterId: "final-response",
      decision: "upheld",
      redress: { amount: 25, description: "a refund of the duplicate payment" },
      explanation: "The payment was taken twice because of an error in our card system.",
    });

    // Assess
    expect(beyondAuthority.status).toBe(403);
    expect(beyondAuthority.body).toMatchObject({ error: { code: "refused" } });
    expect(JSON.stringify(beyondAuthority.body)).toContain("Re-refer the case to management.");
    expect(incomplete.status).toBe(422);
    expect(incomplete.body).toMatchObject({
      error: { code: "missing-elements", missing: [{ id: "redress" }] },
    });
    expect(complete.status).toBe(201);
    expect(complete.body).toMatchObject({ stopsClocks: ["final-response"] });
    const view = await caseView(reference);
    expect(view.clocks[0]).toMatchObject({ state: "met", stoppedBy: "final-response" });
    expect(eventsOf(view.timeline, "regulated-letter-sent")).toEqual([
      expect.objectContaining({
        letterId: "final-response",
        decision: "upheld",
        stopsClocks: ["final-response"],
      }),
    ]);
    const letters = (await sandbox().readCustomerMail()).filter((mail) => mail.subject.includes(reference));
    const finalResponse = letters.find((mail) => mail.body.text?.includes("This is our final response"));
    expect(finalResponse?.body.text).toContain("https://www.financial-ombudsman.org.uk");
    expect(finalResponse?.body.text).toContain("£25.00 (a refund of the duplicate payment)");

    const today = new Date().toISOString().slice(0, 10);
    const report = (await (
      await sandbox().fetchApi(
        `/api/reports/complaints-return?from=2026-01-01&to=${today < "2026-01-01" ? "2026-01-01" : today}`,
      )
    ).json()) as { totals: Record<string, number>; cases: { opened: string[]; closed: string[] } };
    // Both complaints of this file were opened; the one answered here closed within three business days.
    expect(report.cases.opened).toEqual(expect.arrayContaining([reference]));
    expect(report.cases.closed).toEqual([reference]);
    expect(report.totals).toMatchObject({
      opened: report.cases.opened.length,
      closed: 1,
      closedWithinThreeBusinessDays: 1,
      upheld: 1,
      upheldPercent: 100,
      redressPaid: 25,
    });
    const csv = await (
      await sandbox().fetchApi(`/api/reports/complaints-return?from=2026-01-01&to=${today}&format=csv`)
    ).text();
    expect(csv.split("\r\n")[0]).toBe(
      "group,name,opened,closed,closedWithinThreeBusinessDays,closedWithinEightWeeks,closedAfterEightWeeks,upheld,partlyUpheld,notUpheld,upheldPercent,redressPaid",
    );
  });
});
