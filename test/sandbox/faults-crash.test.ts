// A crash between recording a case and acknowledging it: the fault proxy holds one call until the
// function times out and its execution environment is thrown away, exactly where a real crash would
// stop it. Before the acknowledgement is claimed, the redelivery sends it once; after it is claimed,
// nothing ever sends it again, and the reconciler marks it "outcome unknown" for staff.

import { afterEach, describe, expect, it } from "vitest";
import { eventsOf } from "./support/case-view";
import {
  acknowledgementsTo,
  complaint,
  decidedEntry,
  expectCountsAddUp,
  expectNoDuplicateAcknowledgements,
  intakeDrained,
  reconcileAt,
  settledCase,
  stores,
} from "./support/reliability";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const MINUTE_MS = 60_000;

describe("faults: a crash between the record and the acknowledgement", () => {
  // Functions time out (and are replaced, as Lambda does) well before a message becomes visible again.
  const sandbox = withSandbox({ faults: true, functionTimeoutSeconds: 3, queueVisibilityTimeoutSeconds: 5 });
  const faults = () => {
    const controller = sandbox().faults;
    if (!controller) throw new Error("the sandbox runs without its fault proxy");
    return controller;
  };

  afterEach(async () => {
    faults().clearAll();
    await expectCountsAddUp(sandbox());
    await expectNoDuplicateAcknowledgements(sandbox());
  });

  it("sends the acknowledgement once when intake crashed before claiming it", async () => {
    // Prepare: the call that claims the acknowledgement never returns
    const mail = complaint("crash-before-claim");
    const fault = faults().inject({
      service: "dynamodb",
      operations: ["UpdateItem"],
      matching: "claimedAt",
      fault: "hang",
      times: 1,
    });

    // Act
    const sent = await sandbox().sendEml(mail.raw);
    const entry = await decidedEntry(sandbox(), sent.key);
    const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
    const record = await settledCase(sandbox(), reference, 30_000);

    // Assess
    expect(fault.hits).toBe(1);
    expect(sandbox().batches.some((batch) => batch.error?.startsWith("Sandbox.Timedout"))).toBe(true);
    expect(record.acknowledgement.state).toBe("sent");
    expect(eventsOf(await stores(sandbox()).cases.timeline(reference), "message-sent")).toHaveLength(1);
    expect(await acknowledgementsTo(sandbox(), mail)).toHaveLength(1);
  });

  it("never sends an acknowledgement twice when intake crashed mid-send; the reconciler marks it unknown after the lease", async () => {
    // Prepare: the acknowledgement is claimed, then the call to SES never returns
    const mail = complaint("crash-mid-send");
    const fault = faults().inject({
      service: "ses",
      operations: ["SendEmail"],
      matching: mail.sender,
      fault: "hang",
      times: 1,
    });

    // Act: the crash, the redelivery (which must leave the claim alone), then the reconciler past the lease
    const sent = await sandbox().sendEml(mail.raw);
    const entry = await decidedEntry(sandbox(), sent.key);
    const reference = entry.result && "caseReference" in entry.result ? entry.result.caseReference : "";
    await waitFor(
      async () => (await stores(sandbox()).cases.getCase(reference))?.acknowledgement.state === "sending",
    );
    await intakeDrained(sandbox());
    const withinLease = await reconcileAt(sandbox());
    const pastLease = await reconcileAt(sandbox(), new Date(Date.now() + 20 * MINUTE_MS));
    const view = (await (await sandbox().fetchApi(`/api/cases/${reference}`)).json()) as {
      case: { acknowledgement: unknown; flags: Record<string, unknown> };
      timeline: never[];
    };

    // Assess
    expect(fault.hits).toBe(1);
    expect(withinLease.followUps.acknowledgementsUnknown).toBe(0);
    expect(pastLease.followUps.acknowledgementsUnknown).toBe(1);
    expect(pastLease.mismatches["acknowledgement-outcome-unknown"]).toBe(1);
    expect(pastLease.addsUp).toBe(false);
    expect(view.case.acknowledgement).toEqual({ state: "failed", reason: "outcome-unknown" });
    expect(view.case.flags["customer-not-informed"]).toBeDefined();
    expect(eventsOf(view.timeline, "message-not-sent")).toEqual([
      expect.objectContaining({ reason: "outcome-unknown" }),
    ]);
    expect(await acknowledgementsTo(sandbox(), mail)).toEqual([]);
  });
});
