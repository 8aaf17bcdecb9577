// What completing a case changes on it, kept in a small item beside the case item (same partition): the
// acknowledgement's claim and outcome, the referral intake sent, and the last contact they recorded. The
// case item (about two kilobytes, with its evidence) is then written once at intake instead of three
// times, and every reader of a case reads both and merges them here, the evidence read back from its
// stored form.

import type { Acknowledgement, CaseRecord, Referral } from "../../domain/case";
import { readCaseAttributes } from "./stored-evidence";
import { keys } from "./table-keys";

export const CASE_STATE_ITEM_TYPE = "case-state";

/** The state item's attributes, each one absent until a completion step writes it. */
export interface CaseState {
  acknowledgement?: Acknowledgement;
  /** The referral as it was sent: it stands only while the case still carries that referral. */
  referral?: Referral;
  lastContactAt?: string;
  updatedAt?: string;
}

/** The sort keys a query of the case's partition reads for the case and its state, and no others. */
export const CASE_ITEMS_PREFIX = keys.case("").sk;

export function isCaseStateKey(key: { sk: string }): boolean {
  return key.sk === keys.caseState("").sk;
}

/**
 * The case as it stands, from its item as stored (see `stored-evidence.ts`) and its state item: the state
 * item's acknowledgement replaces the one the case was created with; a referral marked sent there counts
 * only for the same level and referral id, so a later re-referral is not taken as sent; the later of each
 * time wins.
 */
export function withState(stored: CaseRecord, state: CaseState | undefined): CaseRecord {
  const record = readCaseAttributes(stored);
  if (!state) return record;
  const { referral } = record;
  const sent = state.referral;
  const sameReferral =
    sent !== undefined &&
    referral.state === "pending" &&
    sent.level === referral.level &&
    sent.referralId === referral.referralId;
  const lastContactAt = later(record.lastContactAt, state.lastContactAt);
  return {
    ...record,
    acknowledgement: state.acknowledgement ?? record.acknowledgement,
    referral: sameReferral ? { ...referral, state: "sent", sentAt: sent.sentAt } : referral,
    updatedAt: later(record.updatedAt, state.updatedAt) ?? record.updatedAt,
    ...(lastContactAt ? { lastContactAt } : {}),
  };
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/** The case reference of a case or state item, from its partition key. */
export function referenceOf(item: { pk: unknown }): string {
  return String(item.pk).slice(keys.case("").pk.length);
}
