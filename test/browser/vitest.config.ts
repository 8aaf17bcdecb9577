// The browser tier on its own (`vitest run --config test/browser/vitest.config.ts`): real headless
// Chromium against the local sandbox, slower than the other tiers and needing Chromium installed.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["test/browser/install-chromium.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
