// The composition root of email intake (the inbound-email function): every raw message from the intake
// queue becomes one outcome. It has a file of its own because it alone brings in the mail parser.

import { randomBytes } from "node:crypto";
import type { EmailIntakeDependencies } from "../../../application/intake-email";
import type { InboundEmailEnvironment } from "../../../config/environment";
import { defaultIntakePolicy } from "../../../config/intake-policy";
import { log } from "../../logger";
import { MailparserMailParser } from "../../mail/mailparser-mail-parser";
import { DynamoDbAddressStandings } from "../dynamodb-address-standings";
import { BatchWritingCaseStore } from "../dynamodb-case-store";
import { DynamoDbIntakeLedger } from "../dynamodb-intake-ledger";
import { DynamoDbThemeLedger } from "../dynamodb-theme-ledger";
import { EmfMetrics } from "../emf-metrics";
import {
  type AwsClients,
  attachmentStore,
  caseCompletionAdapters,
  casePageLinks,
  caseTable,
  deployedPolicy,
  functionClients,
  rawMailStore,
  systemClock,
} from "./runtime";

export function emailIntake(env: InboundEmailEnvironment, clients: AwsClients = functionClients) {
  const policy = deployedPolicy(env);
  const table = caseTable(clients, env.CASE_TABLE_NAME);
  const casePage = casePageLinks(env);
  const deps: EmailIntakeDependencies = {
    ...caseCompletionAdapters(clients, env),
    // Intake may write in batches: the events and lookups of each step go in one request.
    cases: table.get(BatchWritingCaseStore),
    ledger: table.get(DynamoDbIntakeLedger),
    standings: table.get(DynamoDbAddressStandings),
    rawMail: rawMailStore(clients),
    attachments: attachmentStore(clients, env.RAW_MAIL_BUCKET),
    themes: table.get(DynamoDbThemeLedger),
    intakePolicy: defaultIntakePolicy,
    parser: new MailparserMailParser(),
    clock: systemClock,
    random: randomBytes,
    policy,
    log,
    casePage,
    settings: {
      intakeAddress: env.INTAKE_ADDRESS,
      maxRawBytes: env.MAX_RAW_MAIL_BYTES,
      internalDomains: policy.organisation.internalDomains,
    },
  };
  return {
    deps,
    casePage,
    metrics: new EmfMetrics(env.POWERTOOLS_METRICS_NAMESPACE, env.POWERTOOLS_SERVICE_NAME),
  };
}
