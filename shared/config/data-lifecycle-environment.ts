// The environments of the functions that look after data over its life: the reconciler and the arrivals
// it works from, the retention purge, and the staff API's subject-rights routes. Read and checked once at start-up, like every other.

import { z } from "zod";
import { casePageLinkEnvironment } from "./case-page-environment";
import {
  caseTableEnvironment,
  inboundEmailEnvironment,
  metricsEnvironment,
  staffApiEnvironment,
} from "./environment";

const name = z.string().min(1);
const urlList = z
  .string()
  .default("")
  .transform((list) =>
    list
      .split(",")
      .map((url) => url.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()));

export const reconcilerEnvironment = inboundEmailEnvironment
  .pick({
    CASE_TABLE_NAME: true,
    RAW_MAIL_BUCKET: true,
    REFERRAL_QUEUE_URL_FRONTLINE: true,
    REFERRAL_QUEUE_URL_SUPERVISOR: true,
    REFERRAL_QUEUE_URL_MANAGEMENT: true,
    REFERRAL_QUEUE_URL_HEAD_OFFICE: true,
    INTAKE_ADDRESS: true,
    ORGANISATION_NAME: true,
    SES_CONFIGURATION_SET: true,
  })
  .extend(casePageLinkEnvironment.shape)
  .extend(metricsEnvironment.shape)
  .extend({
    INTAKE_QUEUE_URL: z.url(),
    /** The key prefix SES stores raw mail under. */
    RAW_MAIL_PREFIX: name,
    /** Work this old without its outcome is stuck: far longer than any function's timeout. */
    RECONCILE_LEASE_MINUTES: z.coerce.number().int().positive().default(15),
    /** A referral whose team has not been notified this long after it was sent is sent again, once. */
    RECONCILE_NOTIFY_WITHIN_MINUTES: z.coerce.number().int().positive().default(15),
    /** How many hours of recent work each run looks at (runs are 15 minutes apart, so they overlap). */
    RECONCILE_WINDOW_HOURS: z.coerce.number().int().positive().default(6),
  });

/** SES's second receipt action, which records each stored message's arrival for the reconciler. */
export const mailArrivalEnvironment = caseTableEnvironment.extend({
  RAW_MAIL_BUCKET: name,
  /** The key prefix SES stores raw mail under. */
  RAW_MAIL_PREFIX: name,
});

export const retentionEnvironment = caseTableEnvironment
  .extend(metricsEnvironment.shape)
  .extend({ RAW_MAIL_BUCKET: name });

export const subjectRightsEnvironment = staffApiEnvironment.extend({
  RAW_MAIL_BUCKET: name,
  /** Comma-separated URLs of the dead-letter queues a person's data may be parked in. */
  DEAD_LETTER_QUEUE_URLS: urlList,
});

export type ReconcilerEnvironment = z.infer<typeof reconcilerEnvironment>;
export type MailArrivalEnvironment = z.infer<typeof mailArrivalEnvironment>;
export type RetentionEnvironment = z.infer<typeof retentionEnvironment>;
export type SubjectRightsEnvironment = z.infer<typeof subjectRightsEnvironment>;
