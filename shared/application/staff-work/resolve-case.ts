// Resolving a case (resolve 2.2, 2.7): what was agreed, any refund or goodwill as a field the money rule
// checks, and a signed, expiring feedback link in the letter.

import type { MoneyAmount, StaffMember } from "../../domain/permissions";
import { renderResolvedOutcome } from "../../domain/templates/letters";
import { communicationOf, letterheadFor } from "../customer-mail";
import { actOnCase } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";
import { blockedIfUnfit, closeWith, type RecordedOutcome } from "./letters";
import { agreedMoney } from "./propose-options";

export interface ResolveInput {
  agreed: string;
  /** The refund or goodwill agreed, if any; a written amount must be covered by it. */
  money?: MoneyAmount | undefined;
}

export function resolveCase(
  reference: string,
  input: ResolveInput,
  member: StaffMember,
  feedbackBaseUrl: string,
  deps: LetterDependencies,
) {
  return actOnCase<RecordedOutcome>(
    "resolve",
    reference,
    member,
    deps,
    async ({ record, stamp }) => {
      const outcomeId = deps.newId();
      const feedbackUntil = new Date(
        Date.parse(stamp.at) + communicationOf(deps).feedback.linkValidDays * 86_400_000,
      );
      const token = deps.feedbackTokens.issue({
        caseReference: record.reference,
        outcomeId,
        expiresAt: feedbackUntil.toISOString(),
      });
      const rendered = renderResolvedOutcome(record, letterheadFor(record, deps), {
        agreed: input.agreed,
        feedbackUrl: `${feedbackBaseUrl}/feedback/${token}`,
        feedbackUntil,
      });
      const blocked = await blockedIfUnfit(
        record,
        "outcome-resolved",
        { agreed: input.agreed },
        rendered,
        stamp,
        deps,
      );
      if (blocked) return blocked;
      const money = agreedMoney(input.money, deps.policy.organisation.currency);
      return closeWith(
        record,
        {
          outcomeId,
          type: "resolved",
          ...stamp,
          agreed: input.agreed,
          ...(money ? { money } : {}),
          feedbackUntil: feedbackUntil.toISOString(),
        },
        rendered,
        deps,
      );
    },
    { money: input.money ? [input.money] : [], written: [input.agreed] },
  );
}
