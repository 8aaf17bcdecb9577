// The shape of who hears about referrals and where they act on them: each level's team mailbox, the
// address notifications come from, the staff console's address for links, when several referrals become
// one digest, and which signals put a case at the front of its queue. shared/config/ loads the file
// (staff-teams.json); the deployed console's address and the sender come from the stack's environment.

import * as z from "zod";
import { validated } from "./validated";

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
  return validated(staffTeamsSchema, input, "invalid staff teams", StaffTeamsError);
}

/**
 * The teams with the deployed console's address and sender, where the stack provides them (the
 * function's environment has checked both already: an address without a trailing `/`, and an email).
 */
export function withDeployedAddresses(
  teams: StaffTeams,
  deployed: { consoleBaseUrl?: string | undefined; sender?: string | undefined },
): StaffTeams {
  return {
    ...teams,
    ...(deployed.consoleBaseUrl ? { consoleBaseUrl: deployed.consoleBaseUrl } : {}),
    ...(deployed.sender ? { sender: deployed.sender } : {}),
  };
}
