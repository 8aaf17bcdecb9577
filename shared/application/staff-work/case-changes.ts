// What the actions that change a case share: an event id from the stamp, and recording the event, the
// report row and the log line once the change is made.

import type { TimelineEvent } from "../../domain/case";
import { recordCaseReport } from "../reports";
import { fail, NOT_FOUND, type StaffWorkResult, type Stamp, succeed } from "./act-on-case";
import type { CaseChangeDependencies } from "./dependencies";

export interface Recorded {
  event: TimelineEvent;
}

/** The stamp, the case and an event id that is stable for this one change. */
export function eventBase(reference: string, type: string, stamp: Stamp, deps: { newId: () => string }) {
  return { caseReference: reference, eventId: `${type}:${stamp.at}:${deps.newId().slice(0, 8)}`, ...stamp };
}

/** Records the event, brings the report row up to date and answers with the event. */
export async function recorded(
  event: TimelineEvent,
  deps: CaseChangeDependencies,
): Promise<StaffWorkResult<Recorded>> {
  await deps.cases.appendEvent(event);
  const record = await deps.cases.getCase(event.caseReference);
  if (!record) return fail("case-not-found", NOT_FOUND);
  await recordCaseReport(record, deps.reports);
  deps.log.info("staff action recorded", { caseReference: event.caseReference, action: event.type });
  return succeed({ event });
}
