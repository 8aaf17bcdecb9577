// What looks after customer data over its life: the reconciler (every 15 minutes: every input has one
// outcome, stuck follow-ups are settled), the retention purge (daily: expired cases and raw mail go), their
// alarms, and the extra access the staff API's subject-rights routes need to find, export and erase a
// person's data. Create it before Monitoring, which then watches its functions like every other.
import { Duration, Fn, Stack, Validations } from "aws-cdk-lib";
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  type Dashboard,
  GraphWidget,
  Metric,
  Stats,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { Bucket, CfnBucket } from "aws-cdk-lib/aws-s3";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { HeedFunction } from "./heed-function";
import type { MailSending } from "./mail-sending";
import type { ReferralQueues } from "./referral-queues";
import type { StageSettings } from "./stage-settings";

/** The reconciler's counts, graphed together: they must add up. */
const RECONCILED_COUNTS = [
  "ReconciledInputs",
  "NewCases",
  "ThreadedMessages",
  "Suppressed",
  "Quarantined",
  "UndecidedInputs",
] as const;

/**
 * The reconciler and the purge each run alone: one environment at a time, no retry of a failed
 * asynchronous run (the next scheduled run does the work), and an event that waited in Lambda's
 * asynchronous queue longer than this is dropped rather than run late beside the next one.
 */
const RUN_ALONE = { reservedConcurrentExecutions: 1 } as const;
const RECONCILE_EVERY = Duration.minutes(15);
/** Hours of recent work each run looks at: every input is seen by the 24 runs after it arrives. */
const RECONCILE_WINDOW_HOURS = 6;

/** Where raw mail and attachments live in the raw-mail bucket (see the inbound-email construct). */
const PERSONAL_DATA_PREFIXES = ["inbound/", "attachments/"] as const;

export interface DataLifecycleProps {
  readonly settings: StageSettings;
  readonly caseTable: ITable;
  readonly rawMailBucket: Bucket;
  /** The key prefix SES stores raw mail under. */
  readonly rawMailPrefix: string;
  readonly intakeQueue: IQueue;
  readonly referralQueues: ReferralQueues;
  readonly mailSending: MailSending;
  readonly intakeAddress: string;
  readonly organisationName: string;
}

export class DataLifecycle extends Construct {
  readonly reconcilerFunction: HeedFunction;
  readonly retentionFunction: HeedFunction;
  readonly reconcileSchedule: Rule;
  readonly retentionSchedule: Rule;
  /** Raised when reconciliation finds inputs, outcomes and cases that do not add up. */
  readonly alarms: Alarm[];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: DataLifecycleProps,
  ) {
    super(scope, id);
    const { settings, caseTable, rawMailBucket } = props;

    this.reconcilerFunction = new HeedFunction(this, "ReconcilerFunction", {
      name: "reconciler",
      settings,
      ...RUN_ALONE,
      timeout: Duration.minutes(5),
      environment: {
        INTAKE_ADDRESS: props.intakeAddress,
        ORGANISATION_NAME: props.organisationName,
        RAW_MAIL_PREFIX: props.rawMailPrefix,
        RECONCILE_WINDOW_HOURS: String(RECONCILE_WINDOW_HOURS),
      },
    });
    this.reconcilerFunction.bindTable(caseTable, "readWrite", "CASE_TABLE_NAME");
    // Recent work is read in batches of keys found through the index; the reconciler never scans.
    caseTable.grant(this.reconcilerFunction, "dynamodb:BatchGetItem");
    this.reconcilerFunction.bindQueue(props.intakeQueue, "INTAKE_QUEUE_URL");
    props.referralQueues.bindSender(this.reconcilerFunction);
    props.mailSending.bindSender(this.reconcilerFunction);
    this.allowListing(this.reconcilerFunction, [props.rawMailPrefix]);

    this.reconcilerFunction.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: RECONCILE_EVERY });

    this.retentionFunction = new HeedFunction(this, "RetentionFunction", {
      name: "retention",
      settings,
      ...RUN_ALONE,
      timeout: Duration.minutes(15),
    });
    this.retentionFunction.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.hours(1) });
    this.retentionFunction.bindTable(caseTable, "readWrite", "CASE_TABLE_NAME");
    caseTable.grant(this.retentionFunction, "dynamodb:Scan", "dynamodb:DeleteItem");
    this.retentionFunction.addEnvironment("RAW_MAIL_BUCKET", rawMailBucket.bucketName);
    this.allowObjectDeletes(this.retentionFunction);

    this.reconcileSchedule = new Rule(this, "ReconcileSchedule", {
      description: "Heed: reconcile raw inputs with the intake ledger and settle stuck follow-ups",
      schedule: Schedule.rate(RECONCILE_EVERY),
      targets: [new LambdaFunction(this.reconcilerFunction, { retryAttempts: 2 })],
    });
    this.retentionSchedule = new Rule(this, "RetentionSchedule", {
      description: "Heed: purge cases and raw mail past their retention period",
      schedule: Schedule.cron({ hour: "3", minute: "15" }),
      targets: [new LambdaFunction(this.retentionFunction, { retryAttempts: 2 })],
    });

    this.alarms = [
      new Alarm(this, "ReconciliationMismatchAlarm", {
        metric: this.reconcilerMetric("ReconciliationMismatches"),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription:
          "Reconciliation: inputs, outcomes and cases do not add up. The reconciler's log line `reconciliation mismatch` names the reason code and ids (runbook: README, Operations).",
      }),
      new Alarm(this, "AcknowledgementOutcomeUnknownAlarm", {
        metric: this.reconcilerMetric("AcknowledgementsOutcomeUnknown"),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription:
          "Reconciliation: an acknowledgement stopped mid-send and was marked failed (outcome unknown) rather than risk a second one. The case is flagged customer-not-informed: staff decide whether to write.",
      }),
    ];
  }

  /** Sends the alarms, and their recovery, to the operators' topic, and shows them on the dashboard. */
  reportTo(monitoring: { alarmTopic: ITopic; dashboard: Dashboard }): void {
    const action = new SnsAction(monitoring.alarmTopic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
    monitoring.dashboard.addWidgets(
      new AlarmStatusWidget({ title: "Reconciliation", alarms: this.alarms, width: 8, height: 6 }),
      new GraphWidget({
        title: "Reconciliation: inputs, new cases, threaded, suppressed, quarantined, undecided",
        left: RECONCILED_COUNTS.map((name) => this.reconcilerMetric(name)),
        width: 16,
        height: 6,
      }),
    );
  }

  /**
   * Lets the staff API answer subject access and erasure requests: scan the case table, delete items,
   * read and delete raw mail and attachments, and read and delete messages parked in dead-letter queues.
   */
  allowSubjectRights(fn: HeedFunction, deadLetterQueues: IQueue[]): void {
    const { caseTable, rawMailBucket } = this.props;
    fn.bindTable(caseTable, "readWrite", "CASE_TABLE_NAME");
    caseTable.grant(fn, "dynamodb:Scan", "dynamodb:DeleteItem");
    fn.addEnvironment("RAW_MAIL_BUCKET", rawMailBucket.bucketName);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ["s3:GetObject"],
        resources: PERSONAL_DATA_PREFIXES.map((prefix) => rawMailBucket.arnForObjects(`${prefix}*`)),
      }),
    );
    rawMailBucket.encryptionKey?.grant(fn, "kms:Decrypt");
    this.allowObjectDeletes(fn);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
        resources: deadLetterQueues.map((queue) => queue.queueArn),
      }),
    );
    for (const queue of deadLetterQueues) queue.encryptionMasterKey?.grant(fn, "kms:Decrypt");
    fn.addEnvironment(
      "DEAD_LETTER_QUEUE_URLS",
      Fn.join(
        ",",
        deadLetterQueues.map((queue) => queue.queueUrl),
      ),
    );
  }

  /** A count the reconciler publishes each run (see shared/application/reconcile.ts). */
  private reconcilerMetric(metricName: string): Metric {
    return new Metric({
      namespace: this.props.settings.metricsNamespace,
      metricName,
      dimensionsMap: { service: this.reconcilerFunction.serviceName },
      statistic: Stats.MAXIMUM,
      period: Duration.minutes(15),
    });
  }

  private allowListing(fn: HeedFunction, prefixes: readonly string[]): void {
    const { rawMailBucket } = this.props;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ["s3:ListBucket"],
        resources: [rawMailBucket.bucketArn],
        conditions: { StringLike: { "s3:prefix": prefixes.map((prefix) => `${prefix}*`) } },
      }),
    );
    fn.addEnvironment("RAW_MAIL_BUCKET", rawMailBucket.bucketName);
  }

  private allowObjectDeletes(fn: HeedFunction): void {
    const { rawMailBucket } = this.props;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ["s3:DeleteObject"],
        resources: PERSONAL_DATA_PREFIXES.map((prefix) => rawMailBucket.arnForObjects(`${prefix}*`)),
      }),
    );
    const bucketId = Stack.of(this).resolve((rawMailBucket.node.defaultChild as CfnBucket).logicalId);
    Validations.of(fn).acknowledge(
      ...PERSONAL_DATA_PREFIXES.map((prefix) => ({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason:
          "Raw mail and attachments are keyed per message under this prefix; retention and erasure remove them.",
      })),
    );
  }
}
