// Finding cases by what staff know (reliable 3.2/3.3): the search box and the lookup by email or
// message id. Every case found is an access to its personal data, so each is audited with the kind of
// detail that matched, never the value.

import type { StaffMember } from "../../domain/permissions";
import type { CaseStore } from "../../ports";
import { type PhoneRegion, type SearchResult, searchCases } from "../case-lookups";
import { type CaseSearch, type CaseSummary, findCases } from "../case-queries";
import { type AuditDependencies, recordAccess } from "./audit";

export type FindDependencies = AuditDependencies & { cases: CaseStore };

export async function searchForCases(
  query: string,
  region: PhoneRegion,
  member: StaffMember,
  deps: FindDependencies,
): Promise<SearchResult> {
  const result = await searchCases(query, deps.cases, region);
  if (result.found === "cases") {
    const matched = result.searched.length > 0 ? result.searched.join(",") : "reference";
    await recordAccess(
      member,
      result.cases.map((found) => found.reference),
      "found-by-search",
      deps,
      matched,
    );
  }
  return result;
}

export async function lookUpCases(
  search: CaseSearch,
  member: StaffMember,
  deps: FindDependencies,
): Promise<CaseSummary[]> {
  const found = await findCases(search, deps.cases);
  const matched = "email" in search ? "email" : "message-id";
  await recordAccess(
    member,
    found.map((summary) => summary.reference),
    "found-by-search",
    deps,
    matched,
  );
  return found;
}
