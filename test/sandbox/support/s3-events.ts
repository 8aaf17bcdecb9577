// The S3 event notification S3 puts on the intake queue for a stored object, built by the sandbox's own
// bucket notifications, for tests that deliver an object's event again by hand.

import { objectCreatedEvent } from "../../../infra/local/s3-notifications";
import type { TestSandbox } from "./test-sandbox";

export function objectCreatedBody(sandbox: TestSandbox, object: { bucket: string; key: string }): string {
  return JSON.stringify(
    objectCreatedEvent(
      { ...object, size: 0, eTag: "" },
      { region: sandbox.region, configurationId: "delivered-again" },
    ),
  );
}
