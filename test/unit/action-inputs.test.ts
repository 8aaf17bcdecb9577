// The body of a classification correction as the staff API reads it: the correctable signals (the
// guide's four and an MP or councillor taking the case up) are accepted, and a signal that follows from
// the message or the customer's history is refused as a 400 that says where, before any work starts.
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { readJsonBody } from "../../functions/staff-api/route";
import { classificationCorrectionInput } from "../../functions/staff-api/routes/action-inputs";

const posted = (body: unknown) =>
  ({ body: JSON.stringify(body), isBase64Encoded: false }) as APIGatewayProxyEventV2;

describe("the classification correction's body", () => {
  it("accepts an MP or councillor among the signals the case should carry", () => {
    const read = readJsonBody(
      classificationCorrectionInput,
      posted({ signals: ["elected-representative", "legal-threat"], reason: "Their MP wrote to us." }),
    );

    expect(read).toEqual({
      ok: true,
      value: { signals: ["elected-representative", "legal-threat"], reason: "Their MP wrote to us." },
    });
  });

  it("refuses a signal staff do not correct, saying which", () => {
    const read = readJsonBody(
      classificationCorrectionInput,
      posted({ signals: ["elected-representative", "repeat-contact"], reason: "They keep writing." }),
    );

    expect(read).toMatchObject({ ok: false, response: { statusCode: 400 } });
    const { error } = JSON.parse(read.ok ? "{}" : String(read.response.body));
    expect(error).toMatchObject({ code: "invalid-body", problems: [{ path: "signals.1" }] });
  });
});
