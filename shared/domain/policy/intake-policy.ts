// How intake treats what screening finds: how many acknowledgements one sender may get in a day,
// whether a message that may be spoofed is acknowledged, whether a reply reopens a closed case, and how
// long a second delivery of the same message counts as a duplicate. shared/config/ loads the values
// (intake-policy.json) through parseIntakePolicy.

import * as z from "zod";
import { validated } from "./validated";

export const intakePolicySchema = z.strictObject({
  acknowledgementsPerSenderPerDay: z.number().int().min(0),
  acknowledgePossibleSpoof: z.boolean(),
  reopenClosedCaseOnReply: z.boolean(),
  /**
   * A sender SES could not authenticate (neither SPF nor DKIM passed) may be a forged address: they get
   * a neutral acknowledgement with the reference only, or none at all.
   */
  unauthenticatedSenderAcknowledgement: z.enum(["neutral", "none"]),
  /** Sending servers retry for up to five days; a delivery of the same message within this is a duplicate. */
  duplicateDeliveryWindowHours: z.number().int().positive(),
});

export type IntakePolicy = z.infer<typeof intakePolicySchema>;

export class IntakePolicyError extends Error {
  override name = "IntakePolicyError";
}

export function parseIntakePolicy(input: unknown): IntakePolicy {
  return validated(intakePolicySchema, input, "invalid intake policy", IntakePolicyError);
}
