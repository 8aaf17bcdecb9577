// Correcting a detail Heed took from the message (name, phone, address, postcode, an order number):
// the case holds the corrected value, the correction keeps the original, and lookups follow.

import type { CorrectableDetail, Correction } from "../../domain/case";
import { normalisePhone, normalisePostcode } from "../../domain/extraction";
import type { StaffMember } from "../../domain/permissions";
import type { Policy } from "../../domain/policy/organisation-policy";
import type { CaseCorrectionChanges } from "../../ports";
import { addCaseLookups, transactionKey } from "../case-lookups";
import { actOnCase, fail } from "./act-on-case";
import { eventBase, recorded } from "./case-changes";
import type { CaseChangeDependencies } from "./dependencies";

export interface DetailCorrectionInput {
  field: CorrectableDetail;
  value: string;
  reason: string;
}

function correctedValue(
  field: CorrectableDetail,
  value: string,
  policy: Policy,
): { ok: true; value: string } | { ok: false; message: string } {
  if (field === "phone") {
    const phone = normalisePhone(
      value,
      policy.extraction.defaultRegion as Parameters<typeof normalisePhone>[1],
    );
    return phone
      ? { ok: true, value: phone }
      : { ok: false, message: "That is not a phone number Heed can read; include the area code." };
  }
  if (field === "postcode") {
    const postcode = normalisePostcode(value);
    return postcode
      ? { ok: true, value: postcode }
      : { ok: false, message: "That is not a UK postcode; write it like LS1 4AP." };
  }
  if (field === "transaction-reference") return { ok: true, value: transactionKey(value) };
  return { ok: true, value: value.replace(/\s+/g, " ").trim() };
}

export function correctDetail(
  reference: string,
  input: DetailCorrectionInput,
  member: StaffMember,
  deps: CaseChangeDependencies,
) {
  return actOnCase("correct", reference, member, deps, async ({ record, stamp }) => {
    const value = correctedValue(input.field, input.value, deps.policy);
    if (!value.ok) return fail("invalid", value.message);
    const changes: CaseCorrectionChanges = {};
    let original: string | undefined;
    if (input.field === "transaction-reference") {
      if (record.transactionReferences.map(transactionKey).includes(value.value))
        return fail("invalid", `The case already has ${value.value}.`);
      original = record.transactionReferences.join(", ") || undefined;
      changes.transactionReferences = [...record.transactionReferences, value.value];
    } else {
      original = record.customer[input.field];
      if (original === value.value) return fail("invalid", `The case already has that ${input.field}.`);
      changes.customer = { [input.field]: value.value };
    }
    const correction: Correction = {
      field: input.field,
      original,
      corrected: value.value,
      reason: input.reason,
      by: stamp.by,
      at: stamp.at,
    };
    await deps.changes.correct(record.reference, changes, [correction], stamp.at);
    const updated = await deps.cases.getCase(record.reference);
    if (updated) await addCaseLookups(updated, deps.cases);
    return recorded(
      {
        ...eventBase(record.reference, "detail-corrected", stamp, deps),
        type: "detail-corrected",
        correction,
      },
      deps,
    );
  });
}
