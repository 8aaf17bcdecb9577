// In-memory stand-ins for Heed's ports (the case store, staff changes, queues, reports, the access log,
// the mailer…), one per port, so the application's rules can be tested quickly; the sandbox tests run
// the same code on the emulators.

import type {
  CaseRecord,
  Correction,
  Referral,
  ReferralLevel,
  TimelineEvent,
} from "../../shared/domain/case";
import type { CaseAccess } from "../../shared/domain/case-access";
import type { Commitment } from "../../shared/domain/commitments";
import type { ClockPause } from "../../shared/domain/complaint-clocks";
import type { DueItem } from "../../shared/domain/follow-ups";
import type { CaseFeedback, CaseOutcome, FeedbackReportEntry } from "../../shared/domain/outcomes";
import type {
  AccessLog,
  AcknowledgementQuota,
  CaseCommunicationStore,
  CaseCorrectionChanges,
  CaseItems,
  CaseReportRow,
  CaseReports,
  CaseStore,
  ClaimResult,
  ComplaintRecords,
  CustomerRecord,
  DueItems,
  Log,
  LookupKind,
  Mailer,
  NotificationOutbox,
  NotificationRecord,
  OutboundLetter,
  QueueEntry,
  RaisedSignals,
  ReferralMessage,
  ReferralQueue,
  ReferralReportRow,
  StaffCaseChanges,
  Suppressions,
  ThemeAlertMessage,
  ThemeLedger,
  WorkQueues,
} from "../../shared/ports";
import { MailSuppressedError } from "../../shared/ports";

export class MemoryCases implements CaseStore {
  /** The same table's other items, where `addToCase` puts a new case's queue entry and a letter's nudge. */
  constructor(private readonly table: { dueItems?: MemoryDueItems; queues?: RecordingQueues } = {}) {}
  readonly cases = new Map<string, CaseRecord>();
  readonly events = new Map<string, TimelineEvent>();
  readonly lookups = new Map<string, Set<string>>();
  /** Report rows put with a case's items, latest last. */
  readonly reportRows: { cases: CaseReportRow[]; referrals: ReferralReportRow[] } = {
    cases: [],
    referrals: [],
  };

  async createCase(record: CaseRecord) {
    if (this.cases.has(record.reference)) return "exists" as const;
    this.cases.set(record.reference, structuredClone(record));
    return "created" as const;
  }
  async getCase(reference: string) {
    const record = this.cases.get(reference);
    return record ? structuredClone(record) : undefined;
  }
  async appendEvent(event: TimelineEvent) {
    const key = `${event.caseReference}#${event.eventId}`;
    if (!this.events.has(key)) this.events.set(key, structuredClone(event));
  }
  async timeline(reference: string) {
    return [...this.events.values()]
      .filter((event) => event.caseReference === reference)
      .sort((a, b) => a.at.localeCompare(b.at));
  }
  async findCaseReferences(kind: LookupKind, value: string) {
    return [...(this.lookups.get(`${kind}#${value.toLowerCase()}`) ?? [])];
  }
  async addLookup(kind: LookupKind, value: string, caseReference: string) {
    const key = `${kind}#${value.toLowerCase()}`;
    this.lookups.set(key, new Set([...(this.lookups.get(key) ?? []), caseReference]));
  }
  async addLookups(caseReference: string, lookups: readonly { kind: LookupKind; value: string }[]) {
    await this.addToCase(caseReference, { lookups });
  }
  /** Unconditional, as in the case table: an event written again keeps the later copy. */
  async addToCase(caseReference: string, items: CaseItems) {
    const { events = [], lookups = [], dueItems = [], queueEntries = [], complaintReturn = [] } = items;
    const { dueItems: due, queues } = this.table;
    if (complaintReturn.length > 0 || (dueItems.length > 0 && !due) || (queueEntries.length > 0 && !queues))
      throw new Error("these cases in memory are given no place for these items");
    for (const event of events)
      this.events.set(`${event.caseReference}#${event.eventId}`, structuredClone(event));
    for (const { kind, value } of lookups) await this.addLookup(kind, value, caseReference);
    for (const item of dueItems) due?.put(item);
    for (const entry of queueEntries) queues?.put(entry);
    this.reportRows.cases.push(...structuredClone(items.caseReports ?? []));
    this.reportRows.referrals.push(...structuredClone(items.referralReports ?? []));
  }
  async markReferred(reference: string, sentAt: string) {
    this.update(reference, (record) => {
      record.referral = { ...record.referral, state: "sent", sentAt };
    });
  }
  async claimAcknowledgement(reference: string, at: string, referred?: CaseRecord["referral"]) {
    const record = this.cases.get(reference);
    if (record?.acknowledgement.state !== "pending") return false;
    record.acknowledgement = { state: "sending", claimedAt: at };
    if (referred) record.referral = referred;
    return true;
  }
  async settleAcknowledgement(
    reference: string,
    result: CaseRecord["acknowledgement"],
    _at: string,
    contactAt?: string,
  ) {
    this.update(reference, (record) => {
      record.acknowledgement = result;
      if (contactAt) record.lastContactAt = contactAt;
    });
  }
  async raiseSignals(reference: string, change: RaisedSignals) {
    const record = this.cases.get(reference);
    if (!record || (change.referral && record.referral.level !== change.referral.from)) return false;
    record.classification.signals = change.signals;
    record.classification.evidence.push(...change.evidence);
    if (change.referral) record.referral = change.referral.to;
    return true;
  }
  async setFlag(reference: string, code: keyof CaseRecord["flags"], flag: { at: string; detail: string }) {
    this.update(reference, (record) => {
      record.flags[code] = flag;
    });
  }
  async reopen(reference: string) {
    const record = this.cases.get(reference);
    if (!record || record.status === "open") return false;
    record.status = "open";
    return true;
  }
  readonly customers = new Map<string, CustomerRecord>();
  async findOrCreateCustomer(email: string, offeredReference: string, at: string): Promise<CustomerRecord> {
    const known = this.customers.get(email) ?? { customerReference: offeredReference, email, createdAt: at };
    this.customers.set(email, known);
    return { ...known };
  }
  update(reference: string, change: (record: CaseRecord) => void) {
    const record = this.cases.get(reference);
    if (record) change(record);
  }
  eventsOf<T extends TimelineEvent["type"]>(reference: string, type: T) {
    return [...this.events.values()].filter(
      (event): event is Extract<TimelineEvent, { type: T }> =>
        event.caseReference === reference && event.type === type,
    );
  }
}

export class MemoryCommunication implements CaseCommunicationStore {
  readonly commitments = new Map<string, Commitment>();
  readonly claims = new Set<string>();
  readonly report: FeedbackReportEntry[] = [];

  constructor(private readonly cases: MemoryCases) {}

  async noteContact(reference: string, at: string) {
    this.cases.update(reference, (record) => {
      if (!record.lastContactAt || record.lastContactAt < at) record.lastContactAt = at;
    });
  }
  async recordOutcome(reference: string, outcome: CaseOutcome) {
    const record = this.cases.cases.get(reference);
    if (record?.status !== "open") return false;
    record.status = outcome.type === "resolved" ? "resolved" : "closed-unresolved";
    record.outcome = outcome;
    record.closedAt = outcome.at;
    return true;
  }
  async recordFeedback(reference: string, feedback: CaseFeedback) {
    const record = this.cases.cases.get(reference);
    if (
      record?.outcome?.outcomeId !== feedback.outcomeId ||
      record.feedback?.outcomeId === feedback.outcomeId
    )
      return false;
    record.feedback = feedback;
    return true;
  }
  async addToFeedbackReport(entry: FeedbackReportEntry) {
    if (!this.report.some((line) => line.at === entry.at && line.caseReference === entry.caseReference))
      this.report.push(entry);
  }
  async feedbackReport(month: string) {
    return this.report.filter((entry) => entry.at.startsWith(month));
  }
  async saveCommitment(commitment: Commitment) {
    this.commitments.set(`${commitment.caseReference}#${commitment.commitmentId}`, { ...commitment });
  }
  async getCommitment(reference: string, commitmentId: string) {
    const commitment = this.commitments.get(`${reference}#${commitmentId}`);
    return commitment ? { ...commitment } : undefined;
  }
  async listCommitments(reference: string) {
    return [...this.commitments.values()].filter((commitment) => commitment.caseReference === reference);
  }
  async settleCommitment(
    reference: string,
    commitmentId: string,
    settlement: { state: "kept" | "missed"; at: string; keptBy?: string; note?: string },
  ) {
    const commitment = this.commitments.get(`${reference}#${commitmentId}`);
    if (commitment?.state !== "open") return false;
    const { at, ...rest } = settlement;
    Object.assign(commitment, rest, { settledAt: at });
    return true;
  }
  async claimOnce(reference: string, key: string) {
    const claim = `${reference}#${key}`;
    if (this.claims.has(claim)) return false;
    this.claims.add(claim);
    return true;
  }
  async releaseClaim(reference: string, key: string) {
    this.claims.delete(`${reference}#${key}`);
  }
}

export class MemoryDueItems implements DueItems {
  readonly items = new Map<string, DueItem & { state: "pending" | "done" }>();

  private key(item: DueItem) {
    return `${item.dueAt}#${item.caseReference}#${item.kind}#${item.subjectId}`;
  }
  async schedule(item: DueItem) {
    if (!this.items.has(this.key(item))) this.put(item);
  }
  /** Unconditional, as a batch writes it. */
  put(item: DueItem) {
    this.items.set(this.key(item), { ...item, state: "pending" });
  }
  async due(now: Date) {
    return [...this.items.values()]
      .filter((item) => item.state === "pending" && item.dueAt <= now.toISOString())
      .map(({ state: _state, ...item }) => item)
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }
  async markDone(item: DueItem) {
    const stored = this.items.get(this.key(item));
    if (stored) stored.state = "done";
  }
  pending(reference: string) {
    return [...this.items.values()].filter(
      (item) => item.caseReference === reference && item.state === "pending",
    );
  }
}

export class MemorySuppressions implements Suppressions {
  readonly addresses = new Map<string, string>();
  async suppress(address: string, cause: string) {
    if (!this.addresses.has(address.toLowerCase())) this.addresses.set(address.toLowerCase(), cause);
  }
  async isSuppressed(address: string) {
    return this.addresses.has(address.toLowerCase());
  }
}

export class RecordingMailer implements Mailer {
  readonly sent: OutboundLetter[] = [];
  failWith: Error | undefined;

  async send(message: OutboundLetter) {
    if (this.failWith) throw this.failWith;
    // As SES's mailer does with an answer its caller read already.
    if (message.recipientSuppressed) throw new MailSuppressedError("the address is suppressed");
    this.sent.push(message);
    const providerMessageId = `0100-${this.sent.length}`;
    return { providerMessageId, messageId: `${providerMessageId}@amazonses.com` };
  }
}

export class RecordingReferrals implements ReferralQueue {
  readonly messages: ReferralMessage[] = [];
  failWith: Error | undefined;

  async send(message: ReferralMessage) {
    if (this.failWith) throw this.failWith;
    this.messages.push(message);
  }
  async sendThemeAlert(_message: ThemeAlertMessage) {}
}

/** Work queues in memory: each placement, in order, and which were settled. */
export class RecordingQueues implements WorkQueues {
  readonly placed: QueueEntry[] = [];
  readonly settled = new Set<string>();
  async place(entry: QueueEntry) {
    if (!this.placed.some((known) => known.referralId === entry.referralId)) this.placed.push(entry);
  }
  /** Unconditional, as a batch writes it: replaces the entry of the same referral. */
  put(entry: QueueEntry) {
    const known = this.placed.findIndex((placed) => placed.referralId === entry.referralId);
    this.placed.splice(known < 0 ? this.placed.length : known, known < 0 ? 0 : 1, entry);
  }
  async list(level: ReferralLevel) {
    return this.placed
      .filter((entry) => entry.level === level && !this.settled.has(entry.referralId))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }
  async settle(entry: QueueEntry, _at: string) {
    this.settled.add(entry.referralId);
  }
}

/** What staff change on a case, applied to the cases in memory with the table's conditions. */
export class MemoryStaffCaseChanges implements StaffCaseChanges {
  constructor(private readonly cases: MemoryCases) {}

  async claim(reference: string, by: string, at: string, takeOver: boolean): Promise<ClaimResult> {
    const record = this.cases.cases.get(reference);
    if (!record) throw new Error(`no case ${reference}`);
    const previous = record.claim?.by;
    if (previous && previous !== by && !takeOver) return { claimed: false, heldBy: previous };
    record.claim = { by, at };
    this.noteOn(record, at);
    return previous && previous !== by ? { claimed: true, previous } : { claimed: true };
  }
  async changeReferral(reference: string, from: ReferralLevel, referral: Referral, at: string) {
    const record = this.cases.cases.get(reference);
    if (record?.referral.level !== from || record.status !== "open") return false;
    record.referral = referral;
    delete record.claim;
    this.noteOn(record, at);
    return true;
  }
  async correct(reference: string, changes: CaseCorrectionChanges, corrections: Correction[], at: string) {
    const record = this.cases.cases.get(reference);
    if (!record) throw new Error(`no case ${reference}`);
    Object.assign(record.customer, changes.customer);
    Object.assign(record.classification, changes.classification);
    if (changes.transactionReferences) record.transactionReferences = changes.transactionReferences;
    record.corrections = [...(record.corrections ?? []), ...corrections];
    this.noteOn(record, at);
  }
  async noteStaffAction(reference: string, at: string) {
    const record = this.cases.cases.get(reference);
    if (!record) throw new Error(`no case ${reference}`);
    this.noteOn(record, at);
  }
  private noteOn(record: CaseRecord, at: string) {
    record.updatedAt = at;
    record.firstStaffActionAt ??= at;
  }
}

/** What the regulated complaint actions keep on a case, applied to the cases in memory. */
export class MemoryComplaintRecords implements ComplaintRecords {
  constructor(private readonly cases: MemoryCases) {}
  async setPaymentServices(reference: string, paymentServices: boolean, _at: string) {
    this.cases.update(reference, (record) => {
      record.complaintHandling = { ...record.complaintHandling, paymentServices };
    });
  }
  async noteRegulatedLetter(reference: string, letterId: string, at: string) {
    this.cases.update(reference, (record) => {
      const letters = [...(record.complaintHandling?.letters ?? []), { letterId, at }];
      record.complaintHandling = { ...record.complaintHandling, letters };
    });
  }
  async startPause(reference: string, pause: ClockPause, pausesBefore: number) {
    const pauses = (await this.cases.getCase(reference))?.complaintHandling?.pauses ?? [];
    if (pauses.length !== pausesBefore) return false;
    this.cases.update(reference, (record) => {
      record.complaintHandling = { ...record.complaintHandling, pauses: [...pauses, pause] };
    });
    return true;
  }
  async endPause(reference: string, index: number, until: string) {
    const pause = (await this.cases.getCase(reference))?.complaintHandling?.pauses?.[index];
    if (!pause || pause.until) return false;
    this.cases.update(reference, (record) => {
      const pauses = [...(record.complaintHandling?.pauses ?? [])];
      pauses[index] = { ...pause, until };
      record.complaintHandling = { ...record.complaintHandling, pauses };
    });
    return true;
  }
}

/** The reports' rows in memory: the latest row per case. */
export class MemoryCaseReports implements Pick<CaseReports, "putCase"> {
  readonly rows = new Map<string, CaseReportRow>();
  async putCase(row: CaseReportRow) {
    this.rows.set(row.caseReference, structuredClone(row));
  }
}

/** The access log in memory, in the order accesses were recorded. */
export class MemoryAccessLog implements AccessLog {
  readonly accesses: CaseAccess[] = [];
  async record(access: CaseAccess) {
    this.accesses.push(structuredClone(access));
  }
  async list(caseReference: string) {
    return this.accesses.filter((access) => access.caseReference === caseReference);
  }
}

/** The staff notification outbox in memory, with the same claim rules as the table. */
export class MemoryOutbox implements NotificationOutbox {
  readonly records = new Map<string, NotificationRecord>();
  private readonly emails = new Map<string, string>();
  async claim(notificationId: string, at: string, emailId: string) {
    const known = this.records.get(notificationId);
    if (known && known.state !== "released") return false;
    this.records.set(notificationId, { notificationId, state: "sending", claimedAt: at });
    this.emails.set(notificationId, emailId);
    return true;
  }
  async release(notificationId: string) {
    const known = this.records.get(notificationId);
    if (known?.state === "sending") known.state = "released";
  }
  /** Every notification claimed for the email reads as sent, as the table's reader resolves them. */
  async markSent(emailId: string, sent: { at: string }) {
    for (const [notificationId, email] of this.emails) {
      const known = this.records.get(notificationId);
      if (email === emailId && known?.state === "sending")
        Object.assign(known, { state: "sent", sentAt: sent.at });
    }
  }
}

/** The per-sender daily cap in memory; like the table, the same message taken again counts once. */
export class CountingQuota implements AcknowledgementQuota {
  private readonly taken = new Map<string, Set<string>>();
  async take(sender: string, day: string, cap: number, messageId: string) {
    const messages = this.taken.get(`${sender}#${day}`) ?? new Set<string>();
    if (messages.has(messageId)) return true;
    if (messages.size >= cap) return false;
    this.taken.set(`${sender}#${day}`, messages.add(messageId));
    return true;
  }
}

/** A theme ledger that keeps nothing and raises no alert, for tests about something else. */
export const unusedThemes: ThemeLedger = {
  count: async () => ({ current: 0, previous: 0, recentCases: [] }),
  noteAlerted: async () => {},
  claimAlert: async () => false,
  markQueued: async () => {},
};

export const silentLog: Log = { info() {}, warn() {}, error() {} };

/** A log that keeps every line, for tests that check what is logged and what never is. */
export class RecordingLog implements Log {
  readonly lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  info(message: string, fields: Record<string, unknown> = {}) {
    this.lines.push({ level: "info", message, fields });
  }
  warn(message: string, fields: Record<string, unknown> = {}) {
    this.lines.push({ level: "warn", message, fields });
  }
  error(message: string, fields: Record<string, unknown> = {}) {
    this.lines.push({ level: "error", message, fields });
  }
}

export class MovableClock {
  constructor(private current: Date) {}
  now() {
    return new Date(this.current.getTime());
  }
  set(time: string) {
    this.current = new Date(time);
  }
}
