// Sending a letter the rule pack requires, under FCA DISP: a letter missing an element the rules require
// is held back naming it, and nothing is sent or recorded; a complete one goes to the customer, is noted
// on the complaint and the timeline with the clocks it stops, and is counted in the complaints return.
import { describe, expect, it } from "vitest";
import {
  type RegulatedLetterRequest,
  sendRegulatedLetter,
} from "../../shared/application/complaint-work/send-regulated-letter";
import { shippedRulePack } from "../../shared/config/complaint-rules";
import { MemoryComplaintRecords } from "./communication-fakes";
import { freshEachTest } from "./support/fresh-each-test";
import { LETTERS_START, lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";
import { MemoryComplaintReturn } from "./support/memory-complaint-return";

const EXPLANATION = "We found the payment and reversed the duplicate charge.";

const letters = freshEachTest(async () => ({
  ...(await lettersOnSampleCase()),
  complaintReturn: new MemoryComplaintReturn(),
}));
const complaintWork = () => ({
  ...letters.deps,
  complaints: new MemoryComplaintRecords(letters.cases),
  complaintReturn: letters.complaintReturn,
  rulePack: shippedRulePack("fca-disp"),
});

function send(input: RegulatedLetterRequest) {
  return sendRegulatedLetter(REFERENCE, input, STAFF, complaintWork());
}

async function nothingSentOrRecorded() {
  expect(letters.mailer.sent).toEqual([]);
  expect((await letters.cases.getCase(REFERENCE))?.complaintHandling?.letters).toBeUndefined();
  expect(letters.cases.eventsOf(REFERENCE, "regulated-letter-sent")).toEqual([]);
  expect(await letters.complaintReturn.between("2026-01-01", "2026-12-31")).toEqual([]);
}

describe("sendRegulatedLetter", () => {
  it("sends a complete summary resolution communication, records it and counts the complaint closed", async () => {
    // Act
    const result = await send({ letterId: "summary-resolution", explanation: EXPLANATION });

    // Assert
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.value.stopsClocks).toEqual(["final-response"]);
    expect(letters.mailer.sent).toHaveLength(1);
    expect(letters.mailer.sent[0]?.to).toBe("jo@example.org");
    expect(letters.mailer.sent[0]?.text).toContain(EXPLANATION);
    expect((await letters.cases.getCase(REFERENCE))?.complaintHandling?.letters).toEqual([
      { letterId: "summary-resolution", at: LETTERS_START },
    ]);
    expect(letters.cases.eventsOf(REFERENCE, "regulated-letter-sent")).toEqual([
      expect.objectContaining({
        eventId: result.value.eventId,
        by: STAFF.id,
        letterId: "summary-resolution",
        stopsClocks: ["final-response"],
        extendsClocks: [],
      }),
    ]);
    const [cell] = await letters.complaintReturn.between("2026-11-23", "2026-11-23");
    expect(Object.values(cell?.measures ?? {})).toEqual([[REFERENCE]]);
  });

  it("holds back a letter missing its explanation, naming the element, and sends nothing", async () => {
    const result = await send({ letterId: "summary-resolution" });

    expect(result).toMatchObject({
      ok: false,
      failure: {
        code: "missing-elements",
        message: expect.stringMatching(/^The letter cannot go without: /),
        missing: [expect.objectContaining({ id: "explanation" })],
      },
    });
    await nothingSentOrRecorded();
  });

  it("asks for the decision before a final response can go", async () => {
    const result = await send({ letterId: "final-response", explanation: EXPLANATION });

    expect(result).toMatchObject({ ok: false, failure: { code: "decision-required" } });
    await nothingSentOrRecorded();
  });

  it("refuses a letter the rule pack does not have, listing the ones it does", async () => {
    const result = await send({ letterId: "deadlock-letter", explanation: EXPLANATION });

    expect(result).toMatchObject({
      ok: false,
      failure: { code: "unknown-letter", letters: expect.arrayContaining(["final-response"]) },
    });
    await nothingSentOrRecorded();
  });

  it("refuses a summary resolution once the three business days after receipt have passed", async () => {
    letters.clock.set("2026-11-30T10:00:00.000Z");

    const result = await send({ letterId: "summary-resolution", explanation: EXPLANATION });

    expect(result).toMatchObject({ ok: false, failure: { code: "letter-not-available" } });
    await nothingSentOrRecorded();
  });
});
