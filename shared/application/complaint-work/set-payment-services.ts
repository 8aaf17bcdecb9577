// Staff say whether a complaint is about payment services, which chooses its clock under FCA DISP
// (15 business days instead of eight weeks). The new deadline's warning and breach are put down; the
// old ones find their clock gone and do nothing.

import * as z from "zod";
import type { CaseRecord } from "../../domain/case";
import type { ComplaintClock } from "../../domain/complaint-clocks";
import type { StaffMember } from "../../domain/permissions";
import { clocksOf, startComplaintClocks } from "../complaint-clocks";
import { fail, succeed } from "../staff-work/act-on-case";
import { type ComplaintWorkDependencies, permittedComplaint } from "./complaint-work";

export const paymentServicesInput = z.strictObject({ paymentServices: z.boolean() });

export function setPaymentServices(
  reference: string,
  input: z.infer<typeof paymentServicesInput>,
  member: StaffMember,
  deps: ComplaintWorkDependencies,
) {
  return permittedComplaint<{ clocks: ComplaintClock[] }>(
    "set-payment-services",
    reference,
    member,
    deps,
    async ({ record, stamp }) => {
      if ((record.complaintHandling?.paymentServices ?? false) === input.paymentServices)
        return fail(
          "unchanged",
          `The complaint is already marked as ${input.paymentServices ? "" : "not "}about payment services.`,
        );
      await deps.complaints.setPaymentServices(record.reference, input.paymentServices, stamp.at);
      await deps.cases.appendEvent({
        type: "payment-services-set",
        caseReference: record.reference,
        eventId: `payment-services:${stamp.at}:${deps.newId().slice(0, 8)}`,
        ...stamp,
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
      return succeed({ clocks: clocksOf(updated, deps, new Date(stamp.at)) });
    },
  );
}
