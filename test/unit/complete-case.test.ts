// Completing a recorded case starts with the acknowledgement, claimed before it is sent so that a
// retry after a failure neither sends it twice nor loses it, and starts the quiet period.
import { beforeEach, describe, expect, it } from "vitest";
import { completeCase } from "../../shared/application/complete-case";
import type { MemoryCases, MemoryDueItems, RecordingMailer } from "./communication-fakes";
import {
  completionDependencies,
  type Letters,
  lettersOnSampleCase,
  unacknowledgedCase,
} from "./support/letters";

let letters: Letters;
let cases: MemoryCases;
let dueItems: MemoryDueItems;
let mailer: RecordingMailer;

beforeEach(async () => {
  letters = await lettersOnSampleCase();
  ({ cases, dueItems, mailer } = letters);
});

describe("completeCase", () => {
  it("keeps the acknowledgement's claim when recording fails after the mail service accepted it", async () => {
    const fresh = unacknowledgedCase(letters);
    const completion = completionDependencies(letters);
    const failingCases = Object.assign(Object.create(cases), {
      appendEvent: async () => {
        throw new Error("ProvisionedThroughputExceededException");
      },
    }) as MemoryCases;

    await expect(completeCase(fresh.reference, { ...completion, cases: failingCases })).rejects.toThrow();
    await completeCase(fresh.reference, completion);

    expect(mailer.sent).toHaveLength(1);
    expect((await cases.getCase(fresh.reference))?.acknowledgement.state).toBe("sending");
  });

  it("gives the acknowledgement's claim back when the mail service did not accept it", async () => {
    const fresh = unacknowledgedCase(letters);
    const completion = completionDependencies(letters);
    mailer.failWith = new Error("Throttling");

    await expect(completeCase(fresh.reference, completion)).rejects.toThrow();
    mailer.failWith = undefined;
    await completeCase(fresh.reference, completion);

    expect(mailer.sent).toHaveLength(1);
    expect((await cases.getCase(fresh.reference))?.acknowledgement.state).toBe("sent");
  });

  it("starts with the acknowledgement", async () => {
    const fresh = unacknowledgedCase(letters);

    await completeCase(fresh.reference, completionDependencies(letters));

    const record = await cases.getCase(fresh.reference);
    expect(record?.acknowledgement.state).toBe("sent");
    expect(record?.lastContactAt).toBe(record?.acknowledgement.sentAt);
    expect(mailer.sent[0]?.headers["Auto-Submitted"]).toBe("auto-replied");
    expect(dueItems.pending(fresh.reference)).toEqual([expect.objectContaining({ kind: "quiet-period" })]);
  });
});
