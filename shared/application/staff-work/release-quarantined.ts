// Releasing quarantined mail after review. Who may release depends on why it was held: a virus verdict
// only by an admin, an erased person's mail only by head office, anything else by supervisors and up.

import type { IntakeEntry } from "../../domain/intake";
import { type Capability, permit, type StaffMember } from "../../domain/permissions";
import type { Clock, IntakeLedger, IntakeQueue } from "../../ports";
import { releaseQuarantined } from "../quarantine";
import { fail, type StaffWorkResult, succeed } from "./act-on-case";

export function releaseCapability(entry: IntakeEntry): Capability {
  const reason = entry.result?.outcome === "quarantined" ? entry.result.reason : undefined;
  if (reason === "virus") return "override-virus-verdict";
  if (reason === "erased-person") return "release-erased-person";
  return "release-quarantine";
}

export async function releaseQuarantinedMail(
  intakeId: string,
  member: StaffMember,
  deps: { ledger: IntakeLedger; intakeQueue: IntakeQueue; clock: Clock },
): Promise<StaffWorkResult<{ intakeId: string; status: "released" }>> {
  const entry = await deps.ledger.get(intakeId);
  if (!entry) return fail("intake-not-found", "No intake entry has that id.");
  const permission = permit(releaseCapability(entry), member);
  if (!permission.allowed) return fail("refused", permission.reason);
  const result = await releaseQuarantined(intakeId, member.id, deps.clock.now().toISOString(), deps);
  if (result.released) return succeed({ intakeId, status: "released" });
  if (result.reason === "not-found") return fail("intake-not-found", "No intake entry has that id.");
  return fail(result.reason, "Only a quarantined email can be released.");
}
