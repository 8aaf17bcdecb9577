// The organisation's policy: how messages are classified, who they are referred to, and what
// acknowledgements may say. It is data (default-policy.json), validated once at start-up.

import { z } from "zod";
import { REFERRAL_LEVELS } from "../domain/case";
import defaultPolicyJson from "./default-policy.json" with { type: "json" };

const phrases = z.array(z.string().min(1)).min(1);
const level = z.enum(REFERRAL_LEVELS);

const referralRule = z
  .strictObject({
    signal: z.string().optional(),
    kind: z.string().optional(),
    category: z.string().optional(),
    level,
    reasonCode: z.string().regex(/^[a-z0-9-]+$/),
    reason: z.string().min(1),
  })
  .refine((rule) => rule.signal ?? rule.kind ?? rule.category, "a rule needs a signal, kind or category");

export const policySchema = z.strictObject({
  organisation: z.strictObject({
    name: z.string().min(1),
    teams: z.strictObject({
      frontline: z.string(),
      supervisor: z.string(),
      management: z.string(),
      "head-office": z.string(),
    }),
  }),
  classification: z.strictObject({
    kinds: z.strictObject({
      complaint: phrases,
      problem: phrases,
      request: phrases,
      query: phrases,
      compliment: phrases,
    }),
    categories: z.record(z.string().regex(/^[a-z0-9-]+$/), phrases),
    causes: z.strictObject({ "system-or-procedure-failure": phrases, "expectation-gap": phrases }),
    signals: z.record(z.string().regex(/^[a-z0-9-]+$/), phrases),
  }),
  referral: z.strictObject({ defaultLevel: level, rules: z.array(referralRule) }),
  acknowledgement: z.strictObject({ responseTimeStatement: z.string().min(1).nullable() }),
  promiseCheck: z.strictObject({ allowedPhrases: z.array(z.string().min(1)) }),
});

export type Policy = z.infer<typeof policySchema>;

export class PolicyError extends Error {
  override name = "PolicyError";
}

export function parsePolicy(input: unknown): Policy {
  const result = policySchema.safeParse(input);
  if (!result.success) {
    const where = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new PolicyError(`invalid policy: ${where}`, { cause: result.error });
  }
  return result.data;
}

export const defaultPolicy: Policy = parsePolicy(defaultPolicyJson);
