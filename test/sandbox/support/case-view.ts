// The staff API's case view as tests read it, typed with Heed's own domain types, plus a helper that
// picks timeline events of one type.

import type { CaseRecord, TimelineEvent } from "../../../shared/domain/case";

export interface CaseView {
  case: CaseRecord;
  timeline: TimelineEvent[];
}

export function eventsOf<T extends TimelineEvent["type"]>(
  timeline: TimelineEvent[],
  type: T,
): Extract<TimelineEvent, { type: T }>[] {
  return timeline.filter((event): event is Extract<TimelineEvent, { type: T }> => event.type === type);
}
