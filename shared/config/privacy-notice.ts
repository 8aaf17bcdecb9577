// Loads the privacy notice shown beside the web form (privacy-notice.json) and validates it when this
// module loads. Change its version whenever the wording changes.

import { type PrivacyNotice, parsePrivacyNotice } from "../domain/policy/privacy-notice";
import privacyNoticeJson from "./privacy-notice.json" with { type: "json" };

// Marked pure for the bundler: a function that never reads it leaves the file and its validation out.
export const PRIVACY_NOTICE: PrivacyNotice = /* @__PURE__ */ parsePrivacyNotice(privacyNoticeJson);
