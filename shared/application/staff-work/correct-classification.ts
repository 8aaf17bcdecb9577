// Correcting what Heed understood the case to be (kind, category, likely cause, the correctable signals);
// each changed field is kept as a correction beside its original, and a correction that needs a higher
// level refers the case again to it. A case corrected to a complaint starts its complaint clocks.

import type { CaseKind, Correction, LikelyCause } from "../../domain/case";
import { OTHER_CATEGORY } from "../../domain/classification/category";
import type { CorrectableSignal } from "../../domain/labelled-set";
import type { StaffMember } from "../../domain/permissions";
import type { CaseCorrectionChanges } from "../../ports";
import { openComplaint } from "../complaint-clocks";
import { correctedSignals, referAsCorrected } from "../corrected-understanding";
import { actOnCase, fail } from "./act-on-case";
import { eventBase, recorded } from "./case-changes";
import type { CaseChangeDependencies } from "./dependencies";

export interface ClassificationCorrectionInput {
  kind?: CaseKind | undefined;
  category?: string | undefined;
  cause?: LikelyCause | undefined;
  /** Which of the correctable signals the case should carry; its other signals are kept. */
  signals?: CorrectableSignal[] | undefined;
  reason: string;
}

export function correctClassification(
  reference: string,
  input: ClassificationCorrectionInput,
  member: StaffMember,
  deps: CaseChangeDependencies,
) {
  return actOnCase("correct", reference, member, deps, async ({ record, stamp }) => {
    const categories = [...Object.keys(deps.policy.classification.categories), OTHER_CATEGORY];
    if (input.category && !categories.includes(input.category)) {
      return fail(
        "invalid",
        `There is no category "${input.category}"; use one of ${categories.join(", ")}.`,
      );
    }
    const wanted = { kind: input.kind, category: input.category, cause: input.cause };
    const corrections: Correction[] = [];
    const classification: NonNullable<CaseCorrectionChanges["classification"]> = {};
    for (const field of ["kind", "category", "cause"] as const) {
      const value = wanted[field];
      if (value === undefined || value === record.classification[field]) continue;
      corrections.push({
        field,
        original: record.classification[field],
        corrected: value,
        reason: input.reason,
        by: stamp.by,
        at: stamp.at,
      });
      Object.assign(classification, { [field]: value });
    }
    const signals = input.signals && correctedSignals(record.classification.signals, input.signals);
    if (signals) {
      const { original, corrected } = signals;
      corrections.push({
        field: "signals",
        original,
        corrected,
        reason: input.reason,
        by: stamp.by,
        at: stamp.at,
      });
      classification.signals = signals.signals;
    }
    if (corrections.length === 0) return fail("invalid", "The classification already says that.");
    await deps.changes.correct(record.reference, { classification }, corrections, stamp.at);
    const corrected = await deps.cases.getCase(record.reference);
    if (corrected) await referAsCorrected(corrected, stamp.by, deps);
    const result = await recorded(
      {
        ...eventBase(record.reference, "classification-corrected", stamp, deps),
        type: "classification-corrected",
        corrections,
      },
      deps,
    );
    // A case corrected to a complaint runs its clocks from the original receipt.
    if (result.ok && corrected && classification.kind === "complaint" && deps.opensComplaints)
      await openComplaint(corrected, { ...deps.opensComplaints, clock: deps.clock });
    return result;
  });
}
