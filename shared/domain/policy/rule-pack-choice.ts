// Which complaint rule pack a function follows, and at what close of business: the deployment's choice
// (COMPLAINT_RULE_PACK, COMPLAINT_CLOSE_OF_BUSINESS) over the file's. No schema here: a deployed function
// chooses among packs checked when it was bundled, so choosing costs its start-up nothing.

export class RulePackError extends Error {
  override name = "RulePackError";
}

/** A time of day, hh:mm (24-hour). */
export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

export interface RulePackSelection {
  rulePack: string;
  closeOfBusiness?: string | undefined;
}

export function unknownRulePack(id: string, known: readonly string[]): RulePackError {
  return new RulePackError(`unknown rule pack "${id}": choose one of ${known.join(", ")}`);
}

/**
 * The pack `shipped` returns for COMPLAINT_RULE_PACK when set, otherwise for the file's `selection`; with
 * the deployment's close of business (COMPLAINT_CLOSE_OF_BUSINESS, then the file's) over the pack's.
 */
export function chooseRulePack<Pack extends { closeOfBusiness?: string | undefined }>(
  shipped: (id: string) => Pack,
  selection: RulePackSelection,
  env: NodeJS.ProcessEnv,
): Pack {
  const pack = shipped(env.COMPLAINT_RULE_PACK || selection.rulePack);
  const closeOfBusiness = env.COMPLAINT_CLOSE_OF_BUSINESS || selection.closeOfBusiness;
  if (closeOfBusiness === undefined) return pack;
  if (!TIME_OF_DAY.test(closeOfBusiness))
    throw new RulePackError(`close of business "${closeOfBusiness}" is not a time of day, hh:mm (24-hour)`);
  return { ...pack, closeOfBusiness };
}
