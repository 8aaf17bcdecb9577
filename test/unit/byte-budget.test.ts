// Intake's byte budget: ordinary messages of a batch run together, a message as large as SES's maximum
// runs alone, and a failing record gives its share back so the rest of the batch goes on.
import { describe, expect, it } from "vitest";
import { ByteBudget, RAW_MAIL_BYTES_IN_FLIGHT } from "../../functions/inbound-email/byte-budget";

const MB = 1024 * 1024;

/** Runs each size through the budget at once and reports the most that were in flight together. */
async function mostAtOnce(budget: ByteBudget, sizes: number[]): Promise<number> {
  let running = 0;
  let most = 0;
  await Promise.allSettled(
    sizes.map((size) =>
      budget.run(size, async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
      }),
    ),
  );
  return most;
}

describe("ByteBudget", () => {
  it("runs ten ordinary messages together", async () => {
    expect(await mostAtOnce(new ByteBudget(RAW_MAIL_BYTES_IN_FLIGHT), Array(10).fill(50_000))).toBe(10);
  });

  it("runs messages of SES's maximum size one at a time", async () => {
    expect(await mostAtOnce(new ByteBudget(RAW_MAIL_BYTES_IN_FLIGHT), Array(4).fill(40 * MB))).toBe(1);
  });

  it("lets two 15 MB messages share the budget but not three", async () => {
    expect(await mostAtOnce(new ByteBudget(RAW_MAIL_BYTES_IN_FLIGHT), Array(3).fill(15 * MB))).toBe(2);
  });

  it("gives a failed record's share back, so the next one still runs", async () => {
    // Prepare
    const budget = new ByteBudget(RAW_MAIL_BYTES_IN_FLIGHT);
    const failing = budget.run(40 * MB, async () => {
      throw new Error("parse failed");
    });

    // Act
    const next = budget.run(40 * MB, async () => "done");

    // Assess
    await expect(failing).rejects.toThrow("parse failed");
    await expect(next).resolves.toBe("done");
  });
});
