// Loads the retention policy (retention-policy.json, the documented example) and validates it when this
// module loads: a period shorter than the regulator's minimum stops the function at start-up.

import { parseRetentionPolicy } from "../domain/policy/retention-policy";
import type { RetentionPolicy } from "../domain/retention";
import retentionPolicyJson from "./retention-policy.json" with { type: "json" };

export const defaultRetentionPolicy: RetentionPolicy = parseRetentionPolicy(retentionPolicyJson);
