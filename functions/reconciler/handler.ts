// The scheduled reconciler (EventBridge, every 15 minutes): checks that every input has exactly one
// outcome, sends again what has none, settles follow-ups stuck past their lease, and reports the counts.
// "Now" is the scheduled event's time, so a run can be replayed for any moment.

import type { Context, ScheduledEvent } from "aws-lambda";
import * as z from "zod";
import { reconciler } from "../../shared/adapters/aws/wiring/reconciler";
import { log, logger } from "../../shared/adapters/logger";
import { type ReconciliationReport, reconcile } from "../../shared/application/reconcile";
import { reconcilerEnvironment } from "../../shared/config/data-lifecycle-environment";
import { readEnvironment } from "../../shared/config/environment";

const env = readEnvironment(reconcilerEnvironment);

const scheduledEvent = z.object({ time: z.iso.datetime() });

export async function handler(
  event: Pick<ScheduledEvent, "time">,
  context: Context,
): Promise<ReconciliationReport> {
  logger.addContext(context);
  const now = new Date(scheduledEvent.parse(event).time);
  return reconcile(await reconciler(env, { clock: { now: () => now }, log }));
}
