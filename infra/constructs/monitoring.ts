// How operators learn that something needs them: an alarm when a message is parked in a dead-letter
// queue, a queue's oldest message waits too long, a function fails or is throttled, an API answers 5xx,
// or SES's bounce or complaint rate nears the level at which SES reviews the account, all sent to one
// encrypted topic, and a dashboard of the AWS metrics behind them. It watches every Heed function, dead-lettered queue,
// HTTP API and table created before it in the stack, so a new one is covered without extra wiring.
import { Duration, Stack } from "aws-cdk-lib";
import { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Operation, Table } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct, type IConstruct } from "constructs";
import { DeadLetteredQueue } from "./dead-lettered-queue";
import { HeedFunction } from "./heed-function";
import type { StageSettings } from "./stage-settings";

const FIVE_MINUTES = Duration.minutes(5);
const ONE_MINUTE = Duration.minutes(1);

/**
 * Every Heed queue is consumed by a function whose visibility timeout is at most 12 minutes, so even a
 * message retried after a failure is worked on well within this: older means the consumer is stuck,
 * disabled or outpaced (README, Operations).
 */
export const QUEUE_AGE_ALARM = Duration.minutes(30);

/**
 * SES puts an account under review at a 5% bounce rate or a 0.1% complaint rate (and may pause sending
 * at 10% and 0.5%); these alarm at four fifths of the review levels, while there is time to act.
 */
export const SES_BOUNCE_RATE_ALARM = 0.04;
export const SES_COMPLAINT_RATE_ALARM = 0.0008;

/** The operations Heed's stores make, for the table's throttling graph. */
const TABLE_OPERATIONS = [Operation.GET_ITEM, Operation.QUERY, Operation.PUT_ITEM, Operation.UPDATE_ITEM];

export interface MonitoringProps {
  readonly settings: StageSettings;
  /** Subscribed to the alarm topic when given (context `heed:alarmEmail`); it must confirm by email. */
  readonly alarmEmail?: string;
}

export class Monitoring extends Construct {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");

    // CloudWatch can publish to an encrypted topic only under a customer-managed key that lets it.
    const topicKey = new Key(this, "AlarmTopicKey", {
      description: "Heed alarm notifications",
      enableKeyRotation: true,
      removalPolicy: props.settings.logRemovalPolicy,
      pendingWindow: props.settings.keyDeletionWindow,
    });
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        sid: "AllowCloudWatchAlarmsToPublish",
        principals: [cloudWatch],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
      }),
    );
    this.alarmTopic = new Topic(this, "AlarmTopic", { masterKey: topicKey, enforceSSL: true });
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: "AllowThisAccountsAlarmsToPublish",
        principals: [cloudWatch],
        actions: ["sns:Publish"],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          ArnLike: {
            "aws:SourceArn": `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
          },
        },
      }),
    );
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    }

    const watched = stack.node.findAll();
    const functions = watched.filter((c): c is HeedFunction => c instanceof HeedFunction);
    const queues = watched.filter((c): c is DeadLetteredQueue => c instanceof DeadLetteredQueue);
    const apis = watched.filter((c): c is HttpApi => c instanceof HttpApi);
    const tables = watched.filter((c): c is Table => c instanceof Table);

    for (const queue of queues) {
      this.alarm(queue, "DeadLetters", {
        metric: queue.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: ONE_MINUTE,
          statistic: Stats.MAXIMUM,
        }),
        description: `${relativePath(queue)}: messages are parked in its dead-letter queue. Find out why they failed, fix it, then redrive them (runbook: README, Operations).`,
      });
      this.alarm(queue, "OldestMessage", {
        metric: queue.queue.metricApproximateAgeOfOldestMessage({
          period: FIVE_MINUTES,
          statistic: Stats.MAXIMUM,
        }),
        threshold: QUEUE_AGE_ALARM.toSeconds(),
        description: `${relativePath(queue)}: its oldest message has waited over ${QUEUE_AGE_ALARM.toMinutes()} minutes; its consumer is stuck, disabled or outpaced (runbook: README, Operations).`,
      });
    }
    this.alarm(this, "SesBounceRate", {
      metric: sesMetric("Reputation.BounceRate", Stats.MAXIMUM),
      threshold: SES_BOUNCE_RATE_ALARM,
      description: `SES (whole account): the bounce rate is over ${SES_BOUNCE_RATE_ALARM * 100}%; SES reviews an account at 5%. Check the mail-events log for the cases whose addresses bounce (runbook: README, Operations).`,
    });
    this.alarm(this, "SesComplaintRate", {
      metric: sesMetric("Reputation.ComplaintRate", Stats.MAXIMUM),
      threshold: SES_COMPLAINT_RATE_ALARM,
      description: `SES (whole account): the complaint rate is over ${SES_COMPLAINT_RATE_ALARM * 100}%; SES reviews an account at 0.1%. Customers are marking Heed's mail as spam (runbook: README, Operations).`,
    });
    for (const fn of functions) {
      this.alarm(fn, "Errors", {
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: Stats.SUM }),
        description: `${fn.serviceName}: invocations failed in the last 5 minutes. Its log group has the errors.`,
      });
      this.alarm(fn, "Throttles", {
        metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: Stats.SUM }),
        description: `${fn.serviceName}: invocations were throttled in the last 5 minutes (account concurrency).`,
      });
    }
    for (const api of apis) {
      this.alarm(api, "ServerErrors", {
        metric: api.metricServerError({ period: FIVE_MINUTES, statistic: Stats.SUM }),
        description: `${relativePath(api)}: the API answered 5xx in the last 5 minutes.`,
      });
    }

    this.dashboard = new Dashboard(this, "Dashboard", { defaultInterval: Duration.hours(24) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Heed (${props.settings.stage})\nAlarms go to the alarm topic; the runbooks are in the README.`,
        width: 8,
        height: 4,
      }),
      new AlarmStatusWidget({ title: "Alarms", alarms: this.alarms, width: 16, height: 4 }),
    );
    this.dashboard.addWidgets(
      ...functions.map(
        (fn) =>
          new GraphWidget({
            title: `${fn.serviceName}: invocations, errors, throttles; duration`,
            left: [fn.metricInvocations(), fn.metricErrors(), fn.metricThrottles()],
            right: [fn.metricDuration({ statistic: Stats.p(99) })],
            width: 12,
          }),
      ),
    );
    this.dashboard.addWidgets(
      ...queues.map(
        (queue) =>
          new GraphWidget({
            title: `${relativePath(queue)}: backlog; age of oldest message`,
            left: [queue.queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM })],
            right: [queue.queue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM })],
            width: 8,
          }),
      ),
      new GraphWidget({
        title: "Dead-letter queues: parked messages",
        left: queues.map((queue) =>
          queue.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            statistic: Stats.MAXIMUM,
            label: relativePath(queue),
          }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      ...apis.map(
        (api) =>
          new GraphWidget({
            title: `${relativePath(api)}: requests, 4xx, 5xx; latency`,
            left: [api.metricCount(), api.metricClientError(), api.metricServerError()],
            right: [api.metricLatency({ statistic: Stats.p(99) })],
            width: 12,
          }),
      ),
      ...tables.map(
        (table) =>
          new GraphWidget({
            title: `${relativePath(table)}: consumed capacity; throttled requests`,
            left: [table.metricConsumedReadCapacityUnits(), table.metricConsumedWriteCapacityUnits()],
            right: [table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS })],
            width: 12,
          }),
      ),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: "SES (whole account): sent, delivered, bounced, complaints; reputation",
        left: ["Send", "Delivery", "Bounce", "Complaint"].map((name) => sesMetric(name, Stats.SUM)),
        right: ["Reputation.BounceRate", "Reputation.ComplaintRate"].map((name) =>
          sesMetric(name, Stats.MAXIMUM),
        ),
        width: 24,
      }),
    );
  }

  /**
   * An alarm when the metric rises above the threshold (zero unless given), reported to the alarm
   * topic and again when it clears.
   */
  private alarm(
    watched: IConstruct,
    suffix: string,
    options: { metric: IMetric; description: string; threshold?: number },
  ): void {
    const alarm = new Alarm(this, `${relativePath(watched).replaceAll("/", "")}${suffix}`, {
      metric: options.metric,
      threshold: options.threshold ?? 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    const action = new SnsAction(this.alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}

/** `Heed/StaffApi/HttpApi` -> `StaffApi/HttpApi` */
function relativePath(construct: IConstruct): string {
  const stackPath = Stack.of(construct).node.path;
  return construct.node.path.slice(stackPath.length + 1);
}

function sesMetric(metricName: string, statistic: string): Metric {
  return new Metric({ namespace: "AWS/SES", metricName, statistic, period: FIVE_MINUTES });
}
