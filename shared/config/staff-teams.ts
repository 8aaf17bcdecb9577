// Who hears about referrals and where they act on them: each level's team mailbox, the address
// notifications come from, the staff console's address for links, when several referrals become one
// digest, and which signals put a case at the front of its queue. Data (staff-teams.json), validated
// once at start-up; the deployed console's address and the sender come from the stack's environment.

import { z } from "zod";
import staffTeamsJson from "./staff-teams.json" with { type: "json" };

const team = z.strictObject({
  /** The team's shared mailbox: notifications go here, never to one person's address. */
  address: z.email(),
});

export const staffTeamsSchema = z.strictObject({
  /** The console's address, without a trailing `/`; a case is at `<consoleBaseUrl>#/cases/<reference>`. */
  consoleBaseUrl: z
    .url()
    .refine((url) => !url.endsWith("/"), "leave the trailing / off the console's address"),
  /** The address notifications are sent from. */
  sender: z.email(),
  teams: z.strictObject({
    frontline: team,
    supervisor: team,
    management: team,
    "head-office": team,
  }),
  digest: z.strictObject({
    /** Referrals for one team in one delivery that are sent as one digest instead of one email each. */
    minimumReferrals: z.number().int().min(2),
    /** The most cases one digest lists; more are split over several digests. */
    maximumCases: z.number().int().min(2).max(100),
  }),
  /** Signals that put a case ahead of older ones in its level's queue. */
  urgentSignals: z.array(z.string().regex(/^[a-z0-9-]+$/)),
});

export type StaffTeams = z.infer<typeof staffTeamsSchema>;

export class StaffTeamsError extends Error {
  override name = "StaffTeamsError";
}

export function parseStaffTeams(input: unknown): StaffTeams {
  const result = staffTeamsSchema.safeParse(input);
  if (!result.success) {
    const where = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new StaffTeamsError(`invalid staff teams: ${where}`, { cause: result.error });
  }
  return result.data;
}

export const defaultStaffTeams: StaffTeams = parseStaffTeams(staffTeamsJson);

/** The configured teams with the deployed console's address and sender, where the stack provides them. */
export function staffTeamsFor(overrides: { consoleBaseUrl?: string; sender?: string }): StaffTeams {
  return parseStaffTeams({
    ...defaultStaffTeams,
    ...(overrides.consoleBaseUrl ? { consoleBaseUrl: overrides.consoleBaseUrl } : {}),
    ...(overrides.sender ? { sender: overrides.sender } : {}),
  });
}

/** The environment of the functions that notify staff or link to the console. */
export const staffNotificationEnvironment = z.object({
  CASE_TABLE_NAME: z.string().min(1),
  /** The deployed console, e.g. `https://abc.execute-api.eu-west-2.amazonaws.com/console`. */
  CONSOLE_BASE_URL: z.url().optional(),
  NOTIFICATION_SENDER: z.email().optional(),
  ORGANISATION_NAME: z.string().min(1).optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
});

/** The staff API's environment for acting on cases: re-referral sends to every level's queue. */
export const staffWorkEnvironment = z.object({
  CASE_TABLE_NAME: z.string().min(1),
  REFERRAL_QUEUE_URL_FRONTLINE: z.url(),
  REFERRAL_QUEUE_URL_SUPERVISOR: z.url(),
  REFERRAL_QUEUE_URL_MANAGEMENT: z.url(),
  REFERRAL_QUEUE_URL_HEAD_OFFICE: z.url(),
  /** Attachments are downloaded from here through short-lived links. */
  RAW_MAIL_BUCKET: z.string().min(1),
});

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
