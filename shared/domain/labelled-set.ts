// The labelled-set format Heed is measured against, and that staff corrections are exported in: one
// message with the kind, signals and referral minimum a careful colleague gives it under the labelling
// guide. The evaluation reads files of these; the corrections export writes them.

import { z } from "zod";
import { CASE_KINDS, REFERRAL_LEVELS } from "./case";

/** The signals the labelling guide asks to be labelled; others Heed finds are not scored. */
export const LABELLED_SIGNALS = ["vulnerability", "legal-threat", "abuse", "data-protection"] as const;
export type LabelledSignal = (typeof LABELLED_SIGNALS)[number];

export const LABELLED_CHANNELS = ["email", "form", "staff"] as const;

export const labelledMessageSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "kebab-case"),
  channel: z.enum(LABELLED_CHANNELS),
  sender: z.object({ email: z.string(), name: z.string() }),
  subject: z.string(),
  text: z.string(),
  formCategory: z.string().optional(),
  expected: z.object({
    kind: z.enum(CASE_KINDS),
    signals: z.array(z.enum(LABELLED_SIGNALS)),
    minimumLevel: z.enum(REFERRAL_LEVELS),
    phones: z.array(z.string()).default([]),
    postcodes: z.array(z.string()).default([]),
    orderReferences: z.array(z.string()).default([]),
  }),
});
export type LabelledMessage = z.infer<typeof labelledMessageSchema>;

export const labelledFileSchema = z.object({
  about: z.string().min(1),
  messages: z.array(labelledMessageSchema),
});
export type LabelledFile = z.infer<typeof labelledFileSchema>;
