// The form page in real headless Chromium against the local sandbox: a customer fills it in, makes a
// mistake, follows the error summary to the field, corrects it and gets their reference; the page
// also works with JavaScript switched off, and is usable from the keyboard alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import type { CaseRecord } from "../../shared/domain/case";
import { withSandbox } from "../sandbox/support/test-sandbox";
import { waitFor } from "../sandbox/support/wait-for";
import { type Browser, launch, screenshot } from "./chromium-session";

/** The form refuses posts sooner than this after the page was rendered, as a person is never that quick. */
const HUMAN_PAUSE_MS = 3_500;

// What the page.evaluate callbacks read of the page's DOM; they run in Chromium, and the project's
// TypeScript settings have no DOM library.
declare const document: { activeElement: { id: string; tagName: string; className: string } | null };

describe("the web form in a browser", () => {
  const sandbox = withSandbox();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ javaScriptEnabled: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function acknowledgedCase(reference: string): Promise<CaseRecord> {
    const cases = new DynamoDbCaseStore(sandbox().clients.documents, sandbox().table("case-table").name);
    return waitFor(
      async () => {
        const record = await cases.getCase(reference);
        return record?.acknowledgement.state === "sent" ? record : undefined;
      },
      { description: `the acknowledgement of ${reference}` },
    );
  }

  it("takes a complaint with one mistake corrected by the customer, and shows the reference", async () => {
    // Prepare
    const page = await browser.context.newPage();
    const policyViolations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    await page.goto(sandbox().urls.http);
    const openedAt = Date.now();
    const email = `browser-${Date.now()}@example.org`;

    // Act: fill it in with a mistake in the email address, and send
    await page.getByLabel("Full name").fill("Jo Bloggs");
    await page.getByLabel("Email address").fill("jo.bloggs@example");
    await page.getByLabel("Telephone number (optional)").fill("0161 496 0000");
    await page.getByLabel("A delivery").check();
    await page.getByLabel("Order, invoice or account number (optional)").fill("ORD-77001");
    await page
      .getByLabel("Tell us what happened")
      .fill("My parcel has not arrived. <b>Nobody</b> has called.");
    await page.getByLabel("Email", { exact: true }).check();
    await page.getByRole("button", { name: "Send your message" }).click();

    // Assess: the page comes back with the answers kept and the error summarised, tied and focused
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    const summary = page.getByRole("alert");
    await expect.poll(() => summary.textContent()).toContain("Enter an email address like name@example.com");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    const emailField = page.getByLabel("Email address");
    expect(await emailField.getAttribute("aria-invalid")).toBe("true");
    expect(await emailField.getAttribute("aria-describedby")).toBe("field-email-hint field-email-error");
    expect(await page.getByLabel("Tell us what happened").inputValue()).toBe(
      "My parcel has not arrived. <b>Nobody</b> has called.",
    );
    expect(await page.getByLabel("A delivery").isChecked()).toBe(true);
    await screenshot(page, "web-form-error");

    // Act: follow the summary's link to the field, correct it, and send again
    await page.getByRole("link", { name: "Enter an email address like name@example.com" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-email");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(email);
    await page.waitForTimeout(Math.max(0, HUMAN_PAUSE_MS - (Date.now() - openedAt)));
    await page.getByRole("button", { name: "Send your message" }).click();

    // Assess: the confirmation restates what was understood and gives the reference
    const reference = (await page.locator("[data-reference]").textContent()) ?? "";
    expect(reference).toMatch(/^CS-[0-9A-Y]{8}$/);
    const details = (await page.locator("dl").textContent()) ?? "";
    expect(details).toContain("a delivery");
    expect(details).toContain("ORD-77001");
    expect(details).toContain("<b>Nobody</b> has called.");
    await screenshot(page, "web-form-confirmation");
    const record = await acknowledgedCase(reference);
    expect(record.customer).toMatchObject({ email, phone: "+441614960000" });
    expect(
      (await sandbox().readCustomerMail()).filter((mail) => mail.subject.includes(reference)),
    ).toHaveLength(1);
    expect(policyViolations).toEqual([]);
    await page.close();
  });

  it("reaches every question from the keyboard, skipping the hidden honeypot", async () => {
    // Prepare
    const page = await browser.context.newPage();
    await page.goto(sandbox().urls.http);

    // Act
    const focused: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      focused.push(
        await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || ""),
      );
    }

    // Assess
    expect(focused).toEqual(
      expect.arrayContaining([
        "field-name",
        "field-email",
        "field-phone",
        "field-address",
        "field-postcode",
        "field-category",
        "field-orderReference",
        "field-message",
        "field-contactPreference",
        "BUTTON",
      ]),
    );
    expect(focused).not.toContain("field-website");
    await page.close();
  });

  it("works with JavaScript switched off", async () => {
    // Prepare
    const noScript = await launch({ javaScriptEnabled: false });
    const page = await noScript.context.newPage();
    await page.goto(sandbox().urls.http);
    const openedAt = Date.now();

    // Act
    await page.getByLabel("Full name").fill("Sam Patel");
    await page.getByLabel("Email address").fill(`no-script-${Date.now()}@example.org`);
    await page.getByLabel("Postal address (optional)").fill("1 Station Road\nSpringfield");
    await page.getByLabel("Postcode (optional)").fill("m1 1ae");
    await page.getByLabel("Something else").check();
    await page.getByLabel("Tell us what happened").fill("Your website keeps logging me out.");
    await page.getByLabel("Post", { exact: true }).check();
    await page.waitForTimeout(Math.max(0, HUMAN_PAUSE_MS - (Date.now() - openedAt)));
    await page.getByRole("button", { name: "Send your message" }).click();

    // Assess
    const reference = (await page.locator("[data-reference]").textContent()) ?? "";
    expect(reference).toMatch(/^CS-[0-9A-Y]{8}$/);
    expect(await page.locator("dl").textContent()).toContain(
      "by post, at 1 Station Road, Springfield, M1 1AE",
    );
    await noScript.close();
  });
});
