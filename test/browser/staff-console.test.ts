// The staff console in real headless Chromium against the local sandbox: a supervisor signs in, opens
// their queue and a case, sends an update the promise check rejects and then one it accepts, and
// resolves the case. A hostile email (script tags, javascript: links, event handlers, bidi and
// zero-width characters) is shown as inert text with the hidden characters made visible. On a case
// referred to management, frontline sees only reading and notes, head office sees every action. A
// supervisor marks an MP's letter Heed missed, and the case goes to management.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseRecord } from "../../shared/domain/case";
import { caseFromEmail, caseStore, complaintEmail, notified, seedCase } from "../sandbox/support/staff-cases";
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
  async function signedIn(username = "dev-supervisor"): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${sandbox().urls.http}/console`);
    await page.getByRole("button", { name: `Sign in as ${username}` }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My queue");
    return page;
  }

  /** The case page's action titles and section headings, as the colleague sees them. */
  async function openCase(page: Page, reference: string) {
    await page.goto(`${sandbox().urls.http}/console#/cases/${reference}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(reference);
    await page.getByRole("heading", { name: "Timeline" }).waitFor();
    return {
      actions: await page.locator(".actions summary").allTextContents(),
      sections: await page.locator("section.panel h2").allTextContents(),
      nav: await page.locator("header nav a:visible").allTextContents(),
    };
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

  it("lets a supervisor mark an MP's letter Heed missed, lifting the case to management and changing nothing else", async () => {
    // Prepare
    const missed = await seedCase(sandbox(), {
      level: "supervisor",
      text: "My parcel has not arrived. I have copied in my MP, who has asked to be kept informed.",
    });
    const page = await signedIn();
    await openCase(page, missed.reference);

    // Act
    await page.getByText("Correct the classification").click();
    const form = page.locator("#form-classification");
    await form.getByLabel("Signal: elected representative").check();
    await form.getByLabel("Why").fill("The customer has copied in their MP.");
    await form.getByRole("button", { name: "Correct classification" }).click();

    // Assess: only the signals were corrected, and the case is now management's
    await expect
      .poll(() => page.locator(".flash").textContent())
      .toBe("The classification was corrected; the original stays on record.");
    const after = await caseStore(sandbox()).getCase(missed.reference);
    expect(
      after?.corrections?.map(({ field, original, corrected }) => ({ field, original, corrected })),
    ).toEqual([{ field: "signals", original: "none", corrected: "elected-representative" }]);
    expect(after?.classification).toMatchObject({
      kind: "complaint",
      category: "delivery",
      cause: "system-or-procedure-failure",
      signals: ["dissatisfaction", "elected-representative"],
    });
    expect(after?.referral).toMatchObject({ level: "management", reasonCode: "elected-representative" });
    await screenshot(page, "staff-console-elected-representative-corrected");
    await page.close();
  });

  it("shows frontline only reading and notes on a management case, and head office every action and who looked", async () => {
    // Prepare
    const management = await seedCase(sandbox(), { level: "management", unreferred: true });
    const frontline = await signedIn("dev-frontline");
    const headOffice = await signedIn("dev-head-office");

    // Act
    const seenByFrontline = await openCase(frontline, management.reference);
    await screenshot(frontline, "staff-console-frontline-management-case");
    await frontline.goto(`${sandbox().urls.http}/console#/quarantine`);
    await expect
      .poll(() => frontline.getByRole("heading", { level: 1 }).textContent())
      .toBe("Not for your role");
    const refusal = await frontline.getByRole("alert").textContent();
    const seenByHeadOffice = await openCase(headOffice, management.reference);
    await screenshot(headOffice, "staff-console-head-office-management-case");

    // Assess: frontline may read and add notes, nothing that reaches the customer or changes the case
    expect(seenByFrontline.actions).toEqual(["Add an internal note"]);
    expect(seenByFrontline.nav).toEqual(["My queue", "Search"]);
    expect(refusal).toBe("Only supervisors, management, head office and admins can review quarantined mail.");
    // Assess: head office may do everything on it, and sees that frontline opened it
    expect(seenByHeadOffice.actions).toEqual(
      expect.arrayContaining([
        "Take this case",
        "Send the customer an update",
        "Agree a refund or goodwill gesture",
        "Propose options to the customer",
        "Resolve the case",
        "Close without a resolution",
      ]),
    );
    expect(seenByHeadOffice.nav).toEqual([
      "My queue",
      "Search",
      "Quarantine",
      "Dashboard",
      "Complaints return",
    ]);
    expect(seenByHeadOffice.sections).toContain("Who has looked at this case");
    expect(await headOffice.locator("section.panel", { hasText: "Who has looked" }).textContent()).toContain(
      "dev-frontline@example.com",
    );
    await frontline.close();
    await headOffice.close();
  });
});
