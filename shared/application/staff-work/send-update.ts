// A progress update to the customer (resolve 2.5): promise-checked, sent threaded to their latest
// message, and the quiet period starts again.

import type { StaffMember } from "../../domain/permissions";
import { renderProgressUpdate } from "../../domain/templates/letters";
import { letterheadFor, restartQuietPeriod } from "../customer-mail";
import { actOnCase, succeed } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";
import { blockedIfUnfit, sendLetterNow } from "./letters";

export interface ProgressUpdateInput {
  text: string;
}

export interface SentLetter {
  eventId: string;
  messageId: string;
}

export function sendProgressUpdate(
  reference: string,
  input: ProgressUpdateInput,
  member: StaffMember,
  deps: LetterDependencies,
) {
  return actOnCase<SentLetter>("send-update", reference, member, deps, async ({ record, stamp }) => {
    const rendered = renderProgressUpdate(record, letterheadFor(record, deps), input.text);
    const blocked = await blockedIfUnfit(
      record,
      "progress-update",
      { text: input.text },
      rendered,
      stamp,
      deps,
    );
    if (blocked) return blocked;
    const eventId = `letter:update:${deps.newId()}`;
    const sent = await sendLetterNow(
      record,
      { purpose: "progress-update", eventId, rendered, automatic: undefined, sentBy: stamp.by },
      deps,
    );
    if (!sent.ok) return sent;
    await restartQuietPeriod(record, deps.clock.now().toISOString(), deps);
    return succeed({ eventId, messageId: sent.value.messageId });
  });
}
