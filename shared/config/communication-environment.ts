// The environments of the functions that keep customers informed: the follow-up timer, the mail-events
// handler and the public feedback page. Read and checked once at start-up; a missing variable stops the
// function with its name.

import * as z from "zod";
import { caseTableEnvironment, referralQueuesEnvironment } from "./environment";

/** The Secrets Manager secret (ARN or name) whose value signs and checks feedback links. */
export const feedbackSigningKeySecret = z.string().min(1);

export const followUpTimersEnvironment = caseTableEnvironment.extend(referralQueuesEnvironment.shape);

export const mailEventsEnvironment = caseTableEnvironment;

export const feedbackEnvironment = caseTableEnvironment.extend({
  ORGANISATION_NAME: z.string().min(1).optional(),
  FEEDBACK_SIGNING_KEY_SECRET: feedbackSigningKeySecret,
});

export type FollowUpTimersEnvironment = z.infer<typeof followUpTimersEnvironment>;
export type MailEventsEnvironment = z.infer<typeof mailEventsEnvironment>;
export type FeedbackEnvironment = z.infer<typeof feedbackEnvironment>;
