// Finding and retrieving cases (reliable 3.2/3.3): one search box that recognises what was typed, a
// level's queue of open cases, and short-lived links to download a case's attachments.

import { json, problem } from "../../../shared/adapters/http/responses";
import { searchCases } from "../../../shared/application/case-lookups";
import { byTimeLeft } from "../../../shared/application/complaint-clocks";
import { levelQueue } from "../../../shared/application/staff-actions";
import { REFERRAL_LEVELS, type ReferralLevel } from "../../../shared/domain/case";
import { parseReference } from "../../../shared/domain/reference";
import { staffAuthority } from "../../../shared/domain/staff-roles";
import { cases } from "../dependencies";
import { type RouteTable, staffMember } from "../route";
import { attachmentLinks, policy, queueDependencies } from "../work-dependencies";

const LINK_SECONDS = 300;
const SEARCH_MESSAGES = {
  unrecognised: "Search by case reference, email address, phone number, postcode or order number.",
  "mistyped-reference":
    "That case reference has a mistyped character, and no case matches a correction of it.",
  "no-match": "No case matches that.",
};

export const searchRoutes: RouteTable = {
  "GET /api/search": async (event) => {
    const query = event.queryStringParameters?.q ?? "";
    if (query.length > 200) return problem(400, "query-too-long", "Search for at most 200 characters.");
    const region = policy.extraction.defaultRegion as Parameters<typeof searchCases>[2];
    const result = await searchCases(query, cases, region);
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
  "GET /api/queue": async (event) => {
    const requested = event.queryStringParameters?.level;
    const level = requested ?? staffAuthority(staffMember(event)).level;
    if (!level || !REFERRAL_LEVELS.includes(level as ReferralLevel)) {
      return problem(400, "missing-level", `Choose a level: ${REFERRAL_LEVELS.join(", ")}.`);
    }
    const queue = await levelQueue(level as ReferralLevel, queueDependencies);
    const sorted = event.queryStringParameters?.sort === "time-left" ? byTimeLeft(queue) : queue;
    return json(200, { level, cases: sorted });
  },
  "GET /api/cases/{ref}/attachments/{id}": async (event) => {
    const parsed = parseReference(event.pathParameters?.ref ?? "");
    if (!parsed.valid) return problem(400, "invalid-reference", "That is not a valid case reference.");
    const id = event.pathParameters?.id ?? "";
    const timeline = await cases.timeline(parsed.reference);
    const attachment = timeline
      .flatMap((item) => (item.type === "message-received" ? item.attachments : []))
      .find((candidate) => candidate.storageKey === `attachments/${parsed.reference}/${id}`);
    if (!attachment) return problem(404, "attachment-not-found", "The case has no attachment with that id.");
    const url = await attachmentLinks.downloadUrl(
      attachment.storageKey,
      attachment.displayName,
      LINK_SECONDS,
    );
    return json(200, { url, expiresInSeconds: LINK_SECONDS, filename: attachment.displayName });
  },
};
