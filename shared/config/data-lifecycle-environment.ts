// The environments of the functions that look after data over its life: the reconciler and the arrivals
// it works from, and the retention purge. Read and checked once at start-up, like every other.

import * as z from "zod";
import { casePageLinkEnvironment } from "./case-page-environment";
import {
  caseTableEnvironment,
  customerMailEnvironment,
  metricsEnvironment,
  referralQueuesEnvironment,
} from "./environment";

const name = z.string().min(1);

export const reconcilerEnvironment = caseTableEnvironment
  .extend(referralQueuesEnvironment.shape)
  .extend(customerMailEnvironment.shape)
  .extend(casePageLinkEnvironment.shape)
  .extend(metricsEnvironment.shape)
  .extend({
    RAW_MAIL_BUCKET: name,
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

export type ReconcilerEnvironment = z.infer<typeof reconcilerEnvironment>;
export type MailArrivalEnvironment = z.infer<typeof mailArrivalEnvironment>;
export type RetentionEnvironment = z.infer<typeof retentionEnvironment>;
