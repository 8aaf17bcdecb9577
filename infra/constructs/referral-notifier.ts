// The referral notifier: one function consuming every level's referral queue (partial batch
// responses; each queue keeps its own dead-letter queue). It reads cases and may only add items to the
// case table (timeline events, queue entries, report rows): it is granted no update or delete, so it
// cannot change a case. It emails each level's team through the stack's mail sender.
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { defaultStaffTeams } from "../../shared/config/staff-teams";
import { HeedFunction } from "./heed-function";
import { DIGEST_WINDOW, NOTIFIER_TIMEOUT, REFERRAL_LEVELS, type ReferralQueues } from "./referral-queues";
import type { StageSettings } from "./stage-settings";

/** Batch gets to read cases with their notification events; put, conditionally, to add events, queue entries and report rows. */
export const NOTIFIER_TABLE_ACTIONS = ["dynamodb:BatchGetItem", "dynamodb:PutItem"];

export interface ReferralNotifierProps {
  readonly settings: StageSettings;
  readonly caseTable: ITable;
  readonly referralQueues: ReferralQueues;
  /** The staff console's address, for the links in notifications. */
  readonly consoleBaseUrl: string;
  /** The address notifications come from, in the stack's mail domain. */
  readonly sender: string;
  readonly organisationName: string;
}

export class ReferralNotifier extends Construct {
  readonly notifierFunction: HeedFunction;

  constructor(scope: Construct, id: string, props: ReferralNotifierProps) {
    super(scope, id);

    this.notifierFunction = new HeedFunction(this, "NotifierFunction", {
      name: "referral-notifier",
      settings: props.settings,
      timeout: NOTIFIER_TIMEOUT,
      environment: {
        CONSOLE_BASE_URL: props.consoleBaseUrl,
        NOTIFICATION_SENDER: props.sender,
        ORGANISATION_NAME: props.organisationName,
      },
    });
    this.notifierFunction.grantTableCalls(props.caseTable, NOTIFIER_TABLE_ACTIONS);
    props.caseTable.encryptionKey?.grant(
      this.notifierFunction,
      "kms:Decrypt",
      "kms:DescribeKey",
      "kms:Encrypt",
      "kms:GenerateDataKey",
    );
    this.notifierFunction.addEnvironment("CASE_TABLE_NAME", props.caseTable.tableName);

    for (const level of REFERRAL_LEVELS) {
      // What reaches a level within the window comes as one batch, up to as many cases as one digest
      // lists, and its team gets it as one digest.
      this.notifierFunction.consumeQueue(props.referralQueues.queue(level), {
        batchSize: defaultStaffTeams.digest.maximumCases,
        maxConcurrency: 2,
        maxBatchingWindow: DIGEST_WINDOW,
      });
    }
  }
}
