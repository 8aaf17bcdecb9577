// Workable options for the customer (resolve 2.2/2.4): numbered options in a promise-checked letter,
// each with its refund or goodwill as a field the money rule checks.

import type { AgreedMoney, ProposedOption } from "../../domain/outcomes";
import { numberOptions } from "../../domain/outcomes";
import type { MoneyAmount, StaffMember } from "../../domain/permissions";
import { renderOptionsProposal } from "../../domain/templates/letters";
import { type Delivery, letterheadFor, restartQuietPeriod } from "../customer-mail";
import { actOnCase, succeed } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";
import { blockedIfUnfit, deliverAfterRecord } from "./letters";

export interface OptionsInput {
  options: { label: string; detail?: string | undefined; money?: MoneyAmount | undefined }[];
  message?: string | undefined;
}

export interface Proposal {
  proposalId: string;
  options: ProposedOption[];
  delivery: Delivery;
}

export function agreedMoney(money: MoneyAmount | undefined, currency: string): AgreedMoney | undefined {
  return money ? { type: money.type, amount: money.amount, currency } : undefined;
}

export function proposeOptions(
  reference: string,
  input: OptionsInput,
  member: StaffMember,
  deps: LetterDependencies,
) {
  const offered = input.options.flatMap((option) => (option.money ? [option.money] : []));
  const written = [input.message, ...input.options.flatMap((option) => [option.label, option.detail])];
  return actOnCase<Proposal>(
    "propose-options",
    reference,
    member,
    deps,
    async ({ record, stamp }) => {
      const currency = deps.policy.organisation.currency;
      const options = numberOptions(
        input.options.map((option) => ({ ...option, money: agreedMoney(option.money, currency) })),
      );
      const rendered = renderOptionsProposal(record, letterheadFor(record, deps), options, input.message);
      const fields: Record<string, string | undefined> = { message: input.message };
      input.options.forEach((option, index) => {
        fields[`options[${index}].label`] = option.label;
        fields[`options[${index}].detail`] = option.detail;
      });
      const blocked = await blockedIfUnfit(record, "options-proposal", fields, rendered, stamp, deps);
      if (blocked) return blocked;

      const proposalId = deps.newId();
      const timeline = await deps.cases.timeline(record.reference);
      await deps.cases.appendEvent({
        type: "options-proposed",
        caseReference: record.reference,
        eventId: `options:${proposalId}`,
        proposalId,
        options,
        ...stamp,
      });
      const delivery = await deliverAfterRecord(
        record,
        {
          purpose: "options-proposal",
          eventId: `letter:options:${proposalId}`,
          rendered,
          automatic: undefined,
          sentBy: stamp.by,
        },
        deps,
        timeline,
      );
      if (delivery.sent) await restartQuietPeriod(record, deps.clock.now().toISOString(), deps);
      return succeed({ proposalId, options, delivery });
    },
    { money: offered, written },
  );
}
