// The staff console in real headless Chromium against the local sandbox: a supervisor signs in, opens
// their queue and a case, sends an update the promise check rejects and then one it accepts, and
// resolves the case. A hostile email (script tags, javascript: links, event handlers, bidi and
// zero-width characters) is shown as inert text with the hidden characters made visible.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseRecord } from "../../shared/domain/case";
import { caseFromEmail, complaintEmail, notified } from "../sandbox/support/staff-cases";
import { withSandbox } from "../sandbox/support/test-sandbox";
import { waitFor } from "../sandbox/support/wait-for";
import { type Browser, launch, screenshot } from "./chromium-session";

// What the page.evaluate callbacks read of the page; they run in Chromium, and the project's
// TypeScript settings have no DOM library.
declare const window: { heedHostile?: number };

const HOSTILE_BODY = [
  "I want to make a complaint. My kettle order never came and this is unacceptable.",
  '<script>window.heedHostile = 1; alert("script")</script>',
  '<a href="javascript:window.heedHostile=2">track my parcel</a>',
  '<img src="x" onerror="window.heedHostile=3">',
  "Pay the refund to my account at pay\u200Bpal, file invoice-\u202Efdp.exe\u202C please.",
  "Jo Bloggs",
].join("\n");

describe("the staff console in a browser", () => {
  const sandbox = withSandbox();
  let browser: Browser;
  let context: BrowserContext;
  let record: CaseRecord;

  beforeAll(async () => {
    browser = await launch({ viewport: { width: 1280, height: 900 } });
    context = browser.context;
    record = await caseFromEmail(
      sandbox(),
      complaintEmail({
        from: `jo.hostile.${Date.now()}@example.net`,
        name: "Jo Bloggs",
        subject: 'Kettle <img src=x onerror="window.heedHostile=4"> not delivered',
        body: HOSTILE_BODY,
        html: `<p>${HOSTILE_BODY}</p>`,
      }),
    );
    expect(record.referral.level).toBe("supervisor");
    await notified(sandbox(), record.reference);
  }, 120_000);

  /** A new tab has its own sessionStorage, so each test signs in. */
  async function signedIn(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${sandbox().urls.http}/console`);
    await page.getByRole("button", { name: "Sign in as dev-supervisor" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My queue");
    return page;
  }

  afterAll(async () => {
    await browser?.close();
  });

  it("lets a supervisor work a case from the queue to its resolution, with hostile text shown inert", async () => {
    // Prepare
    const page = await context.newPage();
    const dialogs: string[] = [];
    const policyViolations: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });

    // Act: sign in through the development sign-in
    await page.goto(`${sandbox().urls.http}/console`);
    await page.getByRole("button", { name: "Sign in as dev-supervisor" }).click();

    // Assess: my queue lists the case
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My queue");
    const link = page.getByRole("link", { name: record.reference });
    await link.waitFor();
    await screenshot(page, "staff-console-queue");

    // Act: open the case
    await link.click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toContain(record.reference);

    // Assess: the hostile email is text, its hidden characters shown, the sender's address beside the name
    const message = page.locator(".event.message-received pre.message-text").first();
    await message.waitFor();
    const shown = (await message.textContent()) ?? "";
    expect(shown).toContain('<script>window.heedHostile = 1; alert("script")</script>');
    expect(shown).toContain('<a href="javascript:window.heedHostile=2">track my parcel</a>');
    expect(shown).toContain("pay⟨U+200B⟩pal");
    expect(shown).toContain("invoice-⟨U+202E⟩fdp.exe⟨U+202C⟩");
    expect(await page.locator(".event.message-received .sender").first().textContent()).toMatch(
      /^Jo Bloggs <jo\.hostile\.\d+@example\.net>$/,
    );
    expect(await page.locator("main script, main img, main iframe, main object").count()).toBe(0);
    expect(await page.locator('main a[href^="javascript:"], main [onerror], main [onclick]').count()).toBe(0);
    expect(await page.locator(".subject.lead").textContent()).toBe(
      'Kettle <img src=x onerror="window.heedHostile=4"> not delivered',
    );
    await screenshot(page, "staff-console-case-hostile");

    // Act: an update that promises an outcome and a deadline
    await page.getByText("Send the customer an update").click();
    const update = page.getByLabel("What has happened so far (plain words, no promises)");
    await update.fill("We will refund you in full by Friday.");
    await page.getByRole("button", { name: "Send update" }).click();

    // Assess: refused, with the phrases marked
    const refusal = page.locator("#form-update .result");
    await expect.poll(() => refusal.textContent()).toContain("Not sent");
    expect(await refusal.locator("mark").allTextContents()).toEqual(
      expect.arrayContaining(["We will refund", "by Friday"]),
    );
    await screenshot(page, "staff-console-update-rejected");

    // Act: an update that explains the process without promising
    await update.fill(
      "We have asked the courier to trace your parcel, and the team is looking into what happened.",
    );
    await page.getByRole("button", { name: "Send update" }).click();

    // Assess: sent to the customer and on the timeline
    await expect
      .poll(() => page.locator(".flash").textContent())
      .toBe("The update was sent to the customer.");
    const updates = await waitFor(async () => {
      const mail = (await sandbox().readSesStore()).filter(
        (item) =>
          item.destination.to.includes(record.customer.email) &&
          (item.body.text ?? "").includes("trace your parcel"),
      );
      return mail.length > 0 && mail;
    });
    expect(updates).toHaveLength(1);

    // Act: resolve the case
    await page.getByText("Resolve the case").click();
    await page
      .getByLabel("What was agreed with the customer")
      .fill("A replacement kettle was sent to you, and you told us it arrived safely.");
    await page.getByRole("button", { name: "Resolve case" }).click();

    // Assess
    await expect
      .poll(() => page.locator(".flash").textContent())
      .toBe("The case is resolved and the customer was told.");
    expect(await page.locator("h1 .tag").textContent()).toBe("resolved");
    await screenshot(page, "staff-console-resolved");
    expect(await page.evaluate(() => window.heedHostile)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(policyViolations).toEqual([]);
    await page.close();
  });

  it("finds a case from a mistyped reference and shows the dashboard's charts", async () => {
    // Prepare
    const page = await signedIn();
    await page.getByRole("link", { name: "Search" }).click();
    const check = record.reference.slice(-1);
    const mistyped = `${record.reference.slice(0, -1)}${check === "7" ? "8" : "7"}`.toLowerCase();

    // Act
    await page.getByLabel("Reference, email, phone, postcode or order number").fill(mistyped);
    await page.getByRole("button", { name: "Search" }).click();

    // Assess
    await page.getByRole("link", { name: `Open ${record.reference}` }).waitFor();

    // Act
    await page.goto(`${sandbox().urls.http}/console#/dashboard`);

    // Assess
    await page.getByRole("button", { name: "Download as CSV" }).waitFor();
    expect(await page.locator("figure.chart").count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator("figure.chart svg[role=img]").first().getAttribute("aria-label")).toMatch(
      /^Cases received per week: /,
    );
    await screenshot(page, "staff-console-dashboard");
    await page.close();
  });
});
