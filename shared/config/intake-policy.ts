// How intake treats what screening finds: how many acknowledgements one sender may get in a day,
// whether a message that may be spoofed is acknowledged, and whether a reply reopens a closed case.

import { z } from "zod";

export const intakePolicySchema = z.strictObject({
  acknowledgementsPerSenderPerDay: z.number().int().min(0),
  acknowledgePossibleSpoof: z.boolean(),
  reopenClosedCaseOnReply: z.boolean(),
});

export type IntakePolicy = z.infer<typeof intakePolicySchema>;

export const defaultIntakePolicy: IntakePolicy = intakePolicySchema.parse({
  acknowledgementsPerSenderPerDay: 5,
  acknowledgePossibleSpoof: false,
  reopenClosedCaseOnReply: true,
});
