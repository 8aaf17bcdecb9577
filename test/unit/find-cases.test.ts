// Finding cases by what staff know: every case found is audited as found by a search, with the kind of
// detail that matched and never the value typed.
import { beforeEach, describe, expect, it } from "vitest";
import { lookUpCases, searchForCases } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase } from "./support/staff-work";

const sam = colleague("supervisor", "sam");
const work = freshEachTest(staffWorkOnSampleCase);

beforeEach(async () => {
  await work.cases.addLookup("email", "jo@example.org", REFERENCE);
  await work.cases.addLookup("message-id", "abc@example.org", REFERENCE);
});

describe("searchForCases", () => {
  it("finds the case by the customer's email and audits the kind of detail, not the address", async () => {
    const result = await searchForCases("Jo@Example.org", "GB", sam, work.reads);

    expect(result).toMatchObject({ found: "cases", searched: ["email"], cases: [{ reference: REFERENCE }] });
    expect(work.access.accesses).toEqual([
      expect.objectContaining({ caseReference: REFERENCE, what: "found-by-search", detail: "email" }),
    ]);
    expect(JSON.stringify(work.access.accesses)).not.toContain("jo@example.org");
  });

  it("finds a case by its reference, and audits nothing when nothing is found", async () => {
    const byReference = await searchForCases(REFERENCE.toLowerCase(), "GB", sam, work.reads);
    const access = work.access.accesses.splice(0);
    const nothing = await searchForCases("nobody@example.org", "GB", sam, work.reads);

    expect(byReference).toMatchObject({ found: "cases", cases: [{ reference: REFERENCE }] });
    expect(access).toEqual([expect.objectContaining({ detail: "reference" })]);
    expect(nothing).toEqual({ found: "nothing", reason: "no-match" });
    expect(work.access.accesses).toEqual([]);
  });
});

describe("lookUpCases", () => {
  it("looks cases up by email or message id and audits each found case with what matched", async () => {
    const byEmail = await lookUpCases({ email: "JO@example.org" }, sam, work.reads);
    const byMessageId = await lookUpCases({ messageId: "<abc@example.org>" }, sam, work.reads);

    expect(byEmail).toEqual([
      {
        reference: REFERENCE,
        subject: "Parcel not arrived",
        status: "open",
        createdAt: "2026-11-23T10:00:00.000Z",
        kind: "complaint",
        referralLevel: "supervisor",
      },
    ]);
    expect(byMessageId).toEqual(byEmail);
    expect(work.access.accesses.map((access) => access.detail)).toEqual(["email", "message-id"]);
  });
});
