// Clocks that pause, through the real handlers and emulators, under the organisation's own-targets pack
// (ten business days, paused while waiting for information only the customer can supply): staff pause
// the clock, the case and the queue show it paused, a second pause is refused, and once resumed the
// clock runs again, both steps on the timeline, and the hourly timer (fired at a chosen time) warns of
// its deadline once.
import { describe, expect, it } from "vitest";
import type { ComplaintClock } from "../../shared/domain/complaint-clocks";
import { type CaseView, eventsOf } from "./support/case-view";
import { runScheduled } from "./support/reliability";
import { callApi, caseFromEmail, colleague, complaintEmail } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const COMPLAINT =
  "Hello,\n\nI want to complain. You charged my card twice for the same payment and I am really unhappy about it.\n\nAlex Morgan";

type ClockView = CaseView & { clocks: ComplaintClock[] };

describe("complaint clocks that pause, under the organisation's own targets", () => {
  const sandbox = withSandbox({ rulePack: "own-targets" });

  const supervisor = () => colleague(sandbox(), "supervisor").token;

  async function caseView(reference: string): Promise<ClockView> {
    const answer = await callApi<ClockView>(sandbox(), supervisor(), `/api/cases/${reference}`);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it("pauses the clock while waiting for the customer, shows it paused, and resumes it", async () => {
    // Prepare
    const { reference, referral } = await caseFromEmail(
      sandbox(),
      complaintEmail({ from: `alex.pause.${Date.now()}@example.net`, name: "Alex Morgan", body: COMPLAINT }),
    );
    const [before] = (await caseView(reference)).clocks;
    expect(before).toMatchObject({ clockId: "response-target", state: "running" });

    // Act: pause, pause again, look at the queue, then resume
    const paused = await callApi<{ clocks: ComplaintClock[] }>(
      sandbox(),
      supervisor(),
      `/api/cases/${reference}/clock-pause`,
      { reason: "awaiting-customer-information", waitingFor: "a copy of the card statement" },
    );
    const again = await callApi(sandbox(), supervisor(), `/api/cases/${reference}/clock-pause`, {
      reason: "awaiting-customer-information",
      waitingFor: "the statement",
    });
    const whilePaused = await caseView(reference);
    const queued = await waitFor(
      async () => {
        const queue = await callApi<{ cases: { reference: string; clock: { timeLeft: string } | null }[] }>(
          sandbox(),
          supervisor(),
          `/api/queue?level=${referral.level}&sort=time-left`,
        );
        return queue.body.cases.find((item) => item.reference === reference);
      },
      { description: "the complaint on its level's queue" },
    );
    const resumed = await callApi<{ clocks: ComplaintClock[] }>(
      sandbox(),
      supervisor(),
      `/api/cases/${reference}/clock-resume`,
      {},
    );
    const resumedAgain = await callApi(sandbox(), supervisor(), `/api/cases/${reference}/clock-resume`, {});

    // Assess
    expect(paused.status).toBe(200);
    expect(paused.body.clocks[0]).toMatchObject({ state: "paused", timeLeft: `paused, ${before?.timeLeft}` });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "unchanged" });
    expect(whilePaused.clocks[0]).toMatchObject({ state: "paused", pausedSince: expect.any(String) });
    expect(queued.clock?.timeLeft).toBe(`paused, ${before?.timeLeft}`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.clocks[0]).toMatchObject({ state: "running", dueAt: before?.dueAt });
    expect(resumedAgain.status).toBe(409);
    const view = await caseView(reference);
    expect(view.clocks[0]).toMatchObject({ state: "running", timeLeft: before?.timeLeft });
    expect(eventsOf(view.timeline, "complaint-clocks-paused")).toEqual([
      expect.objectContaining({
        reason: "awaiting-customer-information",
        waitingFor: "a copy of the card statement",
        clocks: ["response-target"],
      }),
    ]);
    expect(eventsOf(view.timeline, "complaint-clocks-resumed")).toEqual([
      expect.objectContaining({
        pausedSince: whilePaused.clocks[0]?.pausedSince,
        clocks: [{ clockId: "response-target", dueAt: before?.dueAt, pausedDays: 0 }],
      }),
    ]);

    // Act and assess: the resumed clock's warning goes once
    if (!before) throw new Error("the complaint has no clock");
    const warnAt = new Date(Date.parse(before.warnAt) + 60_000);
    const timers = "functions/follow-up-timers/handler.ts";
    const first = (await runScheduled(sandbox(), timers, warnAt)) as { warned: number };
    const second = (await runScheduled(sandbox(), timers, warnAt)) as { warned: number };
    expect([first.warned, second.warned]).toEqual([1, 0]);
  });
});
