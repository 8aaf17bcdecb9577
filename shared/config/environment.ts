// Each function's environment, read and checked once at start-up. A missing or malformed variable stops
// the function with the variable's name, rather than failing later inside a request.

import { z } from "zod";

export class EnvironmentError extends Error {
  override name = "EnvironmentError";
}

const name = z.string().min(1);

export const caseTableEnvironment = z.object({ CASE_TABLE_NAME: name });

export const inboundEmailEnvironment = caseTableEnvironment.extend({
  RAW_MAIL_BUCKET: name,
  REFERRAL_QUEUE_URL_FRONTLINE: z.url(),
  REFERRAL_QUEUE_URL_SUPERVISOR: z.url(),
  REFERRAL_QUEUE_URL_MANAGEMENT: z.url(),
  REFERRAL_QUEUE_URL_HEAD_OFFICE: z.url(),
  INTAKE_ADDRESS: z.email(),
  ORGANISATION_NAME: name.optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
  MAX_RAW_MAIL_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(40 * 1024 * 1024),
});

export function readEnvironment<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new EnvironmentError(`invalid environment: ${problems}`, { cause: result.error });
  }
  return result.data;
}
