// The hidden fields of the contact form's page: a new submission id and the render time, signed with the
// form's key, which a post must bring back (checked by intake-form.ts). Rendering the page needs only
// this, so the web form loads intake itself on the first post.

import { createHmac } from "node:crypto";
import type { FormSession } from "../domain/form-submission";
import type { PrivacyNotice } from "../domain/policy/privacy-notice";
import type { Clock } from "../ports";

/** The hidden fields of a freshly rendered page: a new submission id and the signed render time. */
export function newFormSession(deps: {
  clock: Clock;
  newSubmissionId: () => string;
  notice: Pick<PrivacyNotice, "version">;
  settings: { signingKey: string };
}): FormSession {
  const submissionId = deps.newSubmissionId();
  const renderedAt = deps.clock.now().getTime();
  const noticeVersion = deps.notice.version;
  const signature = formTokenSignature(deps.settings.signingKey, submissionId, renderedAt, noticeVersion);
  return { submissionId, formToken: `${renderedAt}.${signature}`, noticeVersion };
}

/** The signature in a page's form token, over the submission id, the render time and the notice version. */
export function formTokenSignature(
  key: string,
  submissionId: string,
  renderedAt: number,
  noticeVersion: string,
): string {
  return createHmac("sha256", key)
    .update(`form-token\n${submissionId}\n${renderedAt}\n${noticeVersion}`)
    .digest("base64url");
}
