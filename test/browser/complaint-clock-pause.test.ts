// Pausing a complaint's clock from the console in real headless Chromium, under the organisation's
// own-targets pack (ten business days, paused while waiting for the customer): a supervisor pauses the
// clock saying what they wait for, sees it paused on the case, in the timeline and in the queue, and
// resumes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseRecord } from "../../shared/domain/case";
import { caseFromEmail, complaintEmail, notified } from "../sandbox/support/staff-cases";
import { withSandbox } from "../sandbox/support/test-sandbox";
import { type Browser, launch, screenshot } from "./chromium-session";

const COMPLAINT =
  "I want to make a complaint. You took the payment for my order twice and this is unacceptable.";

describe("pausing a complaint clock in the staff console", () => {
  const sandbox = withSandbox({ rulePack: "own-targets" });
  let browser: Browser;
  let complaint: CaseRecord;

  beforeAll(async () => {
    browser = await launch({ viewport: { width: 1280, height: 900 } });
    complaint = await caseFromEmail(
      sandbox(),
      complaintEmail({ from: `sam.pause.${Date.now()}@example.net`, name: "Sam Carter", body: COMPLAINT }),
    );
    expect(complaint.referral.level).toBe("supervisor");
    await notified(sandbox(), complaint.reference);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("pauses the clock while waiting for the customer, shows it paused, and resumes it", async () => {
    // Prepare
    const page = await browser.context.newPage();
    await page.goto(`${sandbox().urls.http}/console`);
    await page.getByRole("button", { name: "Sign in as dev-supervisor" }).click();
    await page.getByRole("link", { name: complaint.reference }).click();
    const clocks = page.getByRole("region", { name: "Complaint clocks" });
    await clocks.waitFor();
    const running = (await clocks.textContent()) ?? "";
    expect(running).toMatch(
      /Our target for a full answer \(ten business days\): due by the end of .* — \d+ days left/,
    );
    const timeLeft = running.match(/— (\d+ days left)/)?.[1];

    // Act: pause, saying what we wait for
    await page.getByText("Pause the clocks while waiting for the customer").click();
    const pauseForm = page.locator("#form-clock-pause");
    await pauseForm
      .getByLabel("What we are waiting for from the customer")
      .fill("a copy of the card statement");
    await pauseForm.getByRole("button", { name: "Pause clocks" }).click();

    // Assess: paused on the case and on the timeline
    await expect.poll(() => clocks.textContent()).toMatch(/paused since .* — paused, \d+ days left/);
    await page
      .getByText("paused response target while waiting for the customer: a copy of the card statement")
      .waitFor();
    await screenshot(page, "complaint-clock-paused");

    // Assess: paused in the queue
    await page.getByRole("link", { name: "My queue" }).click();
    const row = page.getByRole("row").filter({ hasText: complaint.reference });
    await row.waitFor();
    expect(await row.locator("td.time-left").textContent()).toContain(`paused, ${timeLeft}`);

    // Act: resume from the case
    await row.getByRole("link", { name: complaint.reference }).click();
    await page.getByText("Resume the clocks (the customer's information came)").click();
    await page.locator("#form-clock-resume").getByRole("button", { name: "Resume clocks" }).click();

    // Assess: running again, and the timeline says to which deadline
    await expect.poll(() => clocks.textContent()).toMatch(/: due by the end of .* — \d+ days left/);
    await page
      .getByText(/resumed the clocks paused since .* response target is now due by the end of/)
      .waitFor();
  });
});
