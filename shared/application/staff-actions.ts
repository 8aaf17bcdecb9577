// What staff do to a case from the console or the API: take it on, add an internal note, re-refer it to
// another level with a reason, correct a detail or the classification (the correction is kept and the
// original stays visible), and agree a refund or goodwill gesture within their authority (resolve 1.4).
// Each action is checked against the colleague's level first and recorded on the timeline with who and
// when; a refusal comes back as a sentence saying why and who can do it instead.

import { z } from "zod";
import type { Policy } from "../config/policy";
import {
  CASE_KINDS,
  type CaseRecord,
  CORRECTABLE_DETAILS,
  type CorrectableDetail,
  type Correction,
  REFERRAL_LEVELS,
  type Referral,
  type ReferralLevel,
  type TimelineEvent,
} from "../domain/case";
import { OTHER_CATEGORY } from "../domain/classification/category";
import { normalisePhone, normalisePostcode } from "../domain/extraction";
import { parseReference } from "../domain/reference";
import { mayAct, mayAgree, mayReRefer, type StaffAuthority, staffAuthority } from "../domain/staff-roles";
import type {
  CaseCorrectionChanges,
  CaseReports,
  CaseStore,
  Clock,
  Log,
  QueueEntry,
  ReferralQueue,
  StaffCaseChanges,
  StaffReferralMessage,
  WorkQueues,
} from "../ports";
import { addCaseLookups, transactionKey } from "./case-lookups";
import { openComplaint, type QueueClock, queueClock } from "./complaint-clocks";
import { recordCaseReport } from "./reports";

export interface StaffMemberIdentity {
  id: string;
  groups: readonly string[];
}

export interface StaffActionDependencies {
  cases: Pick<CaseStore, "getCase" | "appendEvent" | "addLookup" | "markReferred">;
  changes: StaffCaseChanges;
  referrals: Pick<ReferralQueue, "send">;
  reports: Pick<CaseReports, "putCase">;
  clock: Clock;
  newId: () => string;
  policy: Policy;
  log: Log;
  /** Starts the clocks of a case corrected to a complaint and counts it in the complaints return. */
  opensComplaints?: Omit<Parameters<typeof openComplaint>[1], "clock">;
}

const reason = z.string().trim().min(1).max(1000);

export const claimInput = z.strictObject({ takeOver: z.boolean().optional() });
export const noteInput = z.strictObject({ text: z.string().trim().min(1).max(5000) });
export const reReferInput = z.strictObject({ level: z.enum(REFERRAL_LEVELS), reason });
export const detailCorrectionInput = z.strictObject({
  field: z.enum(CORRECTABLE_DETAILS),
  value: z.string().trim().min(1).max(500),
  reason,
});
export const classificationCorrectionInput = z
  .strictObject({
    kind: z.enum(CASE_KINDS).optional(),
    category: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    cause: z.enum(["expectation-gap", "system-or-procedure-failure", "unknown"]).optional(),
    reason,
  })
  .refine((input) => input.kind || input.category || input.cause, "give a kind, a category or a cause");
export const offerInput = z.strictObject({
  type: z.enum(["refund", "goodwill"]),
  /** In the organisation's currency, to the penny. */
  amount: z
    .number()
    .positive()
    .max(1_000_000)
    .refine(
      (amount) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6,
      "give the amount to the penny",
    ),
  description: z.string().trim().min(1).max(1000),
});

export type StaffActionFailure =
  | { code: "invalid-reference"; message: string; suggestion?: string }
  | { code: "case-not-found"; message: string }
  | { code: "refused"; message: string }
  | { code: "conflict"; message: string }
  | { code: "invalid"; message: string };

export type StaffActionResult =
  | { ok: true; event: TimelineEvent; case: CaseRecord }
  | { ok: false; failure: StaffActionFailure };

type Loaded = { ok: true; record: CaseRecord } | { ok: false; failure: StaffActionFailure };

async function loadCase(input: string, deps: StaffActionDependencies): Promise<Loaded> {
  const parsed = parseReference(input);
  if (!parsed.valid) {
    return {
      ok: false,
      failure: {
        code: "invalid-reference",
        message: "That is not a valid case reference.",
        ...(parsed.suggestion ? { suggestion: parsed.suggestion } : {}),
      },
    };
  }
  const record = await deps.cases.getCase(parsed.reference);
  if (!record)
    return { ok: false, failure: { code: "case-not-found", message: "No case has that reference." } };
  return { ok: true, record };
}

type Permitted =
  | { ok: true; record: CaseRecord; authority: ReturnType<typeof staffAuthority> }
  | { ok: false; failure: StaffActionFailure };

/** The case, loaded, and the colleague's authority, once the action is within it; otherwise the refusal. */
async function permittedCase(
  reference: string,
  member: StaffMemberIdentity,
  action: Parameters<typeof mayAct>[1],
  deps: StaffActionDependencies,
): Promise<Permitted> {
  const loaded = await loadCase(reference, deps);
  if (!loaded.ok) return loaded;
  const authority = staffAuthority(member);
  const permission = mayAct(authority, action, loaded.record);
  if (!permission.allowed) return { ok: false, failure: { code: "refused", message: permission.reason } };
  return { ok: true, record: loaded.record, authority };
}

const fail = (code: StaffActionFailure["code"], message: string): StaffActionResult => ({
  ok: false,
  failure: { code, message } as StaffActionFailure,
});

/** Records the event, brings the report row up to date and answers with the case as it now is. */
async function recorded(event: TimelineEvent, deps: StaffActionDependencies): Promise<StaffActionResult> {
  await deps.cases.appendEvent(event);
  const record = await deps.cases.getCase(event.caseReference);
  if (!record) return fail("case-not-found", "No case has that reference.");
  await recordCaseReport(record, deps.reports);
  deps.log.info("staff action recorded", { caseReference: event.caseReference, action: event.type });
  return { ok: true, event, case: record };
}

function base(record: CaseRecord, type: string, authority: StaffAuthority, deps: StaffActionDependencies) {
  const at = deps.clock.now().toISOString();
  return {
    caseReference: record.reference,
    eventId: `${type}:${at}:${deps.newId().slice(0, 8)}`,
    at,
    by: authority.id,
    role: authority.role ?? "none",
  };
}

export async function claimCase(
  reference: string,
  input: z.infer<typeof claimInput>,
  member: StaffMemberIdentity,
  deps: StaffActionDependencies,
): Promise<StaffActionResult> {
  const loaded = await loadCase(reference, deps);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const authority = staffAuthority(member);
  const takeOver = input.takeOver === true;
  const permission = mayAct(authority, takeOver ? "take-over" : "claim", record);
  if (!permission.allowed) return fail("refused", permission.reason);
  const event = base(record, "claimed", authority, deps);
  const result = await deps.changes.claim(record.reference, authority.id, event.at, takeOver);
  if (!result.claimed) {
    return fail(
      "conflict",
      `${result.heldBy} already has this case; ask them, or a supervisor, to pass it on.`,
    );
  }
  return recorded(
    { ...event, type: "claimed", ...(result.previous ? { previous: result.previous } : {}) },
    deps,
  );
}

export async function addNote(
  reference: string,
  input: z.infer<typeof noteInput>,
  member: StaffMemberIdentity,
  deps: StaffActionDependencies,
): Promise<StaffActionResult> {
  const permitted = await permittedCase(reference, member, "note", deps);
  if (!permitted.ok) return permitted;
  const { record, authority } = permitted;
  const event = base(record, "note", authority, deps);
  await deps.changes.noteStaffAction(record.reference, event.at);
  return recorded({ ...event, type: "note-added", text: input.text }, deps);
}

export async function reReferCase(
  reference: string,
  input: z.infer<typeof reReferInput>,
  member: StaffMemberIdentity,
  deps: StaffActionDependencies,
): Promise<StaffActionResult> {
  const loaded = await loadCase(reference, deps);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const authority = staffAuthority(member);
  const permission = mayReRefer(authority, record, input.level);
  if (!permission.allowed) return fail("refused", permission.reason);
  const event = base(record, "re-referred", authority, deps);
  const referralId = `${record.reference}#${input.level}@${event.at}`;
  const referral: Referral = {
    level: input.level,
    reasonCode: "staff-re-referral",
    reason: input.reason,
    state: "pending",
    referredBy: authority.id,
    referralId,
  };
  // Recorded first, then sent: the case and its timeline say where it went before any queue does.
  if (!(await deps.changes.changeReferral(record.reference, record.referral.level, referral, event.at))) {
    return fail("conflict", "The case changed while you were looking at it; reload it and try again.");
  }
  const result = await recorded(
    {
      ...event,
      type: "re-referred",
      fromLevel: record.referral.level,
      level: input.level,
      reason: input.reason,
      referralId,
    },
    deps,
  );
  const message: StaffReferralMessage = {
    referralId,
    caseReference: record.reference,
    level: input.level,
    reasonCode: referral.reasonCode,
    reason: input.reason,
    kind: record.classification.kind,
    category: record.classification.category,
    cause: record.classification.cause,
    signals: record.classification.signals,
    summary: record.summary,
    receivedAt: record.createdAt,
    referredBy: authority.id,
  };
  await deps.referrals.send(message);
  await deps.cases.markReferred(record.reference, deps.clock.now().toISOString());
  return result;
}

type DetailField = CorrectableDetail;

function correctedValue(
  field: DetailField,
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

export async function correctDetail(
  reference: string,
  input: z.infer<typeof detailCorrectionInput>,
  member: StaffMemberIdentity,
  deps: StaffActionDependencies,
): Promise<StaffActionResult> {
  const permitted = await permittedCase(reference, member, "correct", deps);
  if (!permitted.ok) return permitted;
  const { record, authority } = permitted;
  const value = correctedValue(input.field, input.value, deps.policy);
  if (!value.ok) return fail("invalid", value.message);

  const event = base(record, "detail-corrected", authority, deps);
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
    by: authority.id,
    at: event.at,
  };
  await deps.changes.correct(record.reference, changes, [correction], event.at);
  const updated = await deps.cases.getCase(record.reference);
  if (updated) await addCaseLookups(updated, deps.cases);
  return recorded({ ...event, type: "detail-corrected", correction }, deps);
}

export async function correctClassification(
  reference: string,
  input: z.infer<typeof classificationCorrectionInput>,
  member: StaffMemberIdentity,
  deps: StaffActionDependencies,
): Promise<StaffActionResult> {
  const permitted = await permittedCase(reference, member, "correct", deps);
  if (!permitted.ok) return permitted;
  const { record, authority } = permitted;
  const categories = [...Object.keys(deps.policy.classification.categories), OTHER_CATEGORY];
  if (input.category && !categories.includes(input.category)) {
    return fail("invalid", `There is no category "${input.category}"; use one of ${categories.join(", ")}.`);
  }
  const event = base(record, "classification-corrected", authority, deps);
  const wanted = { kind: input.kind, category: input.category, cause: input.cause };
  const corrections: Correction[] = [];
  const classification: NonNullable<CaseCorrectionChanges["classification"]> = {};
  for (const field of ["kind", "category", "cause"] as const) {
    const value = wanted[field];
    if (value === undefined || value === record.classification[field]) continue;
    corrections.push({
      field,
      original: record.classification[field],
      corrected: value,
      reason: input.reason,
      by: authority.id,
      at: event.at,
    });
    Object.assign(classification, { [field]: value });
  }
  if (corrections.length === 0) return fail("invalid", "The classification already says that.");
  await deps.changes.correct(record.reference, { classification }, corrections, event.at);
  const result = await recorded({ ...event, type: "classification-corrected", corrections }, deps);
  // A case corrected to a complaint runs its clocks from the original receipt.
  if (result.ok && classification.kind === "complaint" && deps.opensComplaints)
    await openComplaint(result.case, { ...deps.opensComplaints, clock: deps.clock });
  return result;
}

export async function agreeOffer(
  reference: string,
  input: z.infer<typeof offerInput>,
  member: StaffMemberIdentity,
  deps: StaffActionDependencies,
): Promise<StaffActionResult> {
  const loaded = await loadCase(reference, deps);
  if (!loaded.ok) return loaded;
  const { record } = loaded;
  const authority = staffAuthority(member);
  const permission = mayAgree(authority, record, input, deps.policy);
  if (!permission.allowed) {
    deps.log.info("staff action refused", { caseReference: record.reference, action: `offer-${input.type}` });
    return fail("refused", permission.reason);
  }
  const event = base(record, "offer", authority, deps);
  await deps.changes.noteStaffAction(record.reference, event.at);
  return recorded(
    {
      ...event,
      type: "offer-agreed",
      offer: input.type,
      amount: input.amount,
      currency: deps.policy.organisation.currency,
      description: input.description,
      authority: permission.authority ?? "",
    },
    deps,
  );
}

/** The signed-in colleague as the console shows them, with the limits of their authority. */
export function whoAmI(member: StaffMemberIdentity, policy: Policy) {
  const authority = staffAuthority(member);
  return {
    id: authority.id,
    groups: member.groups,
    level: authority.level ?? null,
    role: authority.role ?? null,
    authority: authority.level
      ? { ...policy.authority[authority.level], currency: policy.organisation.currency }
      : null,
    /** The categories a classification may be corrected to. */
    categories: [...Object.keys(policy.classification.categories), OTHER_CATEGORY],
  };
}

export interface QueueItem {
  reference: string;
  subject: string;
  kind: string;
  category: string;
  signals: string[];
  urgent: boolean;
  receivedAt: string;
  referredAt: string;
  /** Whole hours since the case was received. */
  ageHours: number;
  reason: string;
  claimedBy: string | null;
  acknowledgement: string;
  /** The complaint clock with the least time left, if one runs. */
  clock: QueueClock | null;
}

export interface QueueDependencies {
  queues: WorkQueues;
  cases: Pick<CaseStore, "getCase">;
  clock: Clock;
}

/**
 * The level's open cases, most urgent first and then oldest first. Entries whose case has closed or
 * moved to another level are settled on the way, so the queue stays short without a sweep.
 */
export async function levelQueue(level: ReferralLevel, deps: QueueDependencies): Promise<QueueItem[]> {
  const now = deps.clock.now();
  const entries = await deps.queues.list(level);
  const loaded = await Promise.all(
    entries.map(
      async (entry): Promise<[QueueEntry, CaseRecord | undefined]> => [
        entry,
        await deps.cases.getCase(entry.caseReference),
      ],
    ),
  );
  const items: QueueItem[] = [];
  for (const [entry, record] of loaded) {
    if (record?.status !== "open" || record.referral.level !== level || record.anonymisedAt) {
      await deps.queues.settle(entry, now.toISOString());
      continue;
    }
    items.push({
      reference: record.reference,
      subject: record.subject,
      kind: record.classification.kind,
      category: record.classification.category,
      signals: record.classification.signals,
      urgent: entry.urgent,
      receivedAt: record.createdAt,
      referredAt: entry.referredAt,
      ageHours: Math.floor((now.getTime() - Date.parse(record.createdAt)) / 3_600_000),
      reason: record.referral.reason,
      claimedBy: record.claim?.by ?? null,
      acknowledgement: record.acknowledgement.state,
      clock: queueClock(record, {}, now),
    });
  }
  return items.sort(
    (a, b) => Number(b.urgent) - Number(a.urgent) || a.receivedAt.localeCompare(b.receivedAt),
  );
}
