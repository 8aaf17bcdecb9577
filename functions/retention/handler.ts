// The scheduled retention purge (EventBridge, daily): removes what the retention policy no longer lets
// Heed keep. DynamoDB TTL is only the backstop: it is lazy, knows nothing of raw mail or legal holds,
// and the local emulator has none. "Now" is the scheduled event's time, so a test can move the clock.

import type { Context, ScheduledEvent } from "aws-lambda";
import { z } from "zod";
import { dynamoDocumentClient, s3Client } from "../../shared/adapters/aws/clients";
import { caseDataAdapters } from "../../shared/adapters/aws/data-lifecycle-adapters";
import { EmfMetrics } from "../../shared/adapters/aws/emf-metrics";
import { log, logger } from "../../shared/adapters/logger";
import { applyRetention, type RetentionReport } from "../../shared/application/retention";
import { retentionEnvironment } from "../../shared/config/data-lifecycle-environment";
import { readEnvironment } from "../../shared/config/environment";
import { defaultRetentionPolicy } from "../../shared/config/retention-policy";

const env = readEnvironment(retentionEnvironment);
const adapters = caseDataAdapters(
  { documents: dynamoDocumentClient(), s3: s3Client() },
  { tableName: env.CASE_TABLE_NAME, rawMailBucket: env.RAW_MAIL_BUCKET },
);
const metrics = new EmfMetrics(env.POWERTOOLS_METRICS_NAMESPACE, env.POWERTOOLS_SERVICE_NAME);

const scheduledEvent = z.object({ time: z.iso.datetime() });

export async function handler(
  event: Pick<ScheduledEvent, "time">,
  context: Context,
): Promise<RetentionReport> {
  logger.addContext(context);
  const now = new Date(scheduledEvent.parse(event).time);
  return applyRetention({
    ...adapters,
    policy: defaultRetentionPolicy,
    clock: { now: () => now },
    log,
    metrics,
  });
}
