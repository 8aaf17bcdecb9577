// An internal note on a case, at any level and after it has closed: notes never reach the customer.

import type { StaffMember } from "../../domain/permissions";
import { actOnCase } from "./act-on-case";
import { eventBase, recorded } from "./case-changes";
import type { CaseChangeDependencies } from "./dependencies";

export interface NoteInput {
  text: string;
}

export function addNote(
  reference: string,
  input: NoteInput,
  member: StaffMember,
  deps: CaseChangeDependencies,
) {
  return actOnCase("add-note", reference, member, deps, async ({ record, stamp }) => {
    await deps.changes.noteStaffAction(record.reference, stamp.at);
    return recorded(
      { ...eventBase(record.reference, "note", stamp, deps), type: "note-added", text: input.text },
      deps,
    );
  });
}
