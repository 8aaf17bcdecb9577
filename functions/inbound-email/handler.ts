// Intake of customer email: each SQS record carries an S3 event for a raw message that SES stored.
// Each record is processed on its own; a failure is reported for that record alone (partial batch).
// Records run together only while their raw sizes fit a byte budget, so a large message runs alone:
// memory and timeout are sized for a batch of SES's largest (see infra/constructs/inbound-email.ts).
// The case-page signing key is read from Secrets Manager once per invocation (cached).

import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { emailIntake } from "../../shared/adapters/aws/wiring/email-intake";
import { log, logger } from "../../shared/adapters/logger";
import { intakeEmail } from "../../shared/application/intake-email";
import { inStep, noteRecordFailure } from "../../shared/application/record-failure";
import { inboundEmailEnvironment, readEnvironment } from "../../shared/config/environment";
import { mailIntakeId } from "../../shared/domain/intake";
import { ByteBudget, RAW_MAIL_BYTES_IN_FLIGHT } from "./byte-budget";
import { rawMailObjectsIn } from "./s3-event";

const env = readEnvironment(inboundEmailEnvironment);
const { deps, casePage, metrics } = emailIntake(env);
const processor = new BatchProcessor(EventType.SQS);
const budget = new ByteBudget(RAW_MAIL_BYTES_IN_FLIGHT);

async function processRecord(record: SQSRecord): Promise<void> {
  const objects = await inStep("read-event", async () => rawMailObjectsIn(record.body)).catch(
    (error: unknown) => {
      noteRecordFailure(error, { messageId: record.messageId }, { log, metrics });
      throw error;
    },
  );
  for (const object of objects) {
    if (object.bucket !== env.RAW_MAIL_BUCKET) {
      logger.warn("event for another bucket ignored", { messageId: record.messageId });
      continue;
    }
    await budget
      .run(object.size, () => intakeEmail(object, deps))
      .catch((error: unknown) => {
        noteRecordFailure(error, { intakeId: mailIntakeId(object.key) }, { log, metrics });
        throw error;
      });
  }
}

export async function handler(event: SQSEvent, context: Context) {
  logger.addContext(context);
  await casePage.tokens.load();
  return processPartialResponse(event, processRecord, processor, { context });
}
