// Setting a case's correctable signals as a colleague corrects them: the guide's four and an MP or
// councillor taking the case up are set to what the colleague ticked, every other signal Heed found
// stays, and the correction keeps the correctable signals before and after.
import { describe, expect, it } from "vitest";
import { correctedSignals } from "../../shared/application/corrected-understanding";

describe("correctedSignals", () => {
  it("marks an MP or councillor Heed missed, keeping the signals a colleague does not correct", () => {
    const corrected = correctedSignals(
      ["dissatisfaction", "vulnerability", "urgency"],
      ["vulnerability", "elected-representative"],
    );

    expect(corrected).toEqual({
      signals: ["dissatisfaction", "urgency", "elected-representative", "vulnerability"],
      original: "vulnerability",
      corrected: "elected-representative, vulnerability",
    });
  });

  it("removes an MP or councillor Heed saw wrongly", () => {
    const corrected = correctedSignals(["dissatisfaction", "elected-representative"], []);

    expect(corrected).toEqual({
      signals: ["dissatisfaction"],
      original: "elected-representative",
      corrected: "none",
    });
  });

  it("changes nothing when the colleague ticks what the case already carries, in any order", () => {
    const current = ["legal-threat", "dissatisfaction", "elected-representative"];

    expect(correctedSignals(current, ["elected-representative", "legal-threat", "legal-threat"])).toBe(
      undefined,
    );
  });
});
