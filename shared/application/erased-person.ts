// Every channel asks the same question before it records anything: was this person's data erased? A
// tombstone holds back email, form posts and staff reports alike, so no route rebuilds an erased record;
// an entry staff released from quarantine has been looked at and goes ahead.

import type { IntakeEntry } from "../domain/intake";
import { normaliseEmailAddress } from "../domain/mail";
import type { AddressStanding, AddressStandings, Tombstones } from "../ports";

export async function isErasedPerson(
  email: string,
  entry: Pick<IntakeEntry, "release">,
  tombstones: Pick<Tombstones, "covers">,
): Promise<boolean> {
  if (entry.release) return false;
  return tombstones.covers("email", normaliseEmailAddress(email));
}

/**
 * The same question as email intake asks it, together with the one the acknowledgement would ask later:
 * whether mail to the new case's customer is suppressed. One read answers both.
 */
export function emailAddressStanding(
  sender: string,
  customer: string,
  entry: Pick<IntakeEntry, "release">,
  standings: AddressStandings,
): Promise<AddressStanding> {
  return standings.read({
    ...(entry.release ? {} : { sender: normaliseEmailAddress(sender) }),
    customer,
  });
}
