// The option the customer chose among those proposed, as staff heard it (by reply, phone or letter).

import type { ProposedOption } from "../../domain/outcomes";
import type { StaffMember } from "../../domain/permissions";
import { actOnCase, fail, succeed } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";

export interface OptionChoiceInput {
  proposalId: string;
  optionId: string;
  note?: string | undefined;
}

export function recordOptionChoice(
  reference: string,
  input: OptionChoiceInput,
  member: StaffMember,
  deps: LetterDependencies,
) {
  return actOnCase<{ proposalId: string; option: ProposedOption }>(
    "propose-options",
    reference,
    member,
    deps,
    async ({ record, stamp }) => {
      const timeline = await deps.cases.timeline(record.reference);
      const proposal = timeline.find(
        (event) => event.type === "options-proposed" && event.proposalId === input.proposalId,
      );
      if (proposal?.type !== "options-proposed")
        return fail("proposal-not-found", "The case has no options proposal with that id.");
      const option = proposal.options.find((candidate) => candidate.optionId === input.optionId);
      if (!option) return fail("option-not-found", "The proposal has no option with that id.");
      if (timeline.some((event) => event.type === "option-chosen" && event.proposalId === input.proposalId))
        return fail("choice-already-recorded", "The customer's choice for that proposal is recorded.");
      await deps.cases.appendEvent({
        type: "option-chosen",
        caseReference: record.reference,
        eventId: `option-chosen:${input.proposalId}`,
        proposalId: input.proposalId,
        optionId: option.optionId,
        label: option.label,
        ...stamp,
        ...(input.note ? { note: input.note } : {}),
      });
      return succeed({ proposalId: input.proposalId, option });
    },
  );
}
