// The follow-up timer (EventBridge, every hour): reminds owners of commitments about to fall due, flags
// missed commitments to supervisors, and nudges a case's team when its customer has heard nothing for
// the quiet period. "Now" is the scheduled event's time, so a run can be replayed for any moment.

import type { Context, ScheduledEvent } from "aws-lambda";
import * as z from "zod";
import { followUpTimers } from "../../shared/adapters/aws/wiring/communication";
import { logger } from "../../shared/adapters/logger";
import { type FollowUpReport, runFollowUps } from "../../shared/application/follow-up-timers";
import { followUpTimersEnvironment } from "../../shared/config/communication-environment";
import { readEnvironment } from "../../shared/config/environment";

const adapters = followUpTimers(readEnvironment(followUpTimersEnvironment));

const scheduledEvent = z.object({ time: z.iso.datetime() });

export async function handler(
  event: Pick<ScheduledEvent, "time">,
  context: Context,
): Promise<FollowUpReport> {
  logger.addContext(context);
  const now = new Date(scheduledEvent.parse(event).time);
  return runFollowUps({ ...adapters, clock: { now: () => now } });
}
