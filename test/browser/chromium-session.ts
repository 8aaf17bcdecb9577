// What every browser test starts from: Debian's Chromium, headless, with a fresh profile of its own
// (so no test sees another's cookies or cache), and full-page screenshots kept in test-results/.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM } from "./install-chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SCREENSHOTS = new URL("../../test-results/", import.meta.url);

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(
  options: {
    javaScriptEnabled?: boolean;
    viewport?: { width: number; height: number };
    /** Only so a test can inject a checker such as axe-core into a page that allows no script. */
    bypassCSP?: boolean;
  } = {},
): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), "heed-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
}
