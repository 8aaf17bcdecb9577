// Loads how intake treats what screening finds (intake-policy.json) and validates it when this module
// loads.

import { type IntakePolicy, parseIntakePolicy } from "../domain/policy/intake-policy";
import intakePolicyJson from "./intake-policy.json" with { type: "json" };

// Marked pure for the bundler: a function that never reads it leaves the file and its validation out.
export const defaultIntakePolicy: IntakePolicy = /* @__PURE__ */ parseIntakePolicy(intakePolicyJson);
