// Who has looked at a case and how, for head office only: subject access requests and internal
// investigations read it; nobody else may.
import { describe, expect, it } from "vitest";
import { listAccess, viewCase } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase } from "./support/staff-work";

const work = freshEachTest(staffWorkOnSampleCase);

describe("listAccess", () => {
  it("lists each access to the case for head office", async () => {
    await viewCase(REFERENCE, colleague("supervisor", "sam"), work.reads);

    const result = await listAccess(REFERENCE, colleague("head-office"), work.reads);

    expect(result).toMatchObject({
      ok: true,
      value: { caseReference: REFERENCE, accesses: [{ by: "sam@example.com", what: "opened" }] },
    });
  });

  it("refuses a supervisor", async () => {
    expect(await listAccess(REFERENCE, colleague("supervisor"), work.reads)).toMatchObject({
      ok: false,
      failure: { code: "refused" },
    });
  });
});
