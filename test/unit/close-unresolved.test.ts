// Closing a case unresolved: the reasons and the outside help for its category go to the customer, an
// unknown outside-help id is refused, and the outcome stays recorded when the mail service is down.
import { beforeEach, describe, expect, it } from "vitest";
import { closeUnresolved, type LetterDependencies } from "../../shared/application/staff-work";
import type { MemoryCases, RecordingMailer } from "./communication-fakes";
import { type Letters, lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";

let letters: Letters;
let cases: MemoryCases;
let mailer: RecordingMailer;
let deps: LetterDependencies;

beforeEach(async () => {
  letters = await lettersOnSampleCase();
  ({ cases, mailer, deps } = letters);
});

describe("closeUnresolved", () => {
  it("closes a case unresolved with the reasons and the outside help for its category", async () => {
    const closed = await closeUnresolved(
      REFERENCE,
      { reasons: "The parcel was delivered to the address on the order." },
      STAFF,
      deps,
    );

    expect(closed).toMatchObject({
      ok: true,
      value: { outcome: { type: "unresolved", outsideHelp: ["citizens-advice", "adr"] } },
    });
    expect((await cases.getCase(REFERENCE))?.status).toBe("closed-unresolved");
    expect(mailer.sent[0]?.text).toContain("Why:\nThe parcel was delivered to the address on the order.");
    expect(mailer.sent[0]?.text).toContain("Citizens Advice consumer service");
    expect(cases.eventsOf(REFERENCE, "outcome-recorded")[0]?.outcome.by).toBe(STAFF.id);
  });

  it("refuses outside help that is not in the directory", async () => {
    expect(
      await closeUnresolved(
        REFERENCE,
        { reasons: "Out of warranty.", outsideHelp: ["the-moon"] },
        STAFF,
        deps,
      ),
    ).toMatchObject({ failure: { code: "unknown-outside-help", ids: ["the-moon"] } });
  });

  it("keeps the outcome when the mail service is down, and says the customer was not informed", async () => {
    mailer.failWith = new Error("ServiceUnavailable");

    const closed = await closeUnresolved(REFERENCE, { reasons: "Out of warranty." }, STAFF, deps);

    expect(closed).toMatchObject({
      ok: true,
      value: { delivery: { sent: false, reason: "mail-service-unavailable" } },
    });
    expect((await cases.getCase(REFERENCE))?.flags["customer-not-informed"]).toBeDefined();
  });
});
