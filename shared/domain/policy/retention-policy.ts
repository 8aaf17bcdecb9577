// The shape of the retention policy: how long each case type is kept after closure, and why. A period
// shorter than the regulator's minimum for complaint records (FCA DISP 1.9.1R: three years, five for
// MiFID business) is refused, so shared/config/ stops the function at start-up on such a file.

import * as z from "zod";
import { CASE_KINDS } from "../case";
import { REGULATED_CASE_TYPES, REGULATORY_MINIMUM_YEARS, type RetentionPolicy } from "../retention";
import { validated } from "./validated";

const caseType = z.strictObject({
  retainYears: z.number().int().min(1).max(100),
  basis: z.string().trim().min(1),
});

export const retentionPolicySchema = z
  .strictObject({
    regulator: z.enum(["none", "fca-disp", "fca-disp-mifid"]),
    caseTypes: z.strictObject(Object.fromEntries(CASE_KINDS.map((kind) => [kind, caseType]))),
    uncasedInputDays: z.number().int().min(1).max(3650),
    expiry: z.enum(["anonymise", "delete"]),
    ttlGraceDays: z.number().int().min(1).max(365),
  })
  .superRefine((policy, context) => {
    const minimum = REGULATORY_MINIMUM_YEARS[policy.regulator];
    for (const kind of REGULATED_CASE_TYPES) {
      const years = policy.caseTypes[kind]?.retainYears ?? 0;
      if (years < minimum) {
        context.addIssue({
          code: "custom",
          path: ["caseTypes", kind, "retainYears"],
          message: `${policy.regulator} requires complaint records to be kept at least ${minimum} years`,
        });
      }
    }
  });

export class RetentionPolicyError extends Error {
  override name = "RetentionPolicyError";
}

export function parseRetentionPolicy(input: unknown): RetentionPolicy {
  return validated(
    retentionPolicySchema,
    input,
    "invalid retention policy",
    RetentionPolicyError,
  ) as RetentionPolicy;
}
