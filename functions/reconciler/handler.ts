// The scheduled reconciler (EventBridge, every 15 minutes): checks that every input has exactly one
// outcome, sends again what has none, settles follow-ups stuck past their lease, and reports the counts.
// "Now" is the scheduled event's time, so a run can be replayed for any moment.

import type { Context, ScheduledEvent } from "aws-lambda";
import { z } from "zod";
import { dynamoDocumentClient, s3Client, sesClient, sqsClient } from "../../shared/adapters/aws/clients";
import { secretsManagerSecret } from "../../shared/adapters/aws/secrets-manager-secret";
import { log, logger } from "../../shared/adapters/logger";
import { type ReconciliationReport, reconcile } from "../../shared/application/reconcile";
import { reconcilerEnvironment } from "../../shared/config/data-lifecycle-environment";
import { readEnvironment, SIGNING_KEY_MIN_LENGTH } from "../../shared/config/environment";
import { reconcilerDependencies } from "./dependencies";

const env = readEnvironment(reconcilerEnvironment);
const clients = { documents: dynamoDocumentClient(), s3: s3Client(), sqs: sqsClient(), ses: sesClient() };
const casePageKey = secretsManagerSecret(env.CASE_PAGE_SIGNING_KEY_SECRET, SIGNING_KEY_MIN_LENGTH);

const scheduledEvent = z.object({ time: z.iso.datetime() });

export async function handler(
  event: Pick<ScheduledEvent, "time">,
  context: Context,
): Promise<ReconciliationReport> {
  logger.addContext(context);
  const now = new Date(scheduledEvent.parse(event).time);
  return reconcile(
    await reconcilerDependencies(clients, env, { clock: { now: () => now }, log, casePageKey }),
  );
}
