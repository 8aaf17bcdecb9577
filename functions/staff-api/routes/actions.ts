// Staff acting on a case: who am I (level, authority limits and capabilities), take a case on, add a
// note, re-refer it, correct a detail or the classification, and agree a refund or goodwill gesture.
// Bodies are JSON checked against strict schemas; the work itself is in shared/application/staff-work.

import * as z from "zod";
import { json } from "../../../shared/adapters/http/responses";
import {
  addNote,
  agreeOffer,
  correctClassification,
  correctDetail,
  reReferCase,
  takeCase,
  whoAmI,
} from "../../../shared/application/staff-work";
import { CASE_KINDS, CORRECTABLE_DETAILS, REFERRAL_LEVELS } from "../../../shared/domain/case";
import { LABELLED_SIGNALS } from "../../../shared/domain/labelled-set";
import { staff } from "../dependencies";
import { caseReference, type RouteTable, respond, withBody } from "../route";

const deps = staff.actions;

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

const claimInput = z.strictObject({ takeOver: z.boolean().optional() });
const noteInput = z.strictObject({ text: z.string().trim().min(1).max(5000) });
const reReferInput = z.strictObject({ level: z.enum(REFERRAL_LEVELS), reason });
const detailCorrectionInput = z.strictObject({
  field: z.enum(CORRECTABLE_DETAILS),
  value: z.string().trim().min(1).max(500),
  reason,
});
const classificationCorrectionInput = z
  .strictObject({
    kind: z.enum(CASE_KINDS).optional(),
    category: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    cause: z.enum(["expectation-gap", "system-or-procedure-failure", "unknown"]).optional(),
    /** The guide's signals the case should carry (vulnerability, legal-threat, abuse, data-protection). */
    signals: z.array(z.enum(LABELLED_SIGNALS)).optional(),
    reason,
  })
  .refine(
    (input) => input.kind || input.category || input.cause || input.signals,
    "give a kind, a category, a cause or the signals",
  );
const offerInput = refundOrGoodwill.extend({ description: z.string().trim().min(1).max(1000) });

export const actionRoutes: RouteTable = {
  "GET /api/me": async (_event, member) => json(200, whoAmI(member, staff.policy)),
  "POST /api/cases/{ref}/claim": withBody(claimInput, async (input, event, member) =>
    respond(await takeCase(caseReference(event), input, member, deps), 200),
  ),
  "POST /api/cases/{ref}/notes": withBody(noteInput, async (input, event, member) =>
    respond(await addNote(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/refer": withBody(reReferInput, async (input, event, member) =>
    respond(await reReferCase(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/details": withBody(detailCorrectionInput, async (input, event, member) =>
    respond(await correctDetail(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/classification": withBody(
    classificationCorrectionInput,
    async (input, event, member) =>
      respond(await correctClassification(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/offers": withBody(offerInput, async (input, event, member) =>
    respond(await agreeOffer(caseReference(event), input, member, deps), 201),
  ),
};
