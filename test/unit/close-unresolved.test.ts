// Closing a case unresolved: the reasons and the outside help for its category go to the customer, an
// unknown outside-help id is refused, and the outcome stays recorded when the mail service is down.
import { describe, expect, it } from "vitest";
import { closeUnresolved } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";

const letters = freshEachTest(lettersOnSampleCase);

describe("closeUnresolved", () => {
  it("closes a case unresolved with the reasons and the outside help for its category", async () => {
    const closed = await closeUnresolved(
      REFERENCE,
      { reasons: "The parcel was delivered to the address on the order." },
      STAFF,
      letters.deps,
    );

    expect(closed).toMatchObject({
      ok: true,
      value: { outcome: { type: "unresolved", outsideHelp: ["citizens-advice", "adr"] } },
    });
    expect((await letters.cases.getCase(REFERENCE))?.status).toBe("closed-unresolved");
    expect(letters.mailer.sent[0]?.text).toContain(
      "Why:\nThe parcel was delivered to the address on the order.",
    );
    expect(letters.mailer.sent[0]?.text).toContain("Citizens Advice consumer service");
    expect(letters.cases.eventsOf(REFERENCE, "outcome-recorded")[0]?.outcome.by).toBe(STAFF.id);
  });

  it("refuses outside help that is not in the directory", async () => {
    expect(
      await closeUnresolved(
        REFERENCE,
        { reasons: "Out of warranty.", outsideHelp: ["the-moon"] },
        STAFF,
        letters.deps,
      ),
    ).toMatchObject({ failure: { code: "unknown-outside-help", ids: ["the-moon"] } });
  });

  it("keeps the outcome when the mail service is down, and says the customer was not informed", async () => {
    letters.mailer.failWith = new Error("ServiceUnavailable");

    const closed = await closeUnresolved(REFERENCE, { reasons: "Out of warranty." }, STAFF, letters.deps);

    expect(closed).toMatchObject({
      ok: true,
      value: { delivery: { sent: false, reason: "mail-service-unavailable" } },
    });
    expect((await letters.cases.getCase(REFERENCE))?.flags["customer-not-informed"]).toBeDefined();
  });
});
