// The environments of the functions staff use: the staff API (one schema for every route, read once),
// the referral notifier that mails the teams, and the console's sign-in. Read and checked once at
// start-up; a missing variable stops the function with its name.

import * as z from "zod";
import { casePageLinkEnvironment } from "./case-page-environment";
import { feedbackSigningKeySecret } from "./communication-environment";
import {
  caseTableEnvironment,
  commaSeparated,
  customerMailEnvironment,
  metricsEnvironment,
  referralQueuesEnvironment,
} from "./environment";

/** Everything any staff API route needs: cases, re-referral, letters, attachments and subject rights. */
export const staffApiEnvironment = caseTableEnvironment
  .extend(referralQueuesEnvironment.shape)
  .extend(customerMailEnvironment.shape)
  .extend(casePageLinkEnvironment.shape)
  .extend({
    /** Attachments are downloaded from here through short-lived links; subject access reads raw mail. */
    RAW_MAIL_BUCKET: z.string().min(1),
    /** Released quarantine goes back through intake. */
    INTAKE_QUEUE_URL: z.url(),
    FEEDBACK_SIGNING_KEY_SECRET: feedbackSigningKeySecret,
    /** Comma-separated URLs of the dead-letter queues a person's data may be parked in. */
    DEAD_LETTER_QUEUE_URLS: commaSeparated(z.url()),
  });

export type StaffApiEnvironment = z.infer<typeof staffApiEnvironment>;

/** The environment of the functions that notify staff or link to the console. */
export const staffNotificationEnvironment = metricsEnvironment.extend({
  CASE_TABLE_NAME: z.string().min(1),
  /** The deployed console, e.g. `https://abc.execute-api.eu-west-2.amazonaws.com/console`. */
  CONSOLE_BASE_URL: z
    .url()
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  NOTIFICATION_SENDER: z.email().optional(),
  ORGANISATION_NAME: z.string().min(1).optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
});

export type StaffNotificationEnvironment = z.infer<typeof staffNotificationEnvironment>;

/**
 * The staff console's sign-in: Cognito's hosted sign-in (domain, app client and the console's own
 * address as the redirect) in AWS, or a development sign-in path, which only the local sandbox sets.
 */
export const staffConsoleEnvironment = z
  .object({
    CONSOLE_SIGN_IN_DOMAIN: z.url().optional(),
    CONSOLE_CLIENT_ID: z.string().min(1).optional(),
    CONSOLE_REDIRECT_URI: z.url().optional(),
    CONSOLE_DEV_SIGN_IN_PATH: z
      .string()
      .regex(/^\/[a-z0-9/-]+$/)
      .optional(),
  })
  .refine(
    (env) =>
      env.CONSOLE_DEV_SIGN_IN_PATH !== undefined ||
      (env.CONSOLE_SIGN_IN_DOMAIN && env.CONSOLE_CLIENT_ID && env.CONSOLE_REDIRECT_URI),
    "set CONSOLE_SIGN_IN_DOMAIN, CONSOLE_CLIENT_ID and CONSOLE_REDIRECT_URI (or, locally, CONSOLE_DEV_SIGN_IN_PATH)",
  );
