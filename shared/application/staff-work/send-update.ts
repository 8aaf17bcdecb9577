// A progress update to the customer (resolve 2.5): promise-checked, sent threaded to their latest
// message, and the quiet period starts again.

import type { StaffMember } from "../../domain/permissions";
import { renderProgressUpdate } from "../../domain/templates/letters";
import {
  type Delivery,
  deliver,
  letterheadFor,
  MailUnavailableError,
  restartQuietPeriod,
} from "../customer-mail";
import { actOnCase, fail, succeed } from "./act-on-case";
import type { LetterDependencies } from "./dependencies";
import { blockedIfUnfit } from "./letters";

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
    const timeline = await deps.cases.timeline(record.reference);
    let delivery: Delivery;
    try {
      delivery = await deliver(
        record,
        { purpose: "progress-update", eventId, rendered, automatic: undefined, sentBy: stamp.by },
        deps,
        timeline,
      );
    } catch (error) {
      if (error instanceof MailUnavailableError)
        return fail("mail-unavailable", "The mail service is not available; nothing was sent. Try again.");
      throw error;
    }
    if (!delivery.sent)
      return fail("not-sent", "The message could not be sent to the customer's address.", {
        reason: delivery.reason,
      });
    await restartQuietPeriod(record, deps.clock.now().toISOString(), deps);
    return succeed({ eventId, messageId: delivery.messageId });
  });
}
