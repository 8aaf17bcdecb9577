// Posting the web form as a browser would after rendering the page: hidden fields signed with a given
// key ten seconds ago (past the minimum time to submit), a complete complaint, the API's own origin.

import { randomUUID } from "node:crypto";
import { newFormSession } from "../../../shared/application/form-session";
import { PRIVACY_NOTICE } from "../../../shared/config/privacy-notice";
import type { TestSandbox } from "./test-sandbox";

/** POSTs a complaint as JSON to `/api/forms` on a page signed with `signingKey`; `fields` replace defaults. */
export function postSignedComplaint(
  sandbox: TestSandbox,
  signingKey: string,
  fields: Record<string, string> = {},
): Promise<Response> {
  const session = newFormSession({
    clock: { now: () => new Date(Date.now() - 10_000) },
    newSubmissionId: randomUUID,
    notice: PRIVACY_NOTICE,
    settings: { signingKey },
  });
  const complaint = {
    name: "Jo Bloggs",
    email: `form-${randomUUID().slice(0, 8)}@example.org`,
    message: "My parcel has not arrived and I am very disappointed.",
    category: "delivery",
    contactPreference: "email",
    ...Object.fromEntries(
      ["phone", "address", "postcode", "orderReference", "website"].map((name) => [name, ""]),
    ),
  };
  return fetch(new URL("/api/forms", sandbox.urls.http), {
    method: "POST",
    headers: { origin: sandbox.urls.http, "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ ...session, ...complaint, ...fields }),
  });
}
