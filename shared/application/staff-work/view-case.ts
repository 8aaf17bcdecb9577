// Opening a case through the same gate as acting on it: the case with its timeline and what the
// colleague may do to it now (the console shows only that). Each opening is audited.

import type { CaseRecord, TimelineEvent } from "../../domain/case";
import { type Capability, capabilitiesOnCase, type StaffMember } from "../../domain/permissions";
import { actOnCase, succeed } from "./act-on-case";
import { recordAccess } from "./audit";
import type { ReadDependencies } from "./dependencies";

export interface CaseView {
  case: CaseRecord;
  timeline: TimelineEvent[];
  /** The case capabilities the colleague may use on this case now. */
  youMay: Capability[];
}

export function viewCase(reference: string, member: StaffMember, deps: ReadDependencies) {
  return actOnCase<CaseView>("read-case", reference, member, deps, async ({ record }) => {
    const timeline = await deps.cases.timeline(record.reference);
    await recordAccess(member, [record.reference], "opened", deps);
    return succeed({ case: record, timeline, youMay: capabilitiesOnCase(member, record) });
  });
}
