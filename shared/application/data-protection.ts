// The rights of the people Heed holds data about (UK GDPR arts. 15 and 17, answerable within one month):
// find everything held about a person by email or phone across the case table, the raw-mail bucket and
// the dead-letter queues; export it as a readable bundle, with other people's details flagged for review
// before it is disclosed; erase it, leaving a hashed tombstone so no redrive or reply rebuilds it.
// Legal holds, which keep a case past retention and erasure, are placed and lifted here too.

import type { CaseRecord, TimelineEvent } from "../domain/case";
import type { IntakeEntry } from "../domain/intake";
import { normaliseEmailAddress } from "../domain/mail";
import type { LegalHold } from "../domain/retention";
import type {
  CaseStore,
  CaseTableInventory,
  Clock,
  DeadLetters,
  Log,
  ParkedMessage,
  PersonalDataStore,
  StoredObjects,
  Tombstones,
} from "../ports";
import { objectKeyOf, type PurgeDependencies, purgeCase, purgeUncasedInput } from "./retention";

export interface DataProtectionDependencies extends PurgeDependencies {
  table: CaseTableInventory;
  cases: Pick<CaseStore, "timeline" | "findCaseReferences" | "getCase">;
  store: PersonalDataStore;
  objects: StoredObjects;
  tombstones: Tombstones;
  deadLetters: DeadLetters;
  clock: Clock;
  log: Log;
  /** Turns a phone number as staff typed it into E.164, or undefined when it is not one. */
  normalisePhone: (input: string) => string | undefined;
}

/** Who a request is about, as staff typed it: an email address, a phone number, or both. */
export interface DataSubject {
  email?: string;
  phone?: string;
}

export class InvalidDataSubjectError extends Error {
  override name = "InvalidDataSubjectError";
}

/** Someone other than the requester whose details appear in what would be disclosed. */
export interface ThirdPartyMention {
  caseReference: string;
  /** What it is: an email, phone, name or address in the case's details, or a message another person sent. */
  field: string;
  value: string;
  where: "case-details" | "message-from-someone-else" | "forwarded-by-staff";
}

/**
 * `customer`: the case is about this person, all of it is theirs. `correspondent`: they wrote into
 * someone else's case, and only the messages they sent are theirs.
 */
export type HeldCase =
  | { role: "customer"; case: CaseRecord; timeline: TimelineEvent[] }
  | { role: "correspondent"; caseReference: string; messages: TimelineEvent[] };

export interface PersonalDataFound {
  subject: DataSubject;
  cases: HeldCase[];
  /** Ledger entries of the person's input that no case of theirs holds: form posts, suppressed mail. */
  inputs: IntakeEntry[];
  rawMessageKeys: string[];
  parkedMessages: ParkedMessage[];
  thirdParties: ThirdPartyMention[];
  /** True when this person's data was erased before: what is found now arrived since. */
  previouslyErased: boolean;
}

export interface ExportBundle {
  generatedAt: string;
  subject: DataSubject;
  previouslyErased: boolean;
  notes: string[];
  cases: HeldCase[];
  inputs: IntakeEntry[];
  rawMessages: { key: string; mime: string }[];
  parkedMessages: { queue: string; messageId: string; body: string }[];
  thirdPartiesToReview: ThirdPartyMention[];
}

export interface ErasureReport {
  at: string;
  casesErased: string[];
  /** Cases under a legal hold: kept, and named so the requester can be told why (art. 17(3)(e)). */
  casesHeld: string[];
  /** Someone else's cases the person wrote into: their messages there need a person's review. */
  casesToReview: string[];
  inputsPurged: number;
  parkedMessagesDeleted: number;
}

const BUNDLE_NOTES = [
  "Everything Heed holds about the person named in `subject`, found by email address and phone number.",
  "`cases` are the person's cases (role customer) and cases of others they wrote into (role correspondent), each with its full timeline.",
  "`rawMessages` are the emails exactly as received (MIME), attachments included.",
  "`thirdPartiesToReview` lists other people's details in this bundle: review and redact them before disclosure (ICO right of access guidance).",
];

interface Subject {
  email: string | undefined;
  phone: string | undefined;
}

function normaliseSubject(subject: DataSubject, deps: DataProtectionDependencies): Subject {
  const email = subject.email?.trim() ? normaliseEmailAddress(subject.email) : undefined;
  const phone = subject.phone?.trim() ? deps.normalisePhone(subject.phone) : undefined;
  if (subject.phone?.trim() && !phone) throw new InvalidDataSubjectError("the phone number is not valid");
  if (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw new InvalidDataSubjectError("the email address is not valid");
  }
  if (!email && !phone) throw new InvalidDataSubjectError("give an email address, a phone number or both");
  return { email, phone };
}

function isCustomer(record: CaseRecord, subject: Subject): boolean {
  return (
    (subject.email !== undefined && record.customer.email === subject.email) ||
    (subject.phone !== undefined && record.customer.phone === subject.phone)
  );
}

function isSubjectsValue(value: string, subject: Subject): boolean {
  return value === subject.email || value === subject.phone;
}

function submittedBy(entry: IntakeEntry, subject: Subject, deps: DataProtectionDependencies): boolean {
  const submission = entry.submission;
  if (!submission) return false;
  const phone = submission.phone ? deps.normalisePhone(submission.phone) : undefined;
  return (
    (subject.email !== undefined && normaliseEmailAddress(submission.email) === subject.email) ||
    (subject.phone !== undefined && phone === subject.phone)
  );
}

/** Whether raw mail names the person in its headers (From, Reply-To, Return-Path and the like). */
function rawMailFrom(raw: Buffer, subject: Subject): boolean {
  if (!subject.email) return false;
  const text = raw.toString("latin1");
  const headerEnd = text.search(/\r?\n\r?\n/);
  const headers = (headerEnd === -1 ? text : text.slice(0, headerEnd)).toLowerCase();
  return headers.includes(subject.email);
}

/** Other people's details in one of the person's own cases: what a reviewer must consider redacting. */
function thirdPartiesIn(
  record: CaseRecord,
  timeline: TimelineEvent[],
  subject: Subject,
): ThirdPartyMention[] {
  const mentions: ThirdPartyMention[] = [];
  const customersOwn = new Set(Object.values(record.customer).filter((value) => value !== undefined));
  for (const detail of record.extracted) {
    if (detail.field === "transaction-reference" || detail.field === "amount") continue;
    const own =
      detail.kind !== "other-party" &&
      (isSubjectsValue(detail.value, subject) ||
        (detail.confidence !== "low" && customersOwn.has(detail.value)));
    if (own) continue;
    mentions.push({
      caseReference: record.reference,
      field: detail.field,
      value: detail.value,
      where: "case-details",
    });
  }
  for (const event of timeline) {
    if (event.type !== "message-received" || event.fromCustomer || event.from === subject.email) continue;
    mentions.push({
      caseReference: record.reference,
      field: "email",
      value: event.from,
      where: "message-from-someone-else",
    });
  }
  if (record.forwardedBy) {
    mentions.push({
      caseReference: record.reference,
      field: "email",
      value: record.forwardedBy,
      where: "forwarded-by-staff",
    });
  }
  return mentions;
}

function parkedAbout(
  message: ParkedMessage,
  caseReferences: Set<string>,
  keys: Set<string>,
  subject: Subject,
): boolean {
  const body = message.body;
  return (
    [...caseReferences].some((reference) => body.includes(reference)) ||
    [...keys].some((key) => body.includes(key) || body.includes(encodeURIComponent(key))) ||
    (subject.email !== undefined && body.toLowerCase().includes(subject.email))
  );
}

function sentBy(timeline: TimelineEvent[], subject: Subject): TimelineEvent[] {
  return timeline.filter((event) => event.type === "message-received" && event.from === subject.email);
}

function rawKeysOf(messages: TimelineEvent[]): string[] {
  return messages.flatMap((event) => {
    const key = event.type === "message-received" ? objectKeyOf(event.rawLocation) : undefined;
    return key ? [key] : [];
  });
}

async function find(
  subject: Subject,
  deps: DataProtectionDependencies,
): Promise<{ found: PersonalDataFound; entries: IntakeEntry[] }> {
  const { entries, cases } = await deps.table.read();
  const held: HeldCase[] = [];
  const ownCases = new Set<string>();
  const thirdParties: ThirdPartyMention[] = [];
  const rawMessageKeys = new Set<string>();
  for (const record of cases) {
    if (record.anonymisedAt) continue;
    const customer = isCustomer(record, subject);
    // A reply from someone who is not the customer is flagged on the case: only those cases are read.
    if (!customer && !record.flags["reply-from-other-sender"]) continue;
    const timeline = await deps.cases.timeline(record.reference);
    if (customer) {
      held.push({ role: "customer", case: record, timeline });
      ownCases.add(record.reference);
      thirdParties.push(...thirdPartiesIn(record, timeline, subject));
      for (const key of rawKeysOf(timeline)) rawMessageKeys.add(key);
      continue;
    }
    const messages = sentBy(timeline, subject);
    if (messages.length === 0) continue;
    held.push({ role: "correspondent", caseReference: record.reference, messages });
    for (const key of rawKeysOf(messages)) rawMessageKeys.add(key);
  }

  const inputs: IntakeEntry[] = [];
  for (const entry of entries) {
    const result = entry.result;
    if (entry.purgedAt || (result && "caseReference" in result)) continue;
    if (submittedBy(entry, subject, deps)) {
      inputs.push(entry);
      continue;
    }
    const key = entry.channel === "email" ? objectKeyOf(entry.source) : undefined;
    const raw = key ? await deps.objects.read(key) : undefined;
    if (key && raw && rawMailFrom(raw, subject)) {
      inputs.push(entry);
      rawMessageKeys.add(key);
    }
  }

  const parked = (await deps.deadLetters.list()).filter((message) =>
    parkedAbout(message, ownCases, rawMessageKeys, subject),
  );
  const erasedBefore = await Promise.all(
    (["email", "phone"] as const).map((kind) => {
      const value = subject[kind];
      return value ? deps.tombstones.covers(kind, value) : false;
    }),
  );
  const found: PersonalDataFound = {
    subject: {
      ...(subject.email ? { email: subject.email } : {}),
      ...(subject.phone ? { phone: subject.phone } : {}),
    },
    cases: held,
    inputs,
    rawMessageKeys: [...rawMessageKeys],
    parkedMessages: parked,
    thirdParties,
    previouslyErased: erasedBefore.some(Boolean),
  };
  return { found, entries };
}

export async function findPersonalData(
  request: DataSubject,
  deps: DataProtectionDependencies,
): Promise<PersonalDataFound> {
  const { found } = await find(normaliseSubject(request, deps), deps);
  deps.log.info("personal data found", {
    cases: found.cases.length,
    inputs: found.inputs.length,
    rawMessages: found.rawMessageKeys.length,
    parkedMessages: found.parkedMessages.length,
  });
  return found;
}

export async function exportPersonalData(
  request: DataSubject,
  deps: DataProtectionDependencies,
): Promise<ExportBundle> {
  const found = await findPersonalData(request, deps);
  const rawMessages: ExportBundle["rawMessages"] = [];
  for (const key of found.rawMessageKeys) {
    const raw = await deps.objects.read(key);
    if (raw) rawMessages.push({ key, mime: raw.toString("utf8") });
  }
  return {
    generatedAt: deps.clock.now().toISOString(),
    subject: found.subject,
    previouslyErased: found.previouslyErased,
    notes: BUNDLE_NOTES,
    cases: found.cases,
    inputs: found.inputs,
    rawMessages,
    parkedMessages: found.parkedMessages.map(({ queue, messageId, body }) => ({ queue, messageId, body })),
    thirdPartiesToReview: found.thirdParties,
  };
}

export async function erasePersonalData(
  request: DataSubject,
  deps: DataProtectionDependencies,
): Promise<ErasureReport> {
  const subject = normaliseSubject(request, deps);
  const { found, entries } = await find(subject, deps);
  const at = deps.clock.now().toISOString();
  const report: ErasureReport = {
    at,
    casesErased: [],
    casesHeld: [],
    casesToReview: [],
    inputsPurged: 0,
    parkedMessagesDeleted: 0,
  };
  // The tombstone first: mail arriving while the erasure runs is held back, not recorded afresh.
  if (subject.email) await deps.tombstones.bury("email", subject.email, at);
  if (subject.phone) await deps.tombstones.bury("phone", subject.phone, at);

  for (const held of found.cases) {
    if (held.role === "correspondent") report.casesToReview.push(held.caseReference);
    else if (held.case.legalHold) report.casesHeld.push(held.case.reference);
    else {
      await purgeCase(held.case, entries, at, deps);
      report.casesErased.push(held.case.reference);
    }
  }
  for (const entry of found.inputs) {
    await purgeUncasedInput(entry, at, deps);
    report.inputsPurged += 1;
  }
  for (const message of found.parkedMessages) {
    await deps.deadLetters.delete(message);
    report.parkedMessagesDeleted += 1;
  }
  if (subject.email) await deps.store.deleteCustomer(subject.email);
  deps.log.info("personal data erased", {
    casesErased: report.casesErased,
    casesHeld: report.casesHeld,
    casesToReview: report.casesToReview,
    inputsPurged: report.inputsPurged,
    parkedMessagesDeleted: report.parkedMessagesDeleted,
  });
  return report;
}

export type LegalHoldResult = { changed: true } | { changed: false; reason: "not-found" | "anonymised" };

/** Places a legal hold (or lifts it, with `hold` undefined); a held case is neither expired nor erased. */
export async function setLegalHold(
  reference: string,
  hold: LegalHold | undefined,
  deps: Pick<DataProtectionDependencies, "cases" | "store" | "clock" | "log">,
): Promise<LegalHoldResult> {
  const record = await deps.cases.getCase(reference);
  if (!record) return { changed: false, reason: "not-found" };
  if (record.anonymisedAt) return { changed: false, reason: "anonymised" };
  await deps.store.setLegalHold(reference, hold, deps.clock.now().toISOString());
  // TTL must not remove what the hold keeps; retention stamps it again once the hold is lifted.
  if (hold) await deps.store.setExpiry(reference, undefined);
  deps.log.info(hold ? "legal hold placed" : "legal hold lifted", { caseReference: reference });
  return { changed: true };
}
