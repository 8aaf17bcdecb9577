// Staff reporting a problem they noticed themselves: `POST /api/problems` with a JSON body.

import { randomBytes } from "node:crypto";
import { dynamoDocumentClient, sesClient, sqsClient } from "../../../shared/adapters/aws/clients";
import {
  caseCompletionAdapters,
  referralQueueUrls,
} from "../../../shared/adapters/aws/communication-adapters";
import { DynamoDbThemeLedger } from "../../../shared/adapters/aws/dynamodb-theme-ledger";
import { DynamoDbTombstones } from "../../../shared/adapters/aws/dynamodb-tombstones";
import { errorResponse, json } from "../../../shared/adapters/http/responses";
import { log } from "../../../shared/adapters/logger";
import { recordStaffReport, staffReportInput } from "../../../shared/application/intake-staff-report";
import { staffCommunicationEnvironment } from "../../../shared/config/communication-environment";
import { readEnvironment } from "../../../shared/config/environment";
import { defaultIntakePolicy } from "../../../shared/config/intake-policy";
import { defaultPolicy } from "../../../shared/config/policy";
import { staffWorkEnvironment } from "../../../shared/config/staff-teams";
import { ledger } from "../dependencies";
import { type RouteTable, withBody } from "../route";

const env = { ...readEnvironment(staffCommunicationEnvironment), ...readEnvironment(staffWorkEnvironment) };
const documents = dynamoDocumentClient();
const deps = {
  ...caseCompletionAdapters(
    { documents, sqs: sqsClient(), ses: sesClient() },
    {
      tableName: env.CASE_TABLE_NAME,
      referralQueueUrls: referralQueueUrls(env),
      configurationSet: env.SES_CONFIGURATION_SET || undefined,
    },
  ),
  ledger,
  themes: new DynamoDbThemeLedger(documents, env.CASE_TABLE_NAME),
  tombstones: new DynamoDbTombstones(documents, env.CASE_TABLE_NAME),
  intakePolicy: defaultIntakePolicy,
  random: randomBytes,
  clock: { now: () => new Date() },
  policy: defaultPolicy,
  log,
  settings: { intakeAddress: env.INTAKE_ADDRESS },
};

export const staffReportRoutes: RouteTable = {
  "POST /api/problems": withBody(staffReportInput, async (input, _event, member) => {
    const result = await recordStaffReport(input, member, deps);
    if ("refused" in result) {
      return errorResponse(
        409,
        result.refused,
        "This customer's personal data was erased at their request, so no case is recorded for them. " +
          "If they have contacted us again, ask them to write in themselves.",
      );
    }
    return json(result.created ? 201 : 200, { reference: result.reference });
  }),
};
