// Loads who hears about referrals and where they act on them (staff-teams.json, the documented example)
// and validates it when this module loads.

import { parseStaffTeams, type StaffTeams } from "../domain/policy/staff-teams";
import staffTeamsJson from "./staff-teams.json" with { type: "json" };

// Marked pure for the bundler: a function that never reads it leaves the file and its validation out.
export const defaultStaffTeams: StaffTeams = /* @__PURE__ */ parseStaffTeams(staffTeamsJson);
