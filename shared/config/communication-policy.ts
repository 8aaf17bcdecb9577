// Loads how Heed keeps customers informed (communication-policy.json, the documented example) and
// validates it, against the organisation's policy too, when this module loads.

import { type CommunicationPolicy, parseCommunicationPolicy } from "../domain/policy/communication-policy";
import communicationPolicyJson from "./communication-policy.json" with { type: "json" };
import { defaultPolicy } from "./policy";

// Marked pure for the bundler: a function that never reads it leaves the file and its validation out.
export const defaultCommunicationPolicy: CommunicationPolicy = /* @__PURE__ */ parseCommunicationPolicy(
  communicationPolicyJson,
  defaultPolicy,
);
