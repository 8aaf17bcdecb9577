import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { workHour, workHoursBetween } from "../../shared/adapters/aws/recent-work-index";
import { resumeFormEntry } from "../../shared/application/intake-form";
import {
  CATCH_UP_LIMIT_HOURS,
  type ReconcileDependencies,
  reconcile,
  reconcileWindow,
} from "../../shared/application/reconcile";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { defaultPolicy } from "../../shared/config/policy";
import type { CaseRecord } from "../../shared/domain/case";
import type { IntakeEntry, IntakeOutcome } from "../../shared/domain/intake";
import type {
  NotificationRecord,
  RawMailLocation,
  RawMailObjectSummary,
  UnqueuedThemeAlert,
} from "../../shared/ports";
import {
  CountingQuota,
  MemoryCases,
  MemoryCommunication,
  MemoryOutbox,
  MovableClock,
  RecordingLog,
  RecordingMailer,
  RecordingQueues,
  RecordingReferrals,
  unusedThemes,
} from "./communication-fakes";
import { sampleCase } from "./sample-case";
import { MemoryIntakeLedger } from "./support/memory-intake-ledger";

const NOW = "2026-11-23T12:00:00.000Z";
const LONG_AGO = "2026-11-23T10:00:00.000Z";
const JUST_NOW = "2026-11-23T11:59:00.000Z";
const BUCKET = "raw-mail";

function object(key: string, lastModified = LONG_AGO): RawMailObjectSummary {
  return { bucket: BUCKET, key, size: 100, eTag: "e", lastModified };
}

function entry(intakeId: string, result?: IntakeOutcome, changes: Partial<IntakeEntry> = {}): IntakeEntry {
  return {
    intakeId,
    channel: intakeId.startsWith("mail:") ? "email" : "web-form",
    receivedAt: LONG_AGO,
    proposedCaseReference: "CS-AAAAAAAA",
    source: intakeId.startsWith("mail:") ? `s3://${BUCKET}/${intakeId.slice(5)}` : "POST /api/forms",
    ...(result ? { result: { ...result, decidedAt: LONG_AGO } } : {}),
    ...changes,
  };
}

function caseFor(reference: string, intakeId: string, changes: Partial<CaseRecord> = {}): CaseRecord {
  return {
    ...structuredClone(sampleCase),
    reference,
    intakeId,
    createdAt: LONG_AGO,
    updatedAt: LONG_AGO,
    acknowledgement: { state: "sent" },
    referral: { ...sampleCase.referral, state: "sent" },
    ...changes,
  };
}

function world(
  objects: RawMailObjectSummary[],
  entries: IntakeEntry[],
  cases: CaseRecord[],
  outboxes: { notifications?: NotificationRecord[]; unqueuedThemeAlerts?: UnqueuedThemeAlert[] } = {},
) {
  const memory = new MemoryCases();
  for (const record of cases) memory.cases.set(record.reference, structuredClone(record));
  const redriven: RawMailLocation[] = [];
  const resumed: string[] = [];
  const published: Record<string, number>[] = [];
  const log = new RecordingLog();
  const mailer = new RecordingMailer();
  const referrals = new RecordingReferrals();
  const outbox = new MemoryOutbox();
  const queued: string[] = [];
  const inWindow = (from: Date, to: Date) => {
    const hours = new Set(workHoursBetween(from, to));
    return (time: string) => hours.has(workHour(time).workHour);
  };
  let lastRun: string | undefined;
  const deps: ReconcileDependencies = {
    rawMail: {
      present: async (keys) => new Set(keys.filter((key) => objects.some((object) => object.key === key))),
    },
    recent: {
      read: async (from, to) => {
        const started = inWindow(from, to);
        return {
          entries: entries.filter((pending) => started(pending.release?.at ?? pending.receivedAt)),
          arrivals: objects
            .filter((stored) => started(stored.lastModified))
            .map(({ bucket, key, lastModified }) => ({ bucket, key, receivedAt: lastModified })),
          cases: [...memory.cases.values()].filter((record) => started(record.createdAt)),
          unqueuedThemeAlerts: (outboxes.unqueuedThemeAlerts ?? []).filter(
            ({ alert, claimedAt }) => !queued.includes(alert.alertId) && started(claimedAt),
          ),
        };
      },
      entries: async (ids) => entries.filter((pending) => ids.includes(pending.intakeId)),
      cases: async (references) => references.flatMap((reference) => memory.cases.get(reference) ?? []),
      notifications: async (ids) => ids.flatMap((id) => outbox.records.get(id) ?? []),
      lastRun: async () => lastRun,
      recordRun: async (at) => {
        if (!lastRun || lastRun < at) lastRun = at;
      },
    },
    themes: { markQueued: async (alertId) => void queued.push(alertId) },
    outbox,
    claims: new MemoryCommunication(memory),
    intakeQueue: { redrive: async (location) => void redriven.push(location) },
    resumeFormEntry: async (pending) => void resumed.push(pending.intakeId),
    metrics: { publish: (values) => void published.push(values) },
    cases: memory,
    quota: new CountingQuota(),
    intakePolicy: defaultIntakePolicy,
    referrals,
    queues: new RecordingQueues(),
    urgentSignals: [],
    mailer,
    clock: new MovableClock(new Date(NOW)),
    policy: defaultPolicy,
    log,
    settings: {
      intakeAddress: "complaints@example.com",
      leaseMinutes: 15,
      notifyWithinMinutes: 15,
      windowHours: 6,
    },
  };
  for (const record of outboxes.notifications ?? []) outbox.records.set(record.notificationId, { ...record });
  return { deps, memory, redriven, resumed, published, log, mailer, referrals, outbox, queued };
}

describe("reconcile", () => {
  it("counts every input once by its outcome, and the counts add up", async () => {
    // Prepare
    const { deps, published } = world(
      [object("inbound/a"), object("inbound/b"), object("inbound/c"), object("inbound/d")],
      [
        entry("mail:inbound/a", { outcome: "case-created", caseReference: "CS-AAAAAAA1" }),
        entry("mail:inbound/b", { outcome: "threaded", caseReference: "CS-AAAAAAA1" }),
        entry("mail:inbound/c", { outcome: "suppressed", reason: "auto-submitted" }),
        entry("mail:inbound/d", { outcome: "quarantined", reason: "spam" }),
        entry("form:1", { outcome: "case-created", caseReference: "CS-AAAAAAA2" }),
        entry("form-rejected:req-1", { outcome: "rejected", reason: "foreign-origin" }),
      ],
      [caseFor("CS-AAAAAAA1", "mail:inbound/a"), caseFor("CS-AAAAAAA2", "form:1")],
    );

    // Act
    const report = await reconcile(deps);

    // Assess
    expect(report.inputs).toEqual({ total: 5, email: 4, "web-form": 1, staff: 0, "case-page": 0 });
    expect(report.outcomes).toEqual({
      newCases: 2,
      threaded: 1,
      suppressed: { "auto-submitted": 1 },
      quarantined: { spam: 1 },
      undecided: 0,
    });
    expect(report.formPostsRefused).toBe(1);
    expect(report.addsUp).toBe(true);
    expect(published).toEqual([
      expect.objectContaining({ ReconciledInputs: 5, ReconciliationMismatches: 0 }),
    ]);
  });

  it("sends raw mail with no outcome through intake again once it is past the lease, and reports it", async () => {
    // Prepare
    const { deps, redriven, log } = world(
      [object("inbound/lost"), object("inbound/in-flight", JUST_NOW), object("inbound/undecided")],
      [entry("mail:inbound/undecided")],
      [],
    );

    // Act
    const report = await reconcile(deps);

    // Assess
    expect(redriven).toEqual([
      { bucket: BUCKET, key: "inbound/lost" },
      { bucket: BUCKET, key: "inbound/undecided" },
    ]);
    expect(report.outcomes.undecided).toBe(3);
    expect(report.mismatches["input-without-outcome"]).toBe(2);
    expect(report.addsUp).toBe(false);
    expect(log.lines).toContainEqual({
      level: "warn",
      message: "reconciliation mismatch",
      fields: {
        reason: "input-without-outcome",
        count: 2,
        ids: ["mail:inbound/lost", "mail:inbound/undecided"],
      },
    });
  });

  it("records an accepted form post from the submission its entry kept", async () => {
    // Prepare
    const submission = { submissionId: "s1", noticeVersion: "1" } as IntakeEntry["submission"];
    const { deps, resumed } = world([], [entry("form:s1", undefined, { submission })], []);

    // Act
    const report = await reconcile(deps);

    // Assess
    expect(resumed).toEqual(["form:s1"]);
    expect(report.redriven).toBe(1);
  });

  it("finishes form posts left past their lease: a case from the kept submission, a suppression without one", async () => {
    // Prepare: one accepted post stopped before its case, one automated post stopped before its outcome
    const submission = {
      submissionId: "s2",
      noticeVersion: "1",
      name: "Jo Bloggs",
      email: "jo@example.org",
      category: "delivery",
      message: "My parcel has not arrived and I am very disappointed.",
      contactPreference: "email" as const,
    };
    const accepted = entry("form:s2", undefined, { submission, proposedCaseReference: "CS-FORM0002" });
    const automated = entry("form:s3", undefined, { proposedCaseReference: "CS-FORM0003" });
    const { deps, memory, mailer } = world([], [accepted, automated], []);
    const ledger = new MemoryIntakeLedger();
    for (const pending of [accepted, automated]) await ledger.open(pending);
    deps.resumeFormEntry = (pending) =>
      resumeFormEntry(pending, {
        ...deps,
        ledger,
        themes: unusedThemes,
        tombstones: { covers: async () => false },
        random: randomBytes,
      });

    // Act
    const report = await reconcile(deps);

    // Assess
    expect(report.redriven).toBe(2);
    expect(ledger.entries.get("form:s2")?.result).toMatchObject({
      outcome: "case-created",
      caseReference: "CS-FORM0002",
    });
    expect(memory.cases.get("CS-FORM0002")).toMatchObject({ channel: "web-form", intakeId: "form:s2" });
    expect(mailer.sent.map((letter) => letter.to)).toEqual(["jo@example.org"]);
    expect(ledger.entries.get("form:s3")?.result).toMatchObject({
      outcome: "suppressed",
      reason: "submission-not-kept",
    });
  });

  it("names outcomes whose raw mail or case is gone, and cases no input accounts for, but not purged ones", async () => {
    // Prepare
    const { deps } = world(
      [object("inbound/has-no-case")],
      [
        entry("mail:inbound/object-gone", { outcome: "suppressed", reason: "bulk-or-list" }),
        entry("mail:inbound/has-no-case", { outcome: "case-created", caseReference: "CS-AAAAAAA3" }),
        entry(
          "mail:inbound/purged",
          { outcome: "case-created", caseReference: "CS-AAAAAAA4" },
          { purgedAt: LONG_AGO },
        ),
      ],
      [
        caseFor("CS-AAAAAAA5", "mail:inbound/never-recorded"),
        caseFor("CS-AAAAAAA6", "mail:inbound/has-no-case"),
      ],
    );

    // Act
    const report = await reconcile(deps);

    // Assess
    expect(report.mismatches).toMatchObject({
      "raw-mail-missing": 1,
      "case-missing": 1,
      "case-without-intake": 2,
    });
  });

  it("retries a referral and an acknowledgement still pending past the lease", async () => {
    // Prepare
    const { deps, mailer, referrals, memory } = world(
      [object("inbound/a")],
      [entry("mail:inbound/a", { outcome: "case-created", caseReference: "CS-AAAAAAA1" })],
      [
        caseFor("CS-AAAAAAA1", "mail:inbound/a", {
          acknowledgement: { state: "pending" },
          referral: { ...sampleCase.referral, state: "pending" },
        }),
      ],
    );

    // Act
    const report = await reconcile(deps);

    // Assess
    expect(report.followUps.retried).toBe(1);
    expect(referrals.messages).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
    expect((await memory.getCase("CS-AAAAAAA1"))?.acknowledgement.state).toBe("sent");
  });

  it("settles an acknowledgement claimed past the lease as unknown, and never sends it", async () => {
    // Prepare
    const { deps, mailer, memory } = world(
      [object("inbound/a")],
      [entry("mail:inbound/a", { outcome: "case-created", caseReference: "CS-AAAAAAA1" })],
      [
        caseFor("CS-AAAAAAA1", "mail:inbound/a", {
          acknowledgement: { state: "sending", claimedAt: LONG_AGO },
        }),
      ],
    );

    // Act
    const report = await reconcile(deps);

    // Assess
    const record = await memory.getCase("CS-AAAAAAA1");
    expect(record?.acknowledgement).toEqual({ state: "failed", reason: "outcome-unknown" });
    expect(record?.flags["customer-not-informed"]).toBeDefined();
    expect(await memory.timeline("CS-AAAAAAA1")).toContainEqual(
      expect.objectContaining({ type: "message-not-sent", reason: "outcome-unknown" }),
    );
    expect(mailer.sent).toEqual([]);
    expect(report.mismatches["acknowledgement-outcome-unknown"]).toBe(1);
  });

  it("leaves a claim inside its lease, and work still in flight, alone", async () => {
    // Prepare
    const { deps, mailer, memory } = world(
      [object("inbound/a")],
      [entry("mail:inbound/a", { outcome: "case-created", caseReference: "CS-AAAAAAA1" })],
      [
        caseFor("CS-AAAAAAA1", "mail:inbound/a", {
          createdAt: JUST_NOW,
          acknowledgement: { state: "sending", claimedAt: JUST_NOW },
        }),
      ],
    );

    // Act
    const report = await reconcile(deps);

    // Assess
    expect((await memory.getCase("CS-AAAAAAA1"))?.acknowledgement.state).toBe("sending");
    expect(mailer.sent).toEqual([]);
    expect(report.addsUp).toBe(true);
  });

  it("reports a follow-up that fails again, and logs ids and reason codes only", async () => {
    // Prepare
    const { deps, referrals, log } = world(
      [object("inbound/a")],
      [entry("mail:inbound/a", { outcome: "case-created", caseReference: "CS-AAAAAAA1" })],
      [caseFor("CS-AAAAAAA1", "mail:inbound/a", { referral: { ...sampleCase.referral, state: "pending" } })],
    );
    referrals.failWith = Object.assign(new Error("queue unavailable"), { name: "ServiceUnavailable" });

    // Act
    const report = await reconcile(deps);

    // Assess
    expect(report.mismatches["follow-up-failed"]).toBe(1);
    const logged = JSON.stringify(log.lines);
    for (const personal of [sampleCase.customer.email, sampleCase.customer.name ?? "", sampleCase.subject]) {
      expect(logged).not.toContain(personal);
    }
  });

  it("sends a referral again, once, when its team was not notified in time, and says the counts do not add up", async () => {
    // Prepare: one referral never notified, one whose notifier stopped after its claim, one notified,
    // and one referred just now
    const referred = (reference: string, sentAt = LONG_AGO) =>
      caseFor(reference, `form:${reference}`, {
        referral: { ...sampleCase.referral, state: "sent", sentAt },
      });
    const { deps, referrals, outbox } = world(
      [],
      ["CS-AAAAAAB1", "CS-AAAAAAB2", "CS-AAAAAAB3", "CS-AAAAAAB4"].map((reference) =>
        entry(`form:${reference}`, { outcome: "case-created", caseReference: reference }),
      ),
      [
        referred("CS-AAAAAAB1"),
        referred("CS-AAAAAAB2"),
        referred("CS-AAAAAAB3"),
        referred("CS-AAAAAAB4", JUST_NOW),
      ],
      {
        notifications: [
          { notificationId: "CS-AAAAAAB2#supervisor", state: "sending", claimedAt: LONG_AGO },
          { notificationId: "CS-AAAAAAB3#supervisor", state: "sent", claimedAt: LONG_AGO, sentAt: LONG_AGO },
        ],
      },
    );

    // Act
    const first = await reconcile(deps);
    const second = await reconcile(deps);

    // Assess
    expect(referrals.messages.map((message) => message.referralId).sort()).toEqual([
      "CS-AAAAAAB1#supervisor",
      "CS-AAAAAAB2#supervisor",
    ]);
    expect(referrals.messages[0]).toMatchObject({ caseReference: "CS-AAAAAAB1", level: "supervisor" });
    expect(outbox.records.get("CS-AAAAAAB2#supervisor")?.state).toBe("released");
    expect(first.followUps.referralsResent).toBe(2);
    expect(first.mismatches["referral-not-notified"]).toBe(2);
    expect(first.addsUp).toBe(false);
    expect(second.followUps.referralsResent).toBe(0);
  });

  it("queues a theme alert that was claimed but never reached its queue, once it is past the lease", async () => {
    // Prepare
    const alert = (alertId: string, raisedAt: string) => ({
      alert: { alertId, theme: "delivery", summary: "s", caseReferences: ["CS-AAAAAAC1"], raisedAt },
      claimedAt: raisedAt,
    });
    const { deps, queued } = world([], [], [], {
      unqueuedThemeAlerts: [alert("alert-old", LONG_AGO), alert("alert-new", JUST_NOW)],
    });
    const sent: string[] = [];
    deps.referrals.sendThemeAlert = async (message) => void sent.push(message.alertId);

    // Act
    const report = await reconcile(deps);

    // Assess
    expect(sent).toEqual(["alert-old"]);
    expect(queued).toEqual(["alert-old"]);
    expect(report.followUps.themeAlertsQueued).toBe(1);
  });

  it("looks only at work that started within its window, and says which hours it looked at", async () => {
    // Prepare: an input lost a day ago, outside the six-hour window, and one lost two hours ago
    const dayAgo = "2026-11-22T12:00:00.000Z";
    const { deps, redriven } = world([object("inbound/yesterday", dayAgo), object("inbound/today")], [], []);

    // Act
    const report = await reconcile(deps);

    // Assess
    expect(report.window).toEqual({ from: "2026-11-23T06:00:00.000Z", to: NOW });
    expect(report.inputs.total).toBe(1);
    expect(redriven).toEqual([{ bucket: BUCKET, key: "inbound/today" }]);
  });

  it("reaches back to where the last finished run looked after an outage, up to the catch-up limit", () => {
    // Prepare
    const now = new Date(NOW);
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

    // Act
    const usual = reconcileWindow(now, 6, hoursAgo(0.25));
    const first = reconcileWindow(now, 6, undefined);
    const afterOutage = reconcileWindow(now, 6, hoursAgo(30));
    const afterLongOutage = reconcileWindow(now, 6, hoursAgo(30 * 24));

    // Assess
    expect(usual.from.toISOString()).toBe(hoursAgo(6.25));
    expect(first.from.toISOString()).toBe(hoursAgo(6));
    expect(afterOutage.from.toISOString()).toBe(hoursAgo(36));
    expect(afterLongOutage.from.toISOString()).toBe(hoursAgo(CATCH_UP_LIMIT_HOURS));
  });

  it("remembers the run it finished, so the next window starts from it", async () => {
    // Prepare
    const { deps } = world([], [], []);

    // Act
    await reconcile(deps);

    // Assess
    expect(await deps.recent.lastRun()).toBe(NOW);
  });
});
