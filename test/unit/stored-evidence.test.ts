// A case's evidence as its item stores it: one string a piece, read back whole, and smaller by DynamoDB's
// sizing than the map of two named attributes it replaces, which is what keeps a case item under 2 KB.

import { marshall } from "@aws-sdk/util-dynamodb";
import { describe, expect, it } from "vitest";
import {
  readCaseAttributes,
  readEvidence,
  storedCaseAttributes,
  storedEvidence,
} from "../../shared/adapters/aws/stored-evidence";
import type { CaseRecord } from "../../shared/domain/case";
import { itemSize } from "../bench/aws-traffic";
import { sampleCase } from "./sample-case";

const EVIDENCE = [
  { rule: "decision:kind", matched: "complaint: explicit: fed up; learned (94 %)" },
  { rule: "dissatisfaction:explicit", matched: "fed up" },
  { rule: "kind:problem", matched: "has not\tarrived" },
  { rule: "cause:unknown", matched: "" },
];

describe("stored evidence", () => {
  it("stores each piece as its rule and what matched joined by a tab, and reads it back whole", () => {
    const stored = storedEvidence(EVIDENCE);

    expect(stored).toEqual([
      "decision:kind\tcomplaint: explicit: fed up; learned (94 %)",
      "dissatisfaction:explicit\tfed up",
      "kind:problem\thas not\tarrived",
      "cause:unknown\t",
    ]);
    expect(readEvidence(stored)).toEqual(EVIDENCE);
  });

  it("keeps a piece whose rule holds a tab as a map, and reads maps as they are", () => {
    const odd = { rule: "kind:\tproblem", matched: "x" };

    expect(storedEvidence([odd])).toEqual([odd]);
    expect(readEvidence([odd, "kind:problem\ty"])).toEqual([odd, { rule: "kind:problem", matched: "y" }]);
  });

  it("reads a case item back as the case it was written from, fifteen bytes a piece smaller than maps", () => {
    const record: CaseRecord = {
      ...structuredClone(sampleCase),
      classification: { ...sampleCase.classification, evidence: EVIDENCE },
    };
    // As the wire carries it: the case has no binary attributes, the one place the two forms differ.
    const size = (attributes: object) =>
      itemSize(marshall(attributes, { removeUndefinedValues: true }) as Parameters<typeof itemSize>[0]);

    const stored = storedCaseAttributes(record);

    expect(readCaseAttributes(stored as unknown as CaseRecord)).toEqual(record);
    expect(size(record) - size(stored)).toBe(15 * EVIDENCE.length);
  });
});
