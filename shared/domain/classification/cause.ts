// Decides the likely cause of a problem, as the standards ask staff to: an expectation gap (what the
// customer expected differs from what we offer) or a system or procedure failure (something went wrong).
// Failure wins a tie: it is the cause staff can check and put right.

import type { LikelyCause } from "../case";

export function decideCause(hits: ReadonlyMap<string, readonly string[]>): LikelyCause {
  const failure = hits.get("system-or-procedure-failure")?.length ?? 0;
  const gap = hits.get("expectation-gap")?.length ?? 0;
  if (failure === 0 && gap === 0) return "unknown";
  return gap > failure ? "expectation-gap" : "system-or-procedure-failure";
}
