// Loads how intake treats what screening finds (intake-policy.json) and validates it when this module
// loads.

import { type IntakePolicy, parseIntakePolicy } from "../domain/policy/intake-policy";
import intakePolicyJson from "./intake-policy.json" with { type: "json" };

export const defaultIntakePolicy: IntakePolicy = parseIntakePolicy(intakePolicyJson);
