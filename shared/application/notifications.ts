// Telling each level's team about what reaches its referral queue (record-details 3.1, reliable 3.4):
// every referral is emailed to the team's mailbox, several referrals arriving together become one
// digest, and repeated-theme alerts go to management. Each notification is claimed in the outbox before
// it is sent, its email (one for a whole digest) marked after, and recorded on the timeline of every
// case it covers, so neither a redelivered message nor a retry after a crash mid-send notifies a team
// twice. Intake places the case in its level's queue and writes its report rows before it sends its
// referral, so only the other referrals (a colleague's, a correction's, a follow-up's) are placed and
// counted here.
// Nothing here changes a case; it only adds timeline events.

import * as z from "zod";
import {
  type CaseRecord,
  REFERRAL_LEVELS,
  type ReferralLevel,
  type StaffNotifiedEvent,
} from "../domain/case";
import type { StaffTeams } from "../domain/policy/staff-teams";
import { LOOP_HEADER } from "../domain/screening";
import {
  type ReferralNotice,
  renderReferralNotification,
  renderThemeAlertNotification,
  type StaffNotification,
} from "../domain/templates/staff-notification";
import type {
  CaseReports,
  CaseStore,
  CasesWithEvents,
  CaseWithEvent,
  Clock,
  Log,
  Mailer,
  NotificationOutbox,
  WorkQueues,
} from "../ports";
import { inStep } from "./record-failure";
import { isIntakeReferral } from "./referral-message";
import { caseReportRow, referralReportRow, weekOf } from "./reports";
import { workQueueEntry } from "./work-queue-entry";

const referralSchema = z.object({
  type: z.literal("referral").optional(),
  referralId: z.string().min(1),
  caseReference: z.string().min(1),
  level: z.enum(REFERRAL_LEVELS),
  reasonCode: z.string(),
  reason: z.string(),
  receivedAt: z.string(),
  /** Present when a colleague re-referred the case. */
  referredBy: z.string().optional(),
  /** Absent on a referral sent before the outbox kept every notification: its timeline may record one. */
  toldThroughOutbox: z.literal(true).optional(),
});

const themeAlertSchema = z.object({
  type: z.literal("repeated-theme"),
  alertId: z.string().min(1),
  theme: z.string().min(1),
  summary: z.string(),
  caseReferences: z.array(z.string()),
  raisedAt: z.string(),
});

const messageSchema = z.union([themeAlertSchema, referralSchema]);
export type StaffQueueMessage = z.infer<typeof messageSchema>;
type ReferralItem = z.infer<typeof referralSchema>;
type ThemeAlertItem = z.infer<typeof themeAlertSchema>;

/** A referral queue message Heed cannot read; it is retried and, failing that, dead-lettered. */
export class UnreadableNotificationError extends Error {
  override name = "UnreadableNotificationError";
}

export function readStaffQueueMessage(body: string): StaffQueueMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new UnreadableNotificationError("the message is not JSON", { cause: error });
  }
  const result = messageSchema.safeParse(parsed);
  if (!result.success)
    throw new UnreadableNotificationError("the message is not a referral or a theme alert");
  return result.data;
}

export interface NotifierDependencies {
  /** Reads referred cases with their notification events, a batch at a time. */
  referredCases: CasesWithEvents;
  /** Appends to timelines: the notifier changes no case. */
  cases: Pick<CaseStore, "appendEvent">;
  queues: Pick<WorkQueues, "place">;
  outbox: NotificationOutbox;
  reports: Pick<CaseReports, "putCase" | "putReferral" | "putThemeAlert">;
  mailer: Mailer;
  teams: StaffTeams;
  organisationName: string;
  teamNames: Record<ReferralLevel, string>;
  clock: Clock;
  log: Log;
}

export interface QueueDelivery {
  /** The SQS message id, by which a failure is reported. */
  id: string;
  message: StaffQueueMessage;
}

/** The outcome of each delivery by id: undefined when done, the error when it must be retried. */
export type DeliveryOutcomes = Map<string, unknown>;

function notificationId(event: { notificationId: string }): string {
  return `notified:${event.notificationId}`;
}

/**
 * Intake's referral and a colleague's re-referral move a case to a level; anything else on a referral
 * queue (a promise falling due, a customer left without news) asks the level to look again.
 */
function purposeOf(item: ReferralItem): ReferralNotice["purpose"] {
  return item.referredBy !== undefined || isIntakeReferral(item) ? "referral" : "follow-up";
}

function outbound(teams: StaffTeams, level: ReferralLevel, notification: StaffNotification, tag: string) {
  return {
    from: teams.sender,
    to: teams.teams[level].address,
    subject: notification.subject,
    text: notification.text,
    headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All", [LOOP_HEADER]: tag },
  };
}

/** Splits a list into chunks of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

interface PendingReferral {
  id: string;
  item: ReferralItem;
  record: CaseRecord;
}

/**
 * Places and records every referral, then sends one email per referral or one digest per team when at
 * least `digest.minimumReferrals` reached it together; theme alerts are emailed one by one.
 */
export async function notifyStaff(
  deliveries: readonly QueueDelivery[],
  deps: NotifierDependencies,
): Promise<DeliveryOutcomes> {
  const outcomes: DeliveryOutcomes = new Map();
  const referrals: { id: string; item: ReferralItem }[] = [];
  const themeAlerts: { id: string; alert: ThemeAlertItem }[] = [];
  for (const { id, message } of deliveries) {
    if (message.type === "repeated-theme") themeAlerts.push({ id, alert: message });
    else referrals.push({ id, item: message });
  }
  const settle = async (id: string, work: () => Promise<unknown>) => {
    try {
      await work();
      outcomes.set(id, undefined);
    } catch (error) {
      outcomes.set(id, error);
    }
  };
  await Promise.all(
    themeAlerts.map(({ id, alert }) =>
      settle(id, () => inStep("theme-alert", () => notifyThemeAlert(alert, deps))),
    ),
  );

  // A digest window brings up to `digest.maximumCases` referrals: their cases are read together, then
  // each is placed and claimed on its own, at once.
  const prepared: (PendingReferral | undefined)[] = [];
  try {
    const found = await inStep("read-cases", () =>
      deps.referredCases.read(
        referrals.map(({ item }) => ({
          caseReference: item.caseReference,
          // Only a referral from before the outbox can have been told of on the timeline alone.
          ...(item.toldThroughOutbox ? {} : { eventId: notificationId({ notificationId: item.referralId }) }),
        })),
      ),
    );
    await Promise.all(
      referrals.map(({ id, item }, index) =>
        settle(id, async () => {
          const record = await inStep("place-referral", () => prepareReferral(item, found[index], deps));
          if (record) prepared[index] = { id, item, record };
        }),
      ),
    );
  } catch (error) {
    for (const { id } of referrals) outcomes.set(id, error);
  }
  const pending = prepared.filter((referral): referral is PendingReferral => referral !== undefined);

  for (const level of REFERRAL_LEVELS) {
    const forLevel = pending
      .filter(({ item }) => item.level === level)
      .sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
    if (forLevel.length === 0) continue;
    const groups =
      forLevel.length >= deps.teams.digest.minimumReferrals
        ? chunks(forLevel, deps.teams.digest.maximumCases)
        : forLevel.map((referral) => [referral]);
    for (const group of groups) {
      try {
        await inStep("send-notification", () => sendReferralNotification(level, group, deps));
      } catch (error) {
        for (const { id } of group) outcomes.set(id, error);
      }
    }
  }
  return outcomes;
}

/**
 * Puts the case in its level's queue and the reports, unless intake did; returns the case when its team
 * still needs telling.
 */
async function prepareReferral(
  item: ReferralItem,
  found: CaseWithEvent | undefined,
  deps: NotifierDependencies,
): Promise<CaseRecord | undefined> {
  if (!found || found.record.anonymisedAt) {
    deps.log.warn("referral for a case that is not there", { referralId: item.referralId });
    return undefined;
  }
  const { record } = found;
  const referredAt = deps.clock.now().toISOString();
  // Intake placed its own referral in the queue and wrote its report rows before sending it.
  if (!isIntakeReferral(item)) {
    await deps.queues.place(workQueueEntry(record, item, referredAt, deps.teams.urgentSignals));
    if (purposeOf(item) === "referral") {
      await deps.reports.putReferral(referralReportRow(item, referredAt));
    }
    await deps.reports.putCase(caseReportRow(record));
  }
  // Told already: the timeline records it (a notification sent before the outbox was kept).
  return found.hasEvent ? undefined : record;
}

/**
 * Claims each referral of the group for one email; returns those claimed. Any left out were claimed by
 * an earlier attempt: sent, or being sent, or left to the reconciler after a crash. A claim that fails
 * gives back the others, so the retry finds them free.
 */
async function claimGroup(
  group: readonly PendingReferral[],
  claimedAt: string,
  emailId: string,
  deps: NotifierDependencies,
): Promise<PendingReferral[]> {
  const claims = await Promise.allSettled(
    group.map(({ item }) => deps.outbox.claim(item.referralId, claimedAt, emailId)),
  );
  const claimed = group.filter((_, index) => {
    const claim = claims[index];
    return claim?.status === "fulfilled" && claim.value;
  });
  const failure = claims.find((claim) => claim.status === "rejected");
  if (failure) {
    await Promise.all(claimed.map(({ item }) => deps.outbox.release(item.referralId)));
    throw failure.reason;
  }
  return claimed;
}

/** Sends what the outbox claimed; a send that fails gives every claim back, so the retry may send. */
async function sendClaimed(
  notificationIds: readonly string[],
  message: Parameters<Mailer["send"]>[0],
  deps: NotifierDependencies,
): Promise<Awaited<ReturnType<Mailer["send"]>>> {
  try {
    return await deps.mailer.send(message);
  } catch (error) {
    await Promise.all(notificationIds.map((id) => deps.outbox.release(id)));
    throw error;
  }
}

async function sendReferralNotification(
  level: ReferralLevel,
  group: readonly PendingReferral[],
  deps: NotifierDependencies,
): Promise<void> {
  const claimedAt = deps.clock.now().toISOString();
  const [first] = group;
  if (!first) return;
  // One email, one id: the referral's own when it goes alone, else the digest's.
  const emailId =
    group.length === 1 ? first.item.referralId : `digest:${level}:${claimedAt}:${first.item.referralId}`;
  const claimed = await claimGroup(group, claimedAt, emailId, deps);
  if (claimed.length === 0) return;
  const notices: ReferralNotice[] = claimed.map(({ item, record }) => ({
    referralId: item.referralId,
    level,
    purpose: purposeOf(item),
    reason: item.reason,
    ...(item.referredBy ? { referredBy: item.referredBy } : {}),
    record,
  }));
  const notification = renderReferralNotification(notices, {
    consoleBaseUrl: deps.teams.consoleBaseUrl,
    organisationName: deps.organisationName,
    teamName: deps.teamNames[level],
  });
  const sent = await sendClaimed(
    claimed.map(({ item }) => item.referralId),
    outbound(deps.teams, level, notification, `referral:${level}`),
    deps,
  );
  const at = deps.clock.now().toISOString();
  // Marked first, right after the send, in one write for the whole email: the outbox is what stops a
  // retry from sending again.
  await deps.outbox.markSent(emailId, { claimedAt, at, messageId: sent.messageId });
  for (const { item, record } of claimed) {
    const event: StaffNotifiedEvent = {
      type: "staff-notified",
      caseReference: record.reference,
      eventId: notificationId({ notificationId: item.referralId }),
      at,
      notification: "referral",
      notificationId: item.referralId,
      level,
      to: deps.teams.teams[level].address,
      caseCount: claimed.length,
      messageId: sent.messageId,
    };
    await deps.cases.appendEvent(event);
  }
  deps.log.info(claimed.length > 1 ? "referral digest sent" : "referral notification sent", {
    referralLevel: level,
    cases: claimed.length,
  });
}

async function notifyThemeAlert(alert: ThemeAlertItem, deps: NotifierDependencies): Promise<void> {
  await deps.reports.putThemeAlert({
    alertId: alert.alertId,
    week: weekOf(alert.raisedAt),
    theme: alert.theme,
    cases: alert.caseReferences.length,
    raisedAt: alert.raisedAt,
  });
  const found = await deps.referredCases.read(
    alert.caseReferences.map((caseReference) => ({
      caseReference,
      eventId: notificationId({ notificationId: alert.alertId }),
    })),
  );
  const present = found.filter(
    (entry): entry is CaseWithEvent => entry !== undefined && !entry.record.anonymisedAt,
  );
  const records = present.map(({ record }) => record);
  // Told already: the first case's timeline records it (sent before the outbox was kept).
  if (present[0]?.hasEvent) return;
  const claimedAt = deps.clock.now().toISOString();
  if (!(await deps.outbox.claim(alert.alertId, claimedAt, alert.alertId))) return;
  const level: ReferralLevel = "management";
  const notification = renderThemeAlertNotification(
    {
      alertId: alert.alertId,
      theme: alert.theme,
      summary: alert.summary,
      caseReferences: records.map((record) => record.reference),
    },
    {
      consoleBaseUrl: deps.teams.consoleBaseUrl,
      organisationName: deps.organisationName,
      teamName: deps.teamNames[level],
    },
  );
  const sent = await sendClaimed(
    [alert.alertId],
    outbound(deps.teams, level, notification, `theme:${alert.alertId}`),
    deps,
  );
  const at = deps.clock.now().toISOString();
  await deps.outbox.markSent(alert.alertId, { claimedAt, at, messageId: sent.messageId });
  for (const record of records) {
    await deps.cases.appendEvent({
      type: "staff-notified",
      caseReference: record.reference,
      eventId: notificationId({ notificationId: alert.alertId }),
      at,
      notification: "repeated-theme",
      notificationId: alert.alertId,
      level,
      to: deps.teams.teams[level].address,
      caseCount: records.length,
      messageId: sent.messageId,
    });
  }
  deps.log.info("repeated theme notification sent", { alertId: alert.alertId, cases: records.length });
}
