import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  recordStaffReport,
  type StaffReportDependencies,
} from "../../shared/application/intake-staff-report";
import { unusedThemes } from "./communication-fakes";
import { memoryCompletion } from "./support/memory-completion";
import { MemoryIntakeLedger } from "./support/memory-intake-ledger";

function world() {
  const { cases, mailer, referrals, completion } = memoryCompletion();
  const deps: StaffReportDependencies = {
    ...completion,
    ledger: new MemoryIntakeLedger(),
    themes: unusedThemes,
    tombstones: { covers: async () => false },
    random: randomBytes,
  };
  return { cases, mailer, referrals, deps };
}

const report = {
  reportId: "4b4d3c2e-1f0a-4a5b-9c8d-7e6f5a4b3c2d",
  subject: "Checkout page fails for card payments",
  description: "Several customers told the shop floor the website checkout fails when they pay by card.",
  customer: { name: "Jo Bloggs", email: "jo@example.org" },
};

describe("recordStaffReport", () => {
  it("records a case identified by staff for the customer, refers it and acknowledges nobody", async () => {
    // Prepare
    const { cases, mailer, referrals, deps } = world();

    // Act
    const result = await recordStaffReport(report, { id: "sam@example.com" }, deps);

    // Assess
    expect(result).toMatchObject({ created: true });
    const reference = "reference" in result ? result.reference : "";
    expect(await cases.getCase(reference)).toMatchObject({
      channel: "staff",
      identifiedBy: "staff",
      acknowledgement: { state: "not-required", reason: "identified-by-staff" },
      referral: { state: "sent" },
      customer: expect.objectContaining({ email: "jo@example.org" }),
    });
    const [received] = cases.eventsOf(reference, "message-received");
    expect(received).toMatchObject({ from: "sam@example.com", fromCustomer: false, channel: "staff" });
    expect(referrals.messages.map((message) => message.caseReference)).toEqual([reference]);
    expect(mailer.sent).toEqual([]);
  });

  it("returns the same case when the same report is posted again", async () => {
    const { cases, deps } = world();

    const first = await recordStaffReport(report, { id: "sam@example.com" }, deps);
    const again = await recordStaffReport(report, { id: "sam@example.com" }, deps);

    expect(again).toEqual({ reference: "reference" in first ? first.reference : "", created: false });
    expect(cases.cases.size).toBe(1);
  });
});
