// Finding and retrieving cases (reliable 3.2/3.3): one search box that recognises what was typed (each
// case found is audited), a level's queue of open cases, and short-lived links to download a case's
// attachments (audited).

import { errorResponse, json } from "../../../shared/adapters/http/responses";
import { byTimeLeft } from "../../../shared/application/complaint-clocks";
import { downloadAttachment, levelQueue, searchForCases } from "../../../shared/application/staff-work";
import { REFERRAL_LEVELS, type ReferralLevel } from "../../../shared/domain/case";
import { staffAuthority } from "../../../shared/domain/permissions";
import { staff } from "../dependencies";
import { caseReference, type RouteTable, respond } from "../route";

const { attachmentLinks, policy, queues: queueDependencies, reads: readDependencies } = staff;

const SEARCH_MESSAGES = {
  unrecognised: "Search by case reference, email address, phone number, postcode or order number.",
  "mistyped-reference":
    "That case reference has a mistyped character, and no case matches a correction of it.",
  "no-match": "No case matches that.",
};

export const searchRoutes: RouteTable = {
  "GET /api/search": async (event, member) => {
    const query = event.queryStringParameters?.q ?? "";
    if (query.length > 200) return errorResponse(400, "query-too-long", "Search for at most 200 characters.");
    const region = policy.extraction.defaultRegion as Parameters<typeof searchForCases>[1];
    const result = await searchForCases(query, region, member, readDependencies);
    if (result.found === "cases") return json(200, { searched: result.searched, cases: result.cases });
    if (result.found === "suggestion") {
      return json(200, {
        cases: [],
        suggestion: result.suggestion,
        message: `No case has that reference; did you mean ${result.suggestion}?`,
      });
    }
    return json(200, { cases: [], message: SEARCH_MESSAGES[result.reason] });
  },
  "GET /api/queue": async (event, member) => {
    const requested = event.queryStringParameters?.level;
    const level = requested ?? staffAuthority(member).level;
    if (!level || !REFERRAL_LEVELS.includes(level as ReferralLevel)) {
      return errorResponse(400, "missing-level", `Choose a level: ${REFERRAL_LEVELS.join(", ")}.`);
    }
    const queue = await levelQueue(level as ReferralLevel, queueDependencies);
    const sorted = event.queryStringParameters?.sort === "time-left" ? byTimeLeft(queue) : queue;
    return json(200, { level, cases: sorted });
  },
  "GET /api/cases/{ref}/attachments/{id}": async (event, member) =>
    respond(
      await downloadAttachment(caseReference(event), event.pathParameters?.id ?? "", member, {
        ...readDependencies,
        attachmentLinks,
      }),
      200,
    ),
};
