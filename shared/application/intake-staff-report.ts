// A problem a member of staff noticed themselves (queries evidence 4b): recorded as a case identified by
// staff, understood and referred like any other, and not acknowledged to anyone, since no customer wrote
// in. The report id the console generates makes a repeated post return the same case.

import * as z from "zod";
import { normaliseEmailAddress } from "../domain/mail";
import { newReference } from "../domain/reference";
import type { IntakeLedger, RandomBytes, ThemeLedger, Tombstones } from "../ports";
import { type CompletionDependencies, completeCase } from "./complete-case";
import { isErasedPerson } from "./erased-person";
import { recordCase } from "./record-case";

export const staffReportInput = z.strictObject({
  reportId: z.uuid(),
  subject: z.string().trim().min(3).max(200),
  description: z.string().trim().min(10).max(10_000),
  category: z.string().max(60).optional(),
  /** The customer affected, where there is one; without it the reporting colleague is recorded. */
  customer: z
    .strictObject({
      name: z.string().trim().max(120).optional(),
      email: z.email().max(254).optional(),
      phone: z.string().max(40).optional(),
    })
    .optional(),
});

export type StaffReport = z.infer<typeof staffReportInput>;

export interface StaffReportDependencies extends CompletionDependencies {
  ledger: IntakeLedger;
  themes: ThemeLedger;
  tombstones: Pick<Tombstones, "covers">;
  random: RandomBytes;
}

export type StaffReportResult =
  | { reference: string; created: boolean }
  /** The customer's data was erased: nothing is recorded, and the colleague is told why. */
  | { refused: "erased-person" };

export async function recordStaffReport(
  report: StaffReport,
  reporter: { id: string },
  deps: StaffReportDependencies,
): Promise<StaffReportResult> {
  const at = deps.clock.now().toISOString();
  const entry = await deps.ledger.open({
    intakeId: `staff:${report.reportId}`,
    channel: "staff",
    receivedAt: at,
    proposedCaseReference: newReference("case", deps.random),
    source: "POST /api/problems",
  });
  if (entry.result && "caseReference" in entry.result) {
    return { reference: entry.result.caseReference, created: false };
  }
  if (entry.result?.outcome === "quarantined") return { refused: "erased-person" };

  const reference = entry.proposedCaseReference;
  const email = normaliseEmailAddress(report.customer?.email ?? reporter.id);
  if (await isErasedPerson(email, entry, deps.tombstones)) {
    await deps.ledger.recordOutcome(entry.intakeId, { outcome: "quarantined", reason: "erased-person" }, at);
    deps.log.info("staff report refused", { intakeId: entry.intakeId, reason: "erased-person" });
    return { refused: "erased-person" };
  }
  const { record } = await recordCase(
    {
      entry,
      message: {
        channel: "staff",
        subject: report.subject,
        text: report.description,
        sender: { email, name: report.customer?.name },
        given: { name: report.customer?.name, phone: report.customer?.phone, category: report.category },
      },
      // No customer wrote in, so there is no one to acknowledge.
      acknowledgement: { state: "not-required", reason: "identified-by-staff" },
      received: {
        from: normaliseEmailAddress(reporter.id),
        subject: report.subject,
        messageId: undefined,
        inReplyTo: undefined,
        text: report.description,
        textTruncated: false,
        rawLocation: undefined,
        fromCustomer: false,
      },
    },
    deps,
  );
  await deps.ledger.recordOutcome(entry.intakeId, { outcome: "case-created", caseReference: reference }, at);
  deps.log.info("staff report recorded", { intakeId: entry.intakeId, caseReference: reference });
  await completeCase(record, deps);
  return { reference, created: true };
}
