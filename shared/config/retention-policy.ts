// Loads the retention policy (retention-policy.json, the documented example) and validates it when this
// module loads: a period shorter than the regulator's minimum stops the function at start-up.

import { parseRetentionPolicy } from "../domain/policy/retention-policy";
import type { RetentionPolicy } from "../domain/retention";
import retentionPolicyJson from "./retention-policy.json" with { type: "json" };

// Marked pure for the bundler: a function that never reads it leaves the file and its validation out.
export const defaultRetentionPolicy: RetentionPolicy =
  /* @__PURE__ */ parseRetentionPolicy(retentionPolicyJson);
