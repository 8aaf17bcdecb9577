// What the regulated complaint actions share: their dependencies, and the one step that runs them
// through the staff-work gate (`actOnCase`, with its permissions row and money rule) and then checks the
// case is a complaint, so each action is a small file of its own.

import type { Capability, StaffMember } from "../../domain/permissions";
import type { ComplaintRecords } from "../../ports";
import type { ComplaintRulesDependencies } from "../complaint-clocks";
import type { ComplaintReturnDependencies } from "../complaints-return";
import {
  actOnCase,
  fail,
  type OnCase,
  type StaffWorkResult,
  type WorkOptions,
} from "../staff-work/act-on-case";
import type { LetterDependencies } from "../staff-work/dependencies";

export interface ComplaintWorkDependencies
  extends LetterDependencies,
    ComplaintRulesDependencies,
    ComplaintReturnDependencies {
  complaints: ComplaintRecords;
}

/** Runs `work` on the complaint once the colleague may use `capability` on it (and agree any money in `options`). */
export function permittedComplaint<T>(
  capability: Extract<
    Capability,
    "send-regulated-letter" | "set-payment-services" | "pause-complaint-clocks"
  >,
  reference: string,
  member: StaffMember,
  deps: ComplaintWorkDependencies,
  work: (onCase: OnCase) => Promise<StaffWorkResult<T>>,
  options: WorkOptions = {},
): Promise<StaffWorkResult<T>> {
  return actOnCase<T>(
    capability,
    reference,
    member,
    deps,
    async (onCase) => {
      if (onCase.record.classification.kind !== "complaint")
        return fail(
          "not-a-complaint",
          "This case is not classified as a complaint; correct its classification first if it is one.",
        );
      return work(onCase);
    },
    options,
  );
}
