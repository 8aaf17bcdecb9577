// Taking a case on; a supervisor or above may take over a case a colleague holds.

import type { StaffMember } from "../../domain/permissions";
import { actOnCase, fail } from "./act-on-case";
import { eventBase, recorded } from "./case-changes";
import type { CaseChangeDependencies } from "./dependencies";

export interface TakeCaseInput {
  takeOver?: boolean | undefined;
}

export function takeCase(
  reference: string,
  input: TakeCaseInput,
  member: StaffMember,
  deps: CaseChangeDependencies,
) {
  const takeOver = input.takeOver === true;
  return actOnCase(
    takeOver ? "take-over" : "take-case",
    reference,
    member,
    deps,
    async ({ record, stamp }) => {
      const result = await deps.changes.claim(record.reference, stamp.by, stamp.at, takeOver);
      if (!result.claimed) {
        return fail(
          "conflict",
          `${result.heldBy} already has this case; ask them, or a supervisor, to pass it on.`,
        );
      }
      return recorded(
        {
          ...eventBase(record.reference, "claimed", stamp, deps),
          type: "claimed",
          ...(result.previous ? { previous: result.previous } : {}),
        },
        deps,
      );
    },
  );
}
