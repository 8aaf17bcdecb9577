// The environments of the functions that keep customers informed: the staff API's communication routes,
// the follow-up timer, the mail-events handler and the public feedback page. Read and checked once at
// start-up; a missing variable stops the function with its name.

import { z } from "zod";
import { casePageLinkEnvironment } from "./case-page-environment";
import { caseTableEnvironment, inboundEmailEnvironment } from "./environment";

/** The Secrets Manager secret (ARN or name) whose value signs and checks feedback links. */
const signingKeySecret = z.string().min(1);

export const staffCommunicationEnvironment = caseTableEnvironment
  .extend({
    INTAKE_ADDRESS: z.email(),
    ORGANISATION_NAME: z.string().min(1).optional(),
    SES_CONFIGURATION_SET: z.string().optional(),
    FEEDBACK_SIGNING_KEY_SECRET: signingKeySecret,
  })
  .extend(casePageLinkEnvironment.shape);

export const followUpTimersEnvironment = inboundEmailEnvironment.pick({
  CASE_TABLE_NAME: true,
  REFERRAL_QUEUE_URL_FRONTLINE: true,
  REFERRAL_QUEUE_URL_SUPERVISOR: true,
  REFERRAL_QUEUE_URL_MANAGEMENT: true,
  REFERRAL_QUEUE_URL_HEAD_OFFICE: true,
});

export const mailEventsEnvironment = caseTableEnvironment;

export const feedbackEnvironment = caseTableEnvironment.extend({
  ORGANISATION_NAME: z.string().min(1).optional(),
  FEEDBACK_SIGNING_KEY_SECRET: signingKeySecret,
});
