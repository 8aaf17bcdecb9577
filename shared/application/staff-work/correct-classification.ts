// Correcting what Heed understood the case to be (kind, category, likely cause); each changed field is
// kept as a correction beside its original.

import type { CaseKind, Correction, LikelyCause } from "../../domain/case";
import { OTHER_CATEGORY } from "../../domain/classification/category";
import type { StaffMember } from "../../domain/permissions";
import type { CaseCorrectionChanges } from "../../ports";
import { actOnCase, fail } from "./act-on-case";
import { eventBase, recorded } from "./case-changes";
import type { CaseChangeDependencies } from "./dependencies";

export interface ClassificationCorrectionInput {
  kind?: CaseKind | undefined;
  category?: string | undefined;
  cause?: LikelyCause | undefined;
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
    if (corrections.length === 0) return fail("invalid", "The classification already says that.");
    await deps.changes.correct(record.reference, { classification }, corrections, stamp.at);
    return recorded(
      {
        ...eventBase(record.reference, "classification-corrected", stamp, deps),
        type: "classification-corrected",
        corrections,
      },
      deps,
    );
  });
}
