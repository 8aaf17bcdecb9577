// The single-table layout of the case table: every item type and the keys it lives under.
// Lookups are items of their own (not a GSI), so reads that thread replies are strongly consistent.

import type { LookupKind } from "../../ports";

export const keys = {
  case: (reference: string) => ({ pk: `CASE#${reference}`, sk: "CASE" }),
  event: (reference: string, eventId: string) => ({ pk: `CASE#${reference}`, sk: `EVENT#${eventId}` }),
  eventPrefix: "EVENT#",
  lookup: (kind: LookupKind, value: string, reference: string) => ({
    pk: lookupPartition(kind, value),
    sk: `CASE#${reference}`,
  }),
  customer: (email: string) => ({ pk: `CUSTOMER#${email}`, sk: "CUSTOMER" }),
  intake: (intakeId: string) => ({ pk: `INTAKE#${intakeId}`, sk: "INTAKE" }),
  /** A delivered message's identity, hashed: the first intake of that message within the window. */
  delivery: (identityHash: string) => ({ pk: `DELIVERY#${identityHash}`, sk: "DELIVERY" }),
  /** One partition lists quarantined inputs, newest last; quarantine is rare, so it stays small. */
  quarantine: (intakeId: string) => ({ pk: "QUARANTINE", sk: `INTAKE#${intakeId}` }),
  /** One counter per theme: its cases per period and a sample of the latest ones. */
  themeCount: (theme: string) => ({ pk: `THEME#${theme}`, sk: "COUNT" }),
  themeAlert: (alertId: string) => ({ pk: `THEME-ALERT#${alertId}`, sk: "ALERT" }),
  /** Raw mail SES reported storing, whatever became of its S3 event. */
  arrival: (intakeId: string) => ({ pk: `ARRIVAL#${intakeId}`, sk: "ARRIVAL" }),
  /** When the reconciler last finished a run: where its next window may have to reach back to. */
  reconcilerCheckpoint: { pk: "RECONCILER", sk: "CHECKPOINT" },
  notification: (notificationId: string) => ({ pk: `NOTIFICATION#${notificationId}`, sk: "NOTIFICATION" }),
  acknowledgementQuota: (senderHash: string, day: string) => ({
    pk: `ACKQUOTA#${senderHash}#${day}`,
    sk: "QUOTA",
  }),
};

export function lookupPartition(kind: LookupKind, value: string): string {
  return `LOOKUP#${kind}#${value.toLowerCase()}`;
}
