// The privacy notice shown beside the web form. Its version is recorded with every case that came
// through the form, so the organisation can show which wording a customer was given. The wording is data
// (shared/config/privacy-notice.json); change its version whenever the wording changes.

import * as z from "zod";
import { validated } from "./validated";

export const privacyNoticeSchema = z.strictObject({
  version: z.string().trim().min(1),
  /** Plain-text paragraphs; `{organisation}` is replaced with the organisation's name. */
  paragraphs: z.array(z.string().trim().min(1)).min(1),
});

export type PrivacyNotice = z.infer<typeof privacyNoticeSchema>;

export class PrivacyNoticeError extends Error {
  override name = "PrivacyNoticeError";
}

export function parsePrivacyNotice(input: unknown): PrivacyNotice {
  return validated(privacyNoticeSchema, input, "invalid privacy notice", PrivacyNoticeError);
}

/** The notice's paragraphs as the form page shows them, with the organisation named. */
export function noticeParagraphs(notice: PrivacyNotice, organisationName: string): string[] {
  return notice.paragraphs.map((paragraph) => paragraph.replaceAll("{organisation}", organisationName));
}
