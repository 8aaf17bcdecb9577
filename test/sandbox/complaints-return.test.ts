// The complaints return adds up with the case list: complaints run to different ends through the real
// handlers and emulators under FCA DISP (a summary resolution communication, a final response and then
// the case resolved, an ordinary resolution with a refund, a close as unresolved, one left open, and a
// question that is no complaint), and the return for the period counts exactly what the cases say.
// FCA DISP clocks do not pause: a request to pause them is refused and the clock runs on. A customer
// who wrote in Welsh gets the final response in Welsh.
import { describe, expect, it } from "vitest";
import type { ComplaintReturn } from "../../shared/application/complaints-return";
import type { CaseRecord } from "../../shared/domain/case";
import type { ComplaintClock } from "../../shared/domain/complaint-clocks";
import { addCalendarDays, londonDate } from "../../shared/domain/uk-calendar";
import { type CaseView, eventsOf } from "./support/case-view";
import { callApi, caseFromEmail, colleague, complaintEmail } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";

const COMPLAINT =
  "Hello,\n\nI want to complain. You charged my card twice for the same payment and I am really unhappy about it.\n\nAlex Morgan";
const EXPLANATION = "The payment was taken twice because of an error in our card system.";
/** The letters of the FCA DISP pack that close a complaint. */
const CLOSING_LETTERS = ["summary-resolution", "final-response"];

type ClockView = CaseView & { clocks: ComplaintClock[] };

describe("the complaints return under FCA DISP", () => {
  const sandbox = withSandbox({ rulePack: "fca-disp" });

  const manager = () => colleague(sandbox(), "management").token;
  const post = (path: string, body: unknown) => callApi(sandbox(), manager(), path, body);

  async function caseView(reference: string): Promise<ClockView> {
    const answer = await callApi<ClockView>(sandbox(), manager(), `/api/cases/${reference}`);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  async function emailed(tag: string, body = COMPLAINT, subject?: string): Promise<CaseRecord> {
    const from = `alex.return.${tag}.${Date.now()}@example.net`;
    return caseFromEmail(
      sandbox(),
      complaintEmail({ from, name: "Alex Morgan", body, ...(subject ? { subject } : {}) }),
    );
  }

  it("refuses to pause FCA DISP clocks, which run on while the firm waits for the customer", async () => {
    const { reference } = await emailed("pause");
    const paused = await post(`/api/cases/${reference}/clock-pause`, {
      reason: "awaiting-customer-information",
      waitingFor: "a copy of the card statement",
    });
    expect(paused.status).toBe(422);
    expect(paused.body.error).toMatchObject({ code: "clocks-do-not-pause" });
    const view = await caseView(reference);
    expect(view.clocks[0]).toMatchObject({ clockId: "final-response", state: "running" });
    expect(eventsOf(view.timeline, "complaint-clocks-paused")).toEqual([]);
  });

  it("counts each complaint opened and, once, how it closed, as the case list says", async () => {
    // Prepare: five complaints and a question
    const [summary, answered, refunded, unresolved, open, question] = await Promise.all([
      emailed("summary"),
      emailed("answered"),
      emailed("refunded"),
      emailed("unresolved"),
      emailed("open"),
      emailed("question", "Hello, what time does your branch open on Saturdays?", "Opening hours"),
    ]);
    expect(question?.classification.kind).not.toBe("complaint");

    // Act: each complaint to its own end
    const answers = [
      await post(`/api/cases/${summary.reference}/regulated-letters`, {
        letterId: "summary-resolution",
        explanation: "We refunded the duplicate payment the same day.",
      }),
      await post(`/api/cases/${answered.reference}/regulated-letters`, {
        letterId: "final-response",
        decision: "upheld",
        redress: { amount: 25, description: "a refund of the duplicate payment" },
        explanation: EXPLANATION,
      }),
      // The final response closed it for the return; resolving the case afterwards counts nothing more.
      await post(`/api/cases/${answered.reference}/resolve`, {
        agreed: "The duplicate payment was refunded to the card.",
      }),
      await post(`/api/cases/${refunded.reference}/resolve`, {
        agreed: "We refunded £10.00 to the card you paid with.",
        money: { type: "refund", amount: 10 },
      }),
      await post(`/api/cases/${unresolved.reference}/close-unresolved`, {
        reasons: "Our records show a single payment; the bank may be showing a pending authorisation.",
      }),
      await post(`/api/cases/${question.reference}/resolve`, {
        agreed: "Our branch opens at nine on Saturdays.",
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 200, 200, 200, 200]);

    // Assess: the case list, case by case
    const references = [summary, answered, refunded, unresolved, open, question].map(
      (record) => record.reference,
    );
    const views = await Promise.all(references.map(caseView));
    const complaints = views.filter((view) => view.case.classification.kind === "complaint");
    const closedByTheList = complaints.filter(
      (view) =>
        view.case.status !== "open" ||
        (view.case.complaintHandling?.letters ?? []).some((sent) => CLOSING_LETTERS.includes(sent.letterId)),
    );
    expect(complaints.map((view) => view.case.reference).sort()).toEqual(
      [summary, answered, refunded, unresolved, open].map((record) => record.reference).sort(),
    );
    expect(closedByTheList.map((view) => view.case.reference).sort()).toEqual(
      [summary, answered, refunded, unresolved].map((record) => record.reference).sort(),
    );

    // Assess: the return for the period, which holds only this test's cases and the one refused a pause
    const today = londonDate(new Date());
    const answer = await callApi<ComplaintReturn>(
      sandbox(),
      manager(),
      `/api/reports/complaints-return?from=${addCalendarDays(today, -7)}&to=${addCalendarDays(today, 1)}`,
    );
    expect(answer.status).toBe(200);
    const report = answer.body;
    const ours = (list: string[]) => list.filter((reference) => references.includes(reference)).sort();
    expect(ours(report.cases.opened)).toEqual(complaints.map((view) => view.case.reference).sort());
    expect(report.cases.closed).toEqual(closedByTheList.map((view) => view.case.reference).sort());
    expect(report.totals).toMatchObject({
      opened: complaints.length + 1,
      closed: closedByTheList.length,
      // Everything here closed within minutes of receipt.
      closedWithinThreeBusinessDays: closedByTheList.length,
      closedWithinEightWeeks: 0,
      closedAfterEightWeeks: 0,
      upheld: 1,
      partlyUpheld: 0,
      notUpheld: 0,
      redressPaid: 35,
    });
    const sum = (figure: "opened" | "closed") =>
      report.byCategory.reduce((total, row) => total + row[figure], 0);
    expect(sum("opened")).toBe(report.totals.opened);
    expect(sum("closed")).toBe(report.totals.closed);
  });

  it("writes the final response in Welsh to a customer who wrote in Welsh, with every element and past the promise check", async () => {
    // Prepare: a complaint written in Welsh (runs after the return above, which it would otherwise join)
    const record = await emailed(
      "cymraeg",
      "Helo,\n\nRwyf am wneud cwyn. Rydych wedi cymryd y taliad am fy archeb ddwywaith ac rwy'n anhapus iawn gyda hyn.\n\nDiolch,\nSam",
      "Taliad ddwywaith",
    );
    expect(record.language).toBe("cy");

    // Act
    const sent = await post(`/api/cases/${record.reference}/regulated-letters`, {
      letterId: "final-response",
      decision: "upheld",
      redress: { amount: 12.5, description: "ad-daliad o'r taliad dwbl" },
      explanation: "Cymerwyd y taliad ddwywaith oherwydd gwall yn ein system gardiau.",
    });

    // Assess: the letter went in Welsh, with the six-month limit and the ombudsman's website
    expect(sent.status).toBe(201);
    const letter = (await sandbox().readCustomerMail()).find(
      (mail) => mail.subject.includes(record.reference) && mail.body.text?.includes("ein hymateb terfynol"),
    );
    expect(letter?.subject).toContain("Eich cwyn");
    expect(letter?.body.text).toContain("Rydym wedi cadarnhau eich cwyn.");
    expect(letter?.body.text).toContain("o fewn chwe mis i ddyddiad y llythyr hwn");
    expect(letter?.body.text).toContain("£12.50 (ad-daliad o'r taliad dwbl)");
    expect(letter?.body.text).toContain("Gwefan: https://www.financial-ombudsman.org.uk");
  });
});
