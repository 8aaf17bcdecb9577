// Where keeping customers informed lives in the case table: commitments and once-only claims beside the
// case (`pk = CASE#<ref>`), due items by day (`pk = DUE#<yyyy-mm-dd>`, sorted by due time, so the
// timer reads a few day partitions instead of scanning), suppressed addresses by hash, and feedback by month.

import type { DueItem } from "../../domain/follow-ups";
import { keys } from "./table-keys";

export const communicationKeys = {
  commitment: (reference: string, commitmentId: string) => ({
    pk: keys.case(reference).pk,
    sk: `COMMITMENT#${commitmentId}`,
  }),
  commitmentPrefix: "COMMITMENT#",
  claim: (reference: string, key: string) => ({ pk: keys.case(reference).pk, sk: `CLAIM#${key}` }),
  dueDay: (day: string) => `DUE#${day}`,
  due: (item: DueItem) => ({
    pk: `DUE#${item.dueAt.slice(0, 10)}`,
    sk: `${item.dueAt}#${item.caseReference}#${item.kind}#${item.subjectId}`,
  }),
  suppression: (addressHash: string) => ({ pk: `SUPPRESSION#${addressHash}`, sk: "SUPPRESSION" }),
  feedbackMonth: (month: string) => `FEEDBACK#${month}`,
  feedback: (at: string, reference: string) => ({
    pk: `FEEDBACK#${at.slice(0, 7)}`,
    sk: `${at}#${reference}`,
  }),
};
