// What a function needs to put the case-page link in the letters it sends, and what the case page itself
// reads: the secret holding the one signing key, the public address of the page and how long a link works.
// The CasePage construct sets all three together on every function it binds, so they cannot drift apart.

import * as z from "zod";

export const casePageLinkEnvironment = z.object({
  /**
   * The Secrets Manager secret (ARN or name) whose value signs and checks case-page links and the page's
   * form tokens; read at run time, at least SIGNING_KEY_MIN_LENGTH characters.
   */
  CASE_PAGE_SIGNING_KEY_SECRET: z.string().min(1),
  /** The public origin serving `/case/{token}`, e.g. `https://abc.execute-api.eu-west-2.amazonaws.com`. */
  CASE_PAGE_BASE_URL: z.url().transform((url) => url.replace(/\/+$/, "")),
  CASE_PAGE_LINK_DAYS: z.coerce.number().int().positive().max(366).default(30),
});

export type CasePageLinkEnvironment = z.infer<typeof casePageLinkEnvironment>;

const name = z.string().min(1);
const positiveInteger = z.coerce.number().int().positive();

/** The case-page function: the link settings, where additions go, and its limits. */
export const casePageEnvironment = casePageLinkEnvironment.extend({
  CASE_TABLE_NAME: name,
  /** Attachments the customer adds are stored under `attachments/` in the raw-mail bucket. */
  RAW_MAIL_BUCKET: name,
  INTAKE_ADDRESS: z.email(),
  ORGANISATION_NAME: name.optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
  /** API Gateway passes at most 10 MB and Lambda 6 MB; files arrive base64-encoded. */
  CASE_PAGE_MAX_BODY_BYTES: positiveInteger.default(6 * 1024 * 1024),
  CASE_PAGE_ADDITIONS_PER_CASE_PER_HOUR: positiveInteger.default(20),
  CASE_PAGE_POSTS_PER_IP_PER_HOUR: positiveInteger.default(30),
  CASE_PAGE_LINK_REQUESTS_PER_DAY: positiveInteger.default(5),
});

export type CasePageEnvironment = z.infer<typeof casePageEnvironment>;
