// Completing a case by its reference (redeliveries, the reconciler) starts with the acknowledgement, claimed before it is sent so that a
// retry after a failure neither sends it twice nor loses it, and starts the quiet period.
import { describe, expect, it } from "vitest";
import { completeRecordedCase } from "../../shared/application/complete-case";
import type { MemoryCases } from "./communication-fakes";
import { freshEachTest } from "./support/fresh-each-test";
import { completionDependencies, lettersOnSampleCase, unacknowledgedCase } from "./support/letters";

const letters = freshEachTest(lettersOnSampleCase);

describe("completeRecordedCase", () => {
  it("keeps the acknowledgement's claim when recording fails after the mail service accepted it", async () => {
    const fresh = unacknowledgedCase(letters);
    const completion = completionDependencies(letters);
    const failingCases = Object.assign(Object.create(letters.cases), {
      addToCase: async () => {
        throw new Error("ProvisionedThroughputExceededException");
      },
    }) as MemoryCases;

    await expect(
      completeRecordedCase(fresh.reference, { ...completion, cases: failingCases }),
    ).rejects.toThrow();
    await completeRecordedCase(fresh.reference, completion);

    expect(letters.mailer.sent).toHaveLength(1);
    expect((await letters.cases.getCase(fresh.reference))?.acknowledgement.state).toBe("sending");
  });

  it("gives the acknowledgement's claim back when the mail service did not accept it", async () => {
    const fresh = unacknowledgedCase(letters);
    const completion = completionDependencies(letters);
    letters.mailer.failWith = new Error("Throttling");

    await expect(completeRecordedCase(fresh.reference, completion)).rejects.toThrow();
    letters.mailer.failWith = undefined;
    await completeRecordedCase(fresh.reference, completion);

    expect(letters.mailer.sent).toHaveLength(1);
    expect((await letters.cases.getCase(fresh.reference))?.acknowledgement.state).toBe("sent");
  });

  it("starts with the acknowledgement", async () => {
    const fresh = unacknowledgedCase(letters);

    await completeRecordedCase(fresh.reference, completionDependencies(letters));

    const record = await letters.cases.getCase(fresh.reference);
    expect(record?.acknowledgement.state).toBe("sent");
    expect(record?.lastContactAt).toBe(record?.acknowledgement.sentAt);
    expect(letters.mailer.sent[0]?.headers["Auto-Submitted"]).toBe("auto-replied");
    expect(letters.dueItems.pending(fresh.reference)).toEqual([
      expect.objectContaining({ kind: "quiet-period" }),
    ]);
  });
});
