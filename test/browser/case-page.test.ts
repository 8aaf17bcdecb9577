// The case page in real headless Chromium against the local sandbox: a customer follows the link in
// their acknowledgement, reads where the case stands (checked with axe-core), adds a message and a photo
// from the keyboard-usable form, and a colleague sees the addition on the case in the staff console.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../sandbox/support/test-sandbox";
import { waitFor } from "../sandbox/support/wait-for";
import { type Browser, launch } from "./chromium-session";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const LINK = /See where your case stands, and add to it: (\S+)/;
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

// What the page.evaluate callbacks read in Chromium; the project's TypeScript settings have no DOM library.
declare const axe: {
  run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }>;
};
declare const document: unknown;

describe("the case page in a browser", () => {
  const sandbox = withSandbox();
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    // Only so the test can inject axe-core: the page itself allows no script at all.
    browser = await launch({ bypassCSP: true });
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("opens from the acknowledgement, passes axe, takes an addition with a photo, and staff see it", async () => {
    // Prepare: a complaint by email, and the link in its acknowledgement
    const customer = `robin.browser.${Date.now()}@example.net`;
    await sandbox().sendEml(
      [
        `From: Robin Browser <${customer}>`,
        "To: complaints@example.com",
        "Subject: Broken toaster",
        `Message-ID: <case-page-browser-${Date.now()}@mail.example.net>`,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "My new toaster arrived broken and I am unhappy about it.",
        "",
      ].join("\r\n"),
    );
    const acknowledgement = await waitFor(
      async () =>
        (await sandbox().readCustomerMail()).find(
          (letter) => letter.destination.to.includes(customer) && LINK.test(letter.body.text ?? ""),
        ),
      { description: "the acknowledgement with its case-page link" },
    );
    const path = new URL(LINK.exec(acknowledgement.body.text ?? "")?.[1] ?? "").pathname;
    const reference = /\[(CS-[0-9A-Z]+)\]/.exec(acknowledgement.subject)?.[1] ?? "";

    // Act: the customer opens the page
    const page = await context.newPage();
    await page.goto(`${sandbox().urls.http}${path}`);
    await page.addScriptTag({ content: AXE_SOURCE });
    const { violations } = await page.evaluate(() =>
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
    );

    // Assess: readable, accessible, in plain words
    expect(violations.map((violation) => violation.id)).toEqual([]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Your case ${reference}`);
    await page.getByRole("heading", { name: "What happens next" }).waitFor();

    // Act: add a message and a photo, from labelled fields
    await page.getByLabel("Your message").fill("Here is a photo of the broken toaster.");
    await page
      .getByLabel("Files (optional)")
      .setInputFiles({ name: "toaster.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Add to my case" }).click();

    // Assess: the customer is told, and the page now lists it
    await page.getByText("We have added this to your case.").waitFor();
    expect(await page.getByText("toaster.png").count()).toBeGreaterThan(0);

    // Act: a colleague opens the case in the console
    const console = await context.newPage();
    await console.goto(`${sandbox().urls.http}/console`);
    await console.getByRole("button", { name: "Sign in as dev-admin" }).click();
    await console.getByRole("heading", { level: 1 }).waitFor();
    await console.goto(`${sandbox().urls.http}/console#/cases/${reference}`);

    // Assess: the addition is on the timeline, from the customer by the case page
    await console.getByText("Here is a photo of the broken toaster.").waitFor();
    expect(await console.getByText(/Received by case page from/).count()).toBeGreaterThan(0);
    expect(await console.getByText("toaster.png").count()).toBeGreaterThan(0);
  });
});
