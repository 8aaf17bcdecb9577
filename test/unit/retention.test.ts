import { describe, expect, it } from "vitest";
import { defaultRetentionPolicy } from "../../shared/config/retention-policy";
import retentionPolicyJson from "../../shared/config/retention-policy.json" with { type: "json" };
import type { CaseRecord } from "../../shared/domain/case";
import type { IntakeEntry } from "../../shared/domain/intake";
import { parseRetentionPolicy, RetentionPolicyError } from "../../shared/domain/policy/retention-policy";
import {
  addYears,
  anonymisedCase,
  expiresAtSeconds,
  retentionDecision,
  uncasedInputExpired,
} from "../../shared/domain/retention";
import { sampleCase } from "./sample-case";

const policy = defaultRetentionPolicy;
const closedAt = "2026-01-15T12:00:00.000Z";

function closed(changes: Partial<CaseRecord> = {}): CaseRecord {
  return { ...structuredClone(sampleCase), status: "resolved", closedAt, ...changes };
}

const at = (iso: string) => new Date(iso);

describe("retentionDecision", () => {
  it("keeps an open case however old it is", () => {
    expect(retentionDecision(sampleCase, policy, at("2090-01-01T00:00:00Z"))).toEqual({
      action: "keep",
      reason: "open",
    });
  });

  it("keeps a closed complaint for six years from closure, then expires it", () => {
    const record = closed();

    expect(retentionDecision(record, policy, at("2032-01-15T11:59:59Z"))).toEqual({
      action: "keep",
      reason: "within-period",
      until: at("2032-01-15T12:00:00Z"),
    });
    expect(retentionDecision(record, policy, at("2032-01-15T12:00:00Z"))).toEqual({
      action: "expire",
      until: at("2032-01-15T12:00:00Z"),
    });
  });

  it("gives each case type its own period", () => {
    const compliment = closed({ classification: { ...sampleCase.classification, kind: "compliment" } });

    expect(retentionDecision(compliment, policy, at("2027-01-15T12:00:00Z")).action).toBe("expire");
    expect(retentionDecision(closed(), policy, at("2027-01-15T12:00:00Z")).action).toBe("keep");
  });

  it("keeps a case under legal hold past its period", () => {
    const held = closed({ legalHold: { by: "dpo@example.com", at: closedAt, reason: "claim" } });

    expect(retentionDecision(held, policy, at("2099-01-01T00:00:00Z"))).toEqual({
      action: "keep",
      reason: "legal-hold",
    });
  });

  it("counts from the last change of a case closed before closure times were kept", () => {
    const record = closed({ closedAt: undefined, updatedAt: "2020-03-01T00:00:00.000Z" });

    expect(retentionDecision(record, policy, at("2026-03-01T00:00:00Z")).action).toBe("expire");
  });

  it("leaves an anonymised case alone", () => {
    const record = anonymisedCase(closed(), "2032-02-01T00:00:00.000Z");

    expect(retentionDecision(record, policy, at("2099-01-01T00:00:00Z"))).toEqual({
      action: "keep",
      reason: "already-anonymised",
    });
  });
});

describe("periods and expiry", () => {
  it("adds calendar years, never less than a full year from 29 February", () => {
    expect(addYears(at("2024-02-29T00:00:00Z"), 1)).toEqual(at("2025-03-01T00:00:00Z"));
  });

  it("sets the TTL backstop a grace period after the end of retention", () => {
    const until = at("2032-01-15T12:00:00Z");

    expect(expiresAtSeconds(until, policy)).toBe(
      Math.floor(until.getTime() / 1000) + policy.ttlGraceDays * 86_400,
    );
  });

  it("expires input no case holds after its short period, once", () => {
    const entry: IntakeEntry = {
      intakeId: "mail:inbound/x",
      channel: "email",
      receivedAt: "2026-01-01T00:00:00.000Z",
      proposedCaseReference: "CS-7K3MQ092",
      source: "s3://bucket/inbound/x",
      result: { outcome: "suppressed", reason: "auto-submitted", decidedAt: "2026-01-01T00:00:00.000Z" },
    };

    expect(uncasedInputExpired(entry, policy, at("2026-03-31T23:59:59Z"))).toBe(false);
    expect(uncasedInputExpired(entry, policy, at("2026-04-01T00:00:00Z"))).toBe(true);
    expect(
      uncasedInputExpired({ ...entry, purgedAt: "2026-04-01T00:00:00.000Z" }, policy, at("2027-01-01")),
    ).toBe(false);
  });
});

describe("anonymisedCase", () => {
  it("keeps the classification, referral level and dates, and nothing that identifies the customer", () => {
    const record = closed({
      customer: {
        name: "Jo Bloggs",
        email: "jo@example.org",
        phone: "+447700900123",
        address: "1 High Street",
        postcode: "AB1 2CD",
      },
      extracted: [{ field: "phone", value: "+447700900123", source: "signature", confidence: "high" }],
      classification: {
        ...sampleCase.classification,
        evidence: [{ rule: "complaint", matched: "parcel has not arrived" }],
      },
      forwardedBy: "colleague@example.com",
      flags: { "reply-from-other-sender": { at: closedAt, detail: "a reply came from sam@example.net" } },
    });

    const remains = anonymisedCase(record, "2032-02-01T00:00:00.000Z");

    const stored = JSON.stringify(remains);
    for (const personal of [
      "Jo Bloggs",
      "jo@example.org",
      "7700900123",
      "High Street",
      "AB1",
      "Parcel",
      "parcel",
    ]) {
      expect(stored).not.toContain(personal);
    }
    expect(stored).not.toContain("example.");
    expect(remains).toMatchObject({
      reference: record.reference,
      status: "resolved",
      closedAt,
      createdAt: record.createdAt,
      classification: { kind: "complaint", category: "delivery" },
      referral: { level: "supervisor" },
      anonymisedAt: "2032-02-01T00:00:00.000Z",
    });
  });
});

describe("the retention policy", () => {
  const withComplaintYears = (years: number, regulator = "fca-disp") => ({
    ...retentionPolicyJson,
    regulator,
    caseTypes: {
      ...retentionPolicyJson.caseTypes,
      complaint: { ...retentionPolicyJson.caseTypes.complaint, retainYears: years },
    },
  });

  it("accepts the documented default and gives every case type a reason", () => {
    for (const period of Object.values(defaultRetentionPolicy.caseTypes)) {
      expect(period.basis.length).toBeGreaterThan(20);
    }
    expect(defaultRetentionPolicy.caseTypes.complaint.retainYears).toBeGreaterThanOrEqual(3);
  });

  it("refuses complaint records kept for less than FCA DISP 1.9.1R requires", () => {
    expect(() => parseRetentionPolicy(withComplaintYears(2))).toThrow(RetentionPolicyError);
    expect(() => parseRetentionPolicy(withComplaintYears(2))).toThrow(/caseTypes\.complaint\.retainYears/);
    expect(() => parseRetentionPolicy(withComplaintYears(4, "fca-disp-mifid"))).toThrow(/at least 5 years/);
    expect(parseRetentionPolicy(withComplaintYears(1, "none")).caseTypes.complaint.retainYears).toBe(1);
  });

  it("refuses unknown settings and missing case types", () => {
    expect(() => parseRetentionPolicy({ ...retentionPolicyJson, keepForever: true })).toThrow(
      RetentionPolicyError,
    );
    const { compliment: _compliment, ...caseTypes } = retentionPolicyJson.caseTypes;
    expect(() => parseRetentionPolicy({ ...retentionPolicyJson, caseTypes })).toThrow(/compliment/);
  });
});
