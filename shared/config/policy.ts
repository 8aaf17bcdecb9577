// Loads the organisation's policy file (default-policy.json, the documented example) and validates it
// with the domain's schema when this module loads, so a mistake in it stops the function before any
// message is handled.

import { type Policy, parsePolicy } from "../domain/policy/organisation-policy";
import defaultPolicyJson from "./default-policy.json" with { type: "json" };

// Marked pure for the bundler: a function that never reads it leaves the file and its validation out.
export const defaultPolicy: Policy = /* @__PURE__ */ parsePolicy(defaultPolicyJson);
