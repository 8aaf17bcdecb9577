// The queue's complaint clocks in real headless Chromium, under the FCA DISP pack: a supervisor sees
// the time left on each complaint, sorts the queue by it (a payment-services complaint, on 15 business
// days, comes before one on eight weeks), opens a case to read its clock, sends the final response
// that stops it, and finds both complaints counted in the complaints return. A frontline colleague sees
// the clock on the same case but none of the controls that act on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseRecord } from "../../shared/domain/case";
import { callApi, caseFromEmail, colleague, complaintEmail, notified } from "../sandbox/support/staff-cases";
import { withSandbox } from "../sandbox/support/test-sandbox";
import { type Browser, launch, screenshot } from "./chromium-session";

const COMPLAINT =
  "I want to make a complaint. You took the payment for my order twice and this is unacceptable.";

describe("complaint clocks in the staff console", () => {
  const sandbox = withSandbox({ rulePack: "fca-disp" });
  let browser: Browser;
  let eightWeeks: CaseRecord;
  let paymentServices: CaseRecord;

  beforeAll(async () => {
    browser = await launch({ viewport: { width: 1280, height: 900 } });
    eightWeeks = await caseFromEmail(
      sandbox(),
      complaintEmail({ from: `sam.clock.${Date.now()}@example.net`, name: "Sam Carter", body: COMPLAINT }),
    );
    paymentServices = await caseFromEmail(
      sandbox(),
      complaintEmail({ from: `kim.clock.${Date.now()}@example.net`, name: "Kim Lee", body: COMPLAINT }),
    );
    expect([eightWeeks.referral.level, paymentServices.referral.level]).toEqual(["supervisor", "supervisor"]);
    await notified(sandbox(), eightWeeks.reference);
    await notified(sandbox(), paymentServices.reference);
    const marked = await callApi(
      sandbox(),
      colleague(sandbox(), "supervisor").token,
      `/api/cases/${paymentServices.reference}/payment-services`,
      { paymentServices: true },
    );
    expect(marked.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the time left on each complaint in the queue, sorts by it, and shows the clock on the case", async () => {
    // Prepare
    const page = await browser.context.newPage();
    await page.goto(`${sandbox().urls.http}/console`);
    await page.getByRole("button", { name: "Sign in as dev-supervisor" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My queue");
    await page.getByRole("link", { name: eightWeeks.reference }).waitFor();

    // Assess: each row shows its time left
    const rowOf = (record: CaseRecord) => page.getByRole("row").filter({ hasText: record.reference });
    expect(await rowOf(eightWeeks).locator("td.time-left").textContent()).toMatch(/^5[56] days left/);
    expect(await rowOf(paymentServices).locator("td.time-left").textContent()).toMatch(/^\d+ days left/);

    // Act: sort by time left
    await page.getByRole("link", { name: "Sort by time left" }).click();
    await page.getByRole("link", { name: "Sort by urgency and age" }).waitFor();

    // Assess: the payment-services complaint (15 business days) comes first
    const order = await page.locator("table.queue tbody tr td:first-child a").allTextContents();
    expect(order.indexOf(paymentServices.reference)).toBeLessThan(order.indexOf(eightWeeks.reference));
    await screenshot(page, "complaint-queue-time-left");

    // Act: open the eight-week complaint
    await page.getByRole("link", { name: eightWeeks.reference }).click();

    // Assess: the case shows its clock
    const clocks = page.getByRole("region", { name: "Complaint clocks" });
    await clocks.waitFor();
    expect(await clocks.textContent()).toMatch(
      /Final response \(DISP 1\.6\.2\): due by the end of .* — 5[56] days left/,
    );

    // Act: send a final response rejecting the complaint
    await page.getByText("Send: Final response (DISP 1.6.1)").click();
    const form = page.locator("#form-letter-final-response");
    await form.getByLabel("Decision").selectOption("rejected");
    await form
      .getByLabel("What we found or did (plain words, no promises)")
      .fill(
        "The second payment was a separate order you placed a minute later, so both charges are correct.",
      );
    await form.getByRole("button", { name: "Send letter" }).click();

    // Assess: the clock is met, and the timeline says which clock the letter stopped
    await expect.poll(() => clocks.textContent()).toMatch(/— met \(final response/);
    await page
      .getByText("sent the Final response (DISP 1.6.1) (rejected). It stops: final response.")
      .waitFor();
    await screenshot(page, "complaint-final-response");

    // Act: open the complaints return
    await page.getByRole("link", { name: "Complaints return" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Complaints return");

    // Assess: both complaints are counted as opened, the answered one closed in three business days
    const total = page
      .locator("table.complaints-return")
      .first()
      .getByRole("row")
      .filter({ hasText: "total" });
    expect(await total.locator("td").allTextContents()).toEqual(["2", "1", "0", "0", "0%", "0.00"]);
    await screenshot(page, "complaints-return");
  });

  it("hides the regulated letters and the payment-services control from a colleague below the case's level", async () => {
    // Prepare
    const page = await browser.context.newPage();
    await page.goto(`${sandbox().urls.http}/console`);
    await page.getByRole("button", { name: "Sign in as dev-frontline" }).click();
    await page.getByRole("heading", { name: "My queue" }).waitFor();

    // Act: open the supervisor's payment-services complaint
    await page.goto(`${sandbox().urls.http}/console#/cases/${paymentServices.reference}`);
    await page.getByRole("region", { name: "Complaint clocks" }).waitFor();

    // Assess: the clock is shown, the controls that would act on it are not
    const actions = await page.locator(".actions summary").allTextContents();
    expect(actions).toEqual(["Add an internal note"]);
  });
});
