// The labelled-set format Heed is measured against, and that staff corrections are exported in: one
// message with the kind, signals and referral minimum a careful colleague gives it under the labelling
// guide. The evaluation reads files of these; the corrections export writes them.

import * as z from "zod";
import { CASE_KINDS, type CaseRecord, REFERRAL_LEVELS, signalsInCorrection } from "./case";
import { ELECTED_REPRESENTATIVE_SIGNAL } from "./classification/signals";

/** The signals the labelling guide asks to be labelled; others Heed finds are not scored. */
export const LABELLED_SIGNALS = ["vulnerability", "legal-threat", "abuse", "data-protection"] as const;
export type LabelledSignal = (typeof LABELLED_SIGNALS)[number];

/**
 * The signals staff may correct on a case, since each has a referral minimum of its own: the guide's,
 * and an MP or councillor taking the case up, which the labelled set does not hold. The others follow
 * from the message or the customer's history.
 */
export const CORRECTABLE_SIGNALS = [...LABELLED_SIGNALS, ELECTED_REPRESENTATIVE_SIGNAL] as const;
export type CorrectableSignal = (typeof CORRECTABLE_SIGNALS)[number];

const isLabelledSignal = (signal: string): signal is LabelledSignal =>
  (LABELLED_SIGNALS as readonly string[]).includes(signal);

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
    /**
     * Every reference code the customer gives for themselves or the transaction (order, account, booking,
     * claim, policy, job… numbers; an earlier complaint's reference; a card's last digits), as written.
     * Never Heed's own case reference, a phone number, postcode, amount, date or time. Named before it
     * held more than orders.
     */
    orderReferences: z.array(z.string()).default([]),
  }),
});
export type LabelledMessage = z.infer<typeof labelledMessageSchema>;

export const labelledFileSchema = z.object({
  about: z.string().min(1),
  messages: z.array(labelledMessageSchema),
});
export type LabelledFile = z.infer<typeof labelledFileSchema>;

const MINIMUM_FOR_SIGNAL: Readonly<Record<LabelledSignal, (typeof REFERRAL_LEVELS)[number]>> = {
  "data-protection": "head-office",
  "legal-threat": "management",
  abuse: "management",
  vulnerability: "supervisor",
};

/** The guide's referral minimum for a message with these signals: the highest that applies. */
export function minimumLevelFor(signals: readonly string[]): (typeof REFERRAL_LEVELS)[number] {
  let minimum: (typeof REFERRAL_LEVELS)[number] = "frontline";
  for (const signal of signals) {
    const level = MINIMUM_FOR_SIGNAL[signal as LabelledSignal];
    if (level && REFERRAL_LEVELS.indexOf(level) > REFERRAL_LEVELS.indexOf(minimum)) minimum = level;
  }
  return minimum;
}

/** The case's kind or signals were corrected by staff: Heed misread it (the reports' correction rate). */
export function hasUnderstandingCorrection(record: CaseRecord): boolean {
  return (record.corrections ?? []).some((correction) => ["kind", "signals"].includes(correction.field));
}

/**
 * The case's kind or the guide's signals were corrected by staff: it makes a labelled example. A
 * correction of signals the labelled set does not hold (an MP or councillor) alone does not.
 */
export function makesLabelledExample(record: CaseRecord): boolean {
  const labelledIn = (text: string | undefined) => signalsInCorrection(text).filter(isLabelledSignal).join();
  return (record.corrections ?? []).some(
    ({ field, original, corrected }) =>
      field === "kind" || (field === "signals" && labelledIn(original) !== labelledIn(corrected)),
  );
}

/**
 * A case staff corrected, as a labelled example: the customer's first message and the understanding
 * as corrected. The sender is left out (the text is what is labelled); the extraction labels are the
 * case's own details, which the text carries anyway.
 */
export function labelledExampleFrom(
  record: CaseRecord,
  first: { subject: string; text: string },
): LabelledMessage {
  const { classification } = record;
  const signals = LABELLED_SIGNALS.filter((signal) => classification.signals.includes(signal));
  const references = record.extracted
    .filter((detail) => detail.field === "transaction-reference")
    .map((detail) => detail.value);
  return {
    id: `correction-${record.reference.toLowerCase()}`,
    // A customer's case page is a web form too.
    channel: record.channel === "web-form" || record.channel === "case-page" ? "form" : record.channel,
    sender: { email: "customer@example.org", name: "" },
    subject: first.subject,
    text: first.text,
    ...(record.channel === "web-form" ? { formCategory: classification.category } : {}),
    expected: {
      kind: classification.kind,
      signals,
      minimumLevel: minimumLevelFor(signals),
      phones: record.customer.phone ? [record.customer.phone] : [],
      postcodes: record.customer.postcode ? [record.customer.postcode] : [],
      orderReferences: [...new Set(references)],
    },
  };
}
