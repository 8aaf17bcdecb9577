// Opening a case goes through the same gate as acting on it: the case, its timeline and what the
// colleague may do to it now, with the opening audited as an access to personal data.
import { describe, expect, it } from "vitest";
import { viewCase } from "../../shared/application/staff-work";
import { newReference } from "../../shared/domain/reference";
import { freshEachTest } from "./support/fresh-each-test";
import { REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase, WORK_AT } from "./support/staff-work";

const work = freshEachTest(staffWorkOnSampleCase);

describe("viewCase", () => {
  it("shows the case and its timeline with what the colleague may do, and audits the opening", async () => {
    const sam = colleague("supervisor", "sam");

    const result = await viewCase(REFERENCE, sam, work.reads);

    if (!result.ok) throw new Error(result.failure.message);
    expect(result.value.case.reference).toBe(REFERENCE);
    expect(result.value.timeline.map((event) => event.type)).toEqual(["message-received"]);
    expect(result.value.youMay).toEqual(expect.arrayContaining(["take-case", "take-over", "send-update"]));
    expect(work.access.accesses).toEqual([
      {
        caseReference: REFERENCE,
        accessId: "00000000-0000-4000-8000-000000000001",
        at: WORK_AT,
        by: sam.id,
        role: "supervisor",
        what: "opened",
      },
    ]);
  });

  it("lets a colleague below the case's level read it and add notes, and offers them nothing else", async () => {
    const result = await viewCase(REFERENCE, colleague("frontline"), work.reads);

    expect(result.ok && result.value.youMay).toEqual(["read-case", "add-note"]);
  });

  it("audits nothing when the case is not found", async () => {
    const unknown = newReference("case", (length) => Buffer.alloc(length, 7));

    const result = await viewCase(unknown, colleague("supervisor"), work.reads);

    expect(result).toMatchObject({ ok: false, failure: { code: "case-not-found" } });
    expect(work.access.accesses).toEqual([]);
  });
});
