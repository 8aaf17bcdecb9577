// Closing a case as unresolved (resolve 3.1/3.2): the reasons, and where else the customer can get help,
// from the outside-help directory.

import { outsideHelpFor } from "../../domain/outcomes";
import type { StaffMember } from "../../domain/permissions";
import { contactFor } from "../../domain/policy/communication-policy";
import { renderUnresolvedOutcome } from "../../domain/templates/letters";
import { communicationOf, letterheadFor } from "../customer-mail";
import { actOnCase, fail } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";
import { blockedIfUnfit, closeWith, type RecordedOutcome } from "./letters";

export interface CloseUnresolvedInput {
  reasons: string;
  /** Ids from the outside-help directory; the entries for the case's category when absent. */
  outsideHelp?: string[] | undefined;
}

export function closeUnresolved(
  reference: string,
  input: CloseUnresolvedInput,
  member: StaffMember,
  deps: LetterDependencies,
) {
  return actOnCase<RecordedOutcome>(
    "close-unresolved",
    reference,
    member,
    deps,
    async ({ record, stamp }) => {
      const directory = communicationOf(deps).outsideHelp.filter((entry) =>
        entry.usedFor.includes("unresolved"),
      );
      let help = outsideHelpFor(record, directory, "unresolved");
      if (input.outsideHelp) {
        const unknown = input.outsideHelp.filter((id) => !directory.some((entry) => entry.id === id));
        if (unknown.length > 0)
          return fail("unknown-outside-help", "The outside-help directory has no entry with that id.", {
            ids: unknown,
          });
        help = directory.filter((entry) => input.outsideHelp?.includes(entry.id));
      }
      const letterhead = letterheadFor(record, deps);
      const rendered = renderUnresolvedOutcome(record, letterhead, {
        reasons: input.reasons,
        outsideHelp: help.map((entry) => contactFor(entry, letterhead.catalogue.language)),
      });
      const blocked = await blockedIfUnfit(
        record,
        "outcome-unresolved",
        { reasons: input.reasons },
        rendered,
        stamp,
        deps,
      );
      if (blocked) return blocked;
      return closeWith(
        record,
        {
          outcomeId: deps.newId(),
          type: "unresolved",
          ...stamp,
          reasons: input.reasons,
          outsideHelp: help.map((entry) => entry.id),
        },
        rendered,
        deps,
      );
    },
  );
}
