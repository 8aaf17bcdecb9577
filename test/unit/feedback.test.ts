// The customer's feedback on an outcome: the signed link in the outcome letter opens the form, takes
// one valid answer and counts it in the month's report; a forged, superseded or expired link says so.
import { describe, expect, it } from "vitest";
import { feedbackReport, openFeedback, submitFeedback } from "../../shared/application/feedback";
import { resolveCase } from "../../shared/application/staff-work";
import { freshEachTest } from "./support/fresh-each-test";
import { feedbackDependencies, lettersOnSampleCase, REFERENCE, STAFF } from "./support/letters";

const letters = freshEachTest(lettersOnSampleCase);

/** Resolves the sample case and returns the feedback token from the outcome letter's link. */
async function resolvedWithFeedbackLink(): Promise<string> {
  const resolved = await resolveCase(
    REFERENCE,
    { agreed: "We have sent a new kettle." },
    STAFF,
    "https://api.example.com",
    letters.deps,
  );
  if (!resolved.ok) throw new Error("not resolved");
  const token = /https:\/\/api\.example\.com\/feedback\/(\S+)/.exec(letters.mailer.sent[0]?.text ?? "")?.[1];
  if (!token) throw new Error("no feedback link in the letter");
  return token;
}

describe("feedback on an outcome", () => {
  it("takes one answer to the link in the outcome letter, and counts it in the month's report", async () => {
    const token = await resolvedWithFeedbackLink();
    const feedbackDeps = feedbackDependencies(letters);

    expect((await openFeedback(token, feedbackDeps)).state).toBe("form");
    expect((await submitFeedback(token, { rating: "6" }, feedbackDeps)).error).toBe("ratingRequired");
    expect(
      (await submitFeedback(token, { rating: "4", comment: " Quick, thanks " }, feedbackDeps)).state,
    ).toBe("thanks");
    expect((await submitFeedback(token, { rating: "1" }, feedbackDeps)).state).toBe("already-given");
    expect((await letters.cases.getCase(REFERENCE))?.feedback).toMatchObject({
      rating: 4,
      comment: "Quick, thanks",
    });
    expect(await feedbackReport("2026-11", letters.store)).toMatchObject({
      count: 1,
      averageRating: 4,
      entries: [{ caseReference: REFERENCE, category: "delivery", level: "supervisor" }],
    });
  });

  it("shows an expired, forged or superseded link as such", async () => {
    const token = await resolvedWithFeedbackLink();
    const feedbackDeps = feedbackDependencies(letters);

    expect((await openFeedback(`${token.slice(0, -2)}xx`, feedbackDeps)).state).toBe("invalid");
    letters.cases.update(REFERENCE, (record) => {
      if (record.outcome) record.outcome.outcomeId = "00000000-0000-4000-8000-999999999999";
    });
    expect((await openFeedback(token, feedbackDeps)).state).toBe("expired");
    letters.clock.set("2027-01-01T00:00:00.000Z");
    expect((await openFeedback(token, feedbackDeps)).state).toBe("expired");
  });
});
