// The scheduled retention purge (EventBridge, daily): removes what the retention policy no longer lets
// Heed keep. DynamoDB TTL is only the backstop: it is lazy, knows nothing of raw mail or legal holds,
// and the local emulator has none. "Now" is the scheduled event's time, so a test can move the clock.

import type { Context, ScheduledEvent } from "aws-lambda";
import * as z from "zod";
import { retention } from "../../shared/adapters/aws/wiring/data-lifecycle";
import { logger } from "../../shared/adapters/logger";
import { applyRetention, type RetentionReport } from "../../shared/application/retention";
import { retentionEnvironment } from "../../shared/config/data-lifecycle-environment";
import { readEnvironment } from "../../shared/config/environment";

const adapters = retention(readEnvironment(retentionEnvironment));

const scheduledEvent = z.object({ time: z.iso.datetime() });

export async function handler(
  event: Pick<ScheduledEvent, "time">,
  context: Context,
): Promise<RetentionReport> {
  logger.addContext(context);
  const now = new Date(scheduledEvent.parse(event).time);
  return applyRetention({ ...adapters, clock: { now: () => now } });
}
