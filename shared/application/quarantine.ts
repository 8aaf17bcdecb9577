// Staff review of quarantined input: list what was held back and why, and release a message after
// review so intake processes it again (with relaxed budgets). The release is kept on the ledger entry.

import type { IntakeEntry } from "../domain/intake";
import type { IntakeLedger, IntakeQueue, RawMailLocation } from "../ports";

export type ReleaseResult =
  | { released: true }
  | { released: false; reason: "not-found" | "not-quarantined" | "not-email" };

function locationOf(entry: IntakeEntry): RawMailLocation | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(entry.source);
  return match?.[1] && match[2] ? { bucket: match[1], key: match[2] } : undefined;
}

export async function releaseQuarantined(
  intakeId: string,
  releasedBy: string,
  at: string,
  deps: { ledger: IntakeLedger; intakeQueue: IntakeQueue },
): Promise<ReleaseResult> {
  const entry = await deps.ledger.get(intakeId);
  if (!entry) return { released: false, reason: "not-found" };
  const location = locationOf(entry);
  if (!location) return { released: false, reason: "not-email" };
  if (!(await deps.ledger.release(intakeId, releasedBy, at)))
    return { released: false, reason: "not-quarantined" };
  await deps.intakeQueue.redrive(location);
  return { released: true };
}
