// How a case ends (resolve 2.2, 3.1/3.2): resolved, with what was agreed (any refund or goodwill as a
// field the money rule checks) and a signed feedback link; or closed unresolved, with the reasons and
// outside help from the directory.

import { contactFor } from "../../config/communication-policy";
import { outsideHelpFor } from "../../domain/outcomes";
import type { MoneyAmount, StaffMember } from "../../domain/permissions";
import { renderResolvedOutcome, renderUnresolvedOutcome } from "../../domain/templates/letters";
import { communicationOf, letterheadFor } from "../customer-mail";
import { actOnCase, fail } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";
import { blockedIfUnfit, closeWith, type RecordedOutcome } from "./letters";
import { agreedMoney } from "./options";

export interface ResolveInput {
  agreed: string;
  /** The refund or goodwill agreed, if any; a written amount must be covered by it. */
  money?: MoneyAmount | undefined;
}

export interface CloseUnresolvedInput {
  reasons: string;
  /** Ids from the outside-help directory; the entries for the case's category when absent. */
  outsideHelp?: string[] | undefined;
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
