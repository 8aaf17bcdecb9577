// Each function's environment, read and checked once at start-up. A missing or malformed variable stops
// the function with the variable's name, rather than failing later inside a request.

import * as z from "zod";
import { validated } from "../domain/policy/validated";
import { casePageLinkEnvironment } from "./case-page-environment";

export class EnvironmentError extends Error {
  override name = "EnvironmentError";
}

const name = z.string().min(1);

export const caseTableEnvironment = z.object({ CASE_TABLE_NAME: name });

/** What every function that counts things writes its metrics under; HeedFunction sets both. */
export const metricsEnvironment = z.object({
  POWERTOOLS_METRICS_NAMESPACE: name.default("Heed/local"),
  POWERTOOLS_SERVICE_NAME: name,
});

/** Every function that refers cases sends to all four levels' queues. */
export const referralQueuesEnvironment = z.object({
  REFERRAL_QUEUE_URL_FRONTLINE: z.url(),
  REFERRAL_QUEUE_URL_SUPERVISOR: z.url(),
  REFERRAL_QUEUE_URL_MANAGEMENT: z.url(),
  REFERRAL_QUEUE_URL_HEAD_OFFICE: z.url(),
});

/** What a function that writes to customers signs its mail with and sends it through. */
export const customerMailEnvironment = z.object({
  INTAKE_ADDRESS: z.email(),
  ORGANISATION_NAME: name.optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
});

export const inboundEmailEnvironment = caseTableEnvironment
  .extend(referralQueuesEnvironment.shape)
  .extend(customerMailEnvironment.shape)
  .extend({
    RAW_MAIL_BUCKET: name,
    MAX_RAW_MAIL_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(40 * 1024 * 1024),
  })
  .extend(casePageLinkEnvironment.shape)
  .extend(metricsEnvironment.shape);

export type InboundEmailEnvironment = z.infer<typeof inboundEmailEnvironment>;

const positiveInteger = z.coerce.number().int().positive();

/** A comma-separated list of `item`s; unset or empty is an empty list. */
export function commaSeparated<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .default("")
    .transform((list) =>
      list
        .split(",")
        .map((value) => value.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
}

export function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export const webFormEnvironment = caseTableEnvironment
  .extend(referralQueuesEnvironment.shape)
  .extend(customerMailEnvironment.shape)
  .extend(casePageLinkEnvironment.shape)
  .extend({
    /**
     * The Secrets Manager secret (ARN or name) whose value signs the page's render time and keys the
     * hashes in rate-limit counters; read at run time, at least SIGNING_KEY_MIN_LENGTH characters.
     */
    FORM_SIGNING_KEY_SECRET: z.string().min(1),
    /** Comma-separated exact origins, besides the API's own, that may post the form. */
    ALLOWED_ORIGINS: commaSeparated(
      z.string().refine(isOrigin, "an origin like https://www.example.com, without a path"),
    ),
    FORM_MIN_SECONDS: z.coerce.number().int().nonnegative().default(3),
    FORM_MAX_BODY_BYTES: positiveInteger.default(64 * 1024),
    FORM_POSTS_PER_IP_PER_HOUR: positiveInteger.default(30),
    FORM_POSTS_PER_EMAIL_PER_DAY: positiveInteger.default(10),
  });

export type WebFormEnvironment = z.infer<typeof webFormEnvironment>;

export function readEnvironment<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<T> {
  return validated(schema, env, "invalid environment", EnvironmentError);
}

/** The shortest signing key Heed accepts from a secret. */
export const SIGNING_KEY_MIN_LENGTH = 32;
