import { describe, expect, it } from "vitest";
import { checkPromisesAndTone } from "../../shared/domain/promise-check";

describe("checkPromisesAndTone", () => {
  it.each([
    ["We will refund you in full.", "promise"],
    ["We'll replace the item.", "promise"],
    ["You will receive a replacement.", "promise"],
    ["We guarantee this will not happen again.", "promise"],
    ["Your order will be replaced.", "promise"],
    ["We will sort out the delivery.", "promise"],
    ["You will hear from us within 3 days.", "deadline"],
    ["Someone will call you by Friday.", "deadline"],
    ["You should have read the terms.", "blame"],
    ["As you were told on the phone, this is not covered.", "blame"],
    ["Our records show you failed to collect the parcel.", "blame"],
    ["There is nothing we can do.", "dismissive"],
  ])("catches %j as %s", (text, kind) => {
    expect(checkPromisesAndTone(text).map((f) => f.kind)).toContain(kind);
  });

  it.each([
    "We will look into it.",
    "Your message has been passed to our supervisor team, who will review it.",
    "We have recorded your message under the reference CS-1234567X.",
    "If we have misunderstood anything, please reply and tell us.",
    "Would you like us to be able to call you?",
  ])("lets the process statement %j pass", (text) => {
    expect(checkPromisesAndTone(text)).toEqual([]);
  });

  it("lets an allowed policy statement pass while still checking the rest of the text", () => {
    const policy = "We aim to reply within 5 working days.";
    const text = `${policy} We will refund you.`;
    expect(checkPromisesAndTone(text, [policy]).map((f) => f.phrase)).toEqual(["We will refund"]);
    expect(checkPromisesAndTone(policy).length).toBeGreaterThan(0);
  });
});
