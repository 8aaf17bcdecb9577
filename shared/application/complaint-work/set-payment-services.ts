// Staff say whether a complaint is about payment services, which chooses its clock under FCA DISP
// (15 business days instead of eight weeks). The new deadline's warning and breach are put down; the
// old ones find their clock gone and do nothing.

import { z } from "zod";
import type { CaseRecord } from "../../domain/case";
import type { ComplaintClock } from "../../domain/complaint-clocks";
import { clocksOf, startComplaintClocks } from "../complaint-clocks";
import {
  type ComplaintWorkDependencies,
  type ComplaintWorkResult,
  fail,
  permittedComplaint,
  succeed,
} from "./complaint-work";

export const paymentServicesInput = z.strictObject({ paymentServices: z.boolean() });

export async function setPaymentServices(
  reference: string,
  input: z.infer<typeof paymentServicesInput>,
  member: { id: string; groups: readonly string[] },
  deps: ComplaintWorkDependencies,
): Promise<ComplaintWorkResult<{ clocks: ComplaintClock[] }>> {
  const permitted = await permittedComplaint(reference, member, deps);
  if (!permitted.ok) return permitted;
  const { record, authority } = permitted.value;
  if ((record.complaintHandling?.paymentServices ?? false) === input.paymentServices)
    return fail(
      "unchanged",
      `The complaint is already marked as ${input.paymentServices ? "" : "not "}about payment services.`,
    );
  const at = deps.clock.now().toISOString();
  await deps.complaints.setPaymentServices(record.reference, input.paymentServices, at);
  await deps.cases.appendEvent({
    type: "payment-services-set",
    caseReference: record.reference,
    eventId: `payment-services:${at}:${deps.newId().slice(0, 8)}`,
    at,
    by: authority.id,
    role: authority.role ?? "none",
    paymentServices: input.paymentServices,
  });
  const updated: CaseRecord = {
    ...record,
    complaintHandling: { ...record.complaintHandling, paymentServices: input.paymentServices },
  };
  await startComplaintClocks(updated, { ...deps, dueItems: deps.followUps.dueItems });
  deps.log.info("payment services set", {
    caseReference: record.reference,
    paymentServices: input.paymentServices,
  });
  return succeed({ clocks: clocksOf(updated, deps, new Date(at)) });
}
