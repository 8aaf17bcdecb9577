// The amounts of money staff write in free text, which the money rule checks against the amount given
// as a field: an option or a resolution cannot state a refund the colleague may not agree.
import { describe, expect, it } from "vitest";
import { writtenAmounts } from "../../shared/application/staff-work";

describe("writtenAmounts", () => {
  it("finds amounts written with a currency sign or a currency word", () => {
    expect(
      writtenAmounts([
        "We have refunded £34.99 to your card",
        "a goodwill gesture of € 20 and 1,250.50 GBP",
        undefined,
        "fifty pounds is 50 pounds",
      ]),
    ).toEqual([34.99, 20, 1250.5, 50]);
  });

  it("ignores numbers that are not money: order numbers, dates and counts", () => {
    expect(writtenAmounts(["Order 100419 arrived on 23/11 after 3 attempts"])).toEqual([]);
  });
});
