// Agreeing a refund or goodwill gesture: the money rule checks the amount against the colleague's
// level, and the sentence that allowed it is kept on the timeline.

import type { StaffMember } from "../../domain/permissions";
import { actOnCase } from "./act-on-case";
import { eventBase, recorded } from "./case-changes";
import type { CaseChangeDependencies } from "./dependencies";

export interface OfferInput {
  type: "refund" | "goodwill";
  amount: number;
  description: string;
}

export function agreeOffer(
  reference: string,
  input: OfferInput,
  member: StaffMember,
  deps: CaseChangeDependencies,
) {
  return actOnCase(
    "agree-offer",
    reference,
    member,
    deps,
    async ({ record, stamp, moneyAuthority }) => {
      await deps.changes.noteStaffAction(record.reference, stamp.at);
      return recorded(
        {
          ...eventBase(record.reference, "offer", stamp, deps),
          type: "offer-agreed",
          offer: input.type,
          amount: input.amount,
          currency: deps.policy.organisation.currency,
          description: input.description,
          authority: moneyAuthority ?? "",
        },
        deps,
      );
    },
    { money: [{ type: input.type, amount: input.amount }], written: [input.description] },
  );
}
