// Where a customer's reply belongs. Evidence is tried strongest first: the Message-IDs the reply
// answers (In-Reply-To, then References, newest first), then a case reference quoted in the subject,
// then one in the body. A reference counts only if its check character holds.

import { type InboundEmail, normaliseMessageId } from "./mail";
import { findCaseReferences } from "./reference";

export interface ThreadingClues {
  messageIds: string[];
  references: string[];
  /** Quoted references whose check character fails: noted on the case, never trusted. */
  invalidReferences: string[];
}

export function threadingClues(email: InboundEmail): ThreadingClues {
  const messageIds = [...(email.inReplyTo ? [email.inReplyTo] : []), ...[...email.references].reverse()]
    .flatMap((value) => value.match(/<[^>]+>/g) ?? [value])
    .map(normaliseMessageId)
    .filter((id, index, all) => id && all.indexOf(id) === index);
  const inSubject = findCaseReferences(email.subject);
  const inBody = findCaseReferences(email.text);
  const references = [...new Set([...inSubject.valid, ...inBody.valid])];
  const invalidReferences = [...new Set([...inSubject.invalid, ...inBody.invalid])];
  return { messageIds, references, invalidReferences };
}
