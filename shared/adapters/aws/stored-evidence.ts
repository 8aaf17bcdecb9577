// A case's classification evidence as the case item keeps it: each piece one string, its rule and what
// matched joined by a tab, rather than a map of two named attributes. DynamoDB bills an item by its names
// as well as its values, and a case carries a dozen or more pieces of evidence: stored this way, an
// ordinary case item stays under 2 KB, two write units instead of three. A piece whose rule holds a tab
// (none of the policy's do) is kept as a map, and a map is read as it is, so items written either way
// read the same.

import type { CaseRecord, Evidence } from "../../domain/case";

const SEPARATOR = "\t";

export type StoredEvidence = string | Evidence;

export function storedEvidence(evidence: readonly Evidence[]): StoredEvidence[] {
  return evidence.map((piece) =>
    piece.rule.includes(SEPARATOR) ? piece : `${piece.rule}${SEPARATOR}${piece.matched}`,
  );
}

export function readEvidence(stored: readonly StoredEvidence[]): Evidence[] {
  return stored.map((piece) => {
    if (typeof piece !== "string") return piece;
    const at = piece.indexOf(SEPARATOR);
    return { rule: piece.slice(0, at), matched: piece.slice(at + SEPARATOR.length) };
  });
}

/** The case's attributes as its item stores them. */
export function storedCaseAttributes(record: CaseRecord): Record<string, unknown> {
  const { classification } = record;
  return {
    ...record,
    classification: { ...classification, evidence: storedEvidence(classification.evidence) },
  };
}

/** The case as read from its item, the evidence back in its domain form. */
export function readCaseAttributes(stored: CaseRecord): CaseRecord {
  const { classification } = stored;
  const evidence = classification.evidence as readonly StoredEvidence[];
  return { ...stored, classification: { ...classification, evidence: readEvidence(evidence) } };
}
