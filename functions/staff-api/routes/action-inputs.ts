// What the bodies of the staff actions on a case must be (taking a case on, a note, re-referral, a
// correction of a detail or the classification, an offer): strict schemas, so an unknown field or value
// is refused with what is wrong before any work starts. Kept apart from the routes, which wire the work.

import * as z from "zod";
import { CASE_KINDS, CORRECTABLE_DETAILS, REFERRAL_LEVELS } from "../../../shared/domain/case";
import { CORRECTABLE_SIGNALS } from "../../../shared/domain/labelled-set";

const reason = z.string().trim().min(1).max(1000);

/** In the organisation's currency, to the penny. */
export const moneyAmount = z
  .number()
  .positive()
  .max(1_000_000)
  .refine(
    (amount) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6,
    "give the amount to the penny",
  );
export const refundOrGoodwill = z.strictObject({ type: z.enum(["refund", "goodwill"]), amount: moneyAmount });

export const claimInput = z.strictObject({ takeOver: z.boolean().optional() });
export const noteInput = z.strictObject({ text: z.string().trim().min(1).max(5000) });
export const reReferInput = z.strictObject({ level: z.enum(REFERRAL_LEVELS), reason });
export const detailCorrectionInput = z.strictObject({
  field: z.enum(CORRECTABLE_DETAILS),
  value: z.string().trim().min(1).max(500),
  reason,
});
export const classificationCorrectionInput = z
  .strictObject({
    kind: z.enum(CASE_KINDS).optional(),
    category: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    cause: z.enum(["expectation-gap", "system-or-procedure-failure", "unknown"]).optional(),
    /** Which of the correctable signals the case should carry; its other signals are kept. */
    signals: z.array(z.enum(CORRECTABLE_SIGNALS)).optional(),
    reason,
  })
  .refine(
    (input) => input.kind || input.category || input.cause || input.signals,
    "give a kind, a category, a cause or the signals",
  );
export const offerInput = refundOrGoodwill.extend({ description: z.string().trim().min(1).max(1000) });
