// Loads who hears about referrals and where they act on them (staff-teams.json, the documented example)
// and validates it when this module loads.

import { parseStaffTeams, type StaffTeams } from "../domain/policy/staff-teams";
import staffTeamsJson from "./staff-teams.json" with { type: "json" };

export const defaultStaffTeams: StaffTeams = parseStaffTeams(staffTeamsJson);
