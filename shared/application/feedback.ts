// The customer's answer to the feedback request that came with a resolved outcome (resolve 1.5, 1.6,
// 2.7): the signed link opens a one-question page; the answer is kept on the case, on its timeline and in
// a monthly report staff can read. One answer per outcome: a second post finds it already given.

import * as z from "zod";
import type { CaseRecord } from "../domain/case";
import type { CaseFeedback, FeedbackReportEntry, FeedbackSummary, Rating } from "../domain/outcomes";
import { summariseFeedback } from "../domain/outcomes";
import type { Policy } from "../domain/policy/organisation-policy";
import { type FeedbackPageView, MAX_COMMENT_LENGTH } from "../domain/templates/feedback-page";
import { catalogueFor } from "../domain/templates/letter-language";
import type { CaseCommunicationStore, CaseStore, Clock, FeedbackTokens, Log } from "../ports";

export interface FeedbackDependencies {
  cases: CaseStore;
  store: CaseCommunicationStore;
  tokens: FeedbackTokens;
  clock: Clock;
  log: Log;
  policy: Policy;
}

/** The form's fields exactly: anything else in the post is refused. */
export const feedbackAnswer = z.strictObject({
  rating: z.enum(["1", "2", "3", "4", "5"]),
  comment: z.string().max(MAX_COMMENT_LENGTH).optional(),
});

type Opened =
  | { open: true; record: CaseRecord; outcomeId: string; view: FeedbackPageView }
  | { open: false; view: FeedbackPageView };

async function openLink(token: string, deps: FeedbackDependencies): Promise<Opened> {
  const organisationName = deps.policy.organisation.name;
  const reading = deps.tokens.read(token, deps.clock.now());
  const record =
    reading.valid || reading.reason === "expired"
      ? await deps.cases.getCase(reading.claims.caseReference)
      : undefined;
  const catalogue = catalogueFor(record?.language);
  const view = (state: FeedbackPageView["state"]): FeedbackPageView => ({
    state,
    catalogue,
    organisationName,
    ...(record ? { reference: record.reference } : {}),
  });
  if (!reading.valid)
    return { open: false, view: view(reading.reason === "expired" && record ? "expired" : "invalid") };
  if (!record || record.anonymisedAt) return { open: false, view: view("invalid") };
  // The case was reopened and resolved again: the newer letter carries the link that counts.
  if (record.outcome?.outcomeId !== reading.claims.outcomeId) return { open: false, view: view("expired") };
  if (record.feedback?.outcomeId === reading.claims.outcomeId) {
    await completeRecord(record, record.feedback, deps);
    return { open: false, view: view("already-given") };
  }
  return { open: true, record, outcomeId: reading.claims.outcomeId, view: view("form") };
}

export async function openFeedback(token: string, deps: FeedbackDependencies): Promise<FeedbackPageView> {
  return (await openLink(token, deps)).view;
}

/** The timeline entry and the report line for feedback already on the case; both are written once. */
async function completeRecord(record: CaseRecord, feedback: CaseFeedback, deps: FeedbackDependencies) {
  await deps.cases.appendEvent({
    type: "feedback-received",
    caseReference: record.reference,
    eventId: `feedback:${feedback.outcomeId}`,
    at: feedback.at,
    feedback,
  });
  await deps.store.addToFeedbackReport({
    ...feedback,
    caseReference: record.reference,
    kind: record.classification.kind,
    category: record.classification.category,
    level: record.referral.level,
  });
}

export async function submitFeedback(
  token: string,
  fields: Record<string, unknown>,
  deps: FeedbackDependencies,
): Promise<FeedbackPageView> {
  const opened = await openLink(token, deps);
  if (!opened.open) return opened.view;
  const answer = feedbackAnswer.safeParse(fields);
  if (!answer.success) {
    const comment = typeof fields.comment === "string" ? fields.comment : "";
    return {
      ...opened.view,
      error: comment.length > MAX_COMMENT_LENGTH ? "commentTooLong" : "ratingRequired",
      comment: comment.slice(0, MAX_COMMENT_LENGTH),
    };
  }
  const comment = answer.data.comment?.trim();
  const feedback: CaseFeedback = {
    outcomeId: opened.outcomeId,
    rating: Number(answer.data.rating) as Rating,
    ...(comment ? { comment } : {}),
    at: deps.clock.now().toISOString(),
  };
  if (!(await deps.store.recordFeedback(opened.record.reference, feedback))) {
    return { ...opened.view, state: "already-given" };
  }
  await completeRecord(opened.record, feedback, deps);
  deps.log.info("feedback recorded", { caseReference: opened.record.reference, rating: feedback.rating });
  return { ...opened.view, state: "thanks" };
}

export interface FeedbackReport extends FeedbackSummary {
  month: string;
  entries: FeedbackReportEntry[];
}

export async function feedbackReport(
  month: string,
  store: Pick<CaseCommunicationStore, "feedbackReport">,
): Promise<FeedbackReport> {
  const entries = await store.feedbackReport(month);
  return { month, ...summariseFeedback(entries), entries };
}
