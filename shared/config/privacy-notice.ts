// The privacy notice shown beside the web form. Its version is recorded with every case that came
// through the form, so the organisation can show which wording a customer was given. Change the
// version whenever the wording changes.

export interface PrivacyNotice {
  version: string;
  /** Plain-text paragraphs; `{organisation}` is replaced with the organisation's name. */
  paragraphs: readonly string[];
}

export const PRIVACY_NOTICE: PrivacyNotice = {
  version: "2026-11-1",
  paragraphs: [
    "{organisation} uses the details you give in this form to record your message, look into it and contact you about it. Only the people who deal with it can see them.",
    "We keep them for as long as our retention policy allows, and never use them for marketing. You can ask for a copy of what we hold about you, or ask us to correct or erase it.",
  ],
};
