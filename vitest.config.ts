// Test tiers share one configuration: sandbox tests wait on a real asynchronous pipeline (SMTP → S3 →
// SQS → functions), so their timeouts are generous; nothing asserts on wall-clock time.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
