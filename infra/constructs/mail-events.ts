// What SES reports after sending: bounces and complaints for every message Heed sends go from the
// configuration set to an encrypted SNS topic, then through a queue with its own dead-letter queue to
// the mail-events function, which flags the case "customer not informed" and suppresses the address. A
// notification the function cannot handle is retried and then parked, with the alarm every queue has.
import { Duration, Stack } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { type IKey, Key } from "aws-cdk-lib/aws-kms";
import { EmailSendingEvent, EventDestination } from "aws-cdk-lib/aws-ses";
import { type CfnTopic, Topic } from "aws-cdk-lib/aws-sns";
import { SqsSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { DeadLetteredQueue } from "./dead-lettered-queue";
import { VISIBILITY_TIMEOUT_FACTOR } from "./heed-checks";
import { HeedFunction } from "./heed-function";
import type { MailSending } from "./mail-sending";
import type { StageSettings } from "./stage-settings";

const MAIL_EVENTS_TIMEOUT = Duration.seconds(30);

/** SNS may use the queue's key only for this topic's deliveries (CDK feature flag, set for this construct). */
const RESTRICT_SQS_DECRYPTION = "@aws-cdk/aws-sns-subscriptions:restrictSqsDescryption";

export interface MailEventsProps {
  readonly settings: StageSettings;
  readonly caseTable: ITable;
  readonly mailSending: MailSending;
  /** Encrypts the queue, whose notifications carry customers' addresses. */
  readonly dataKey: IKey;
}

export class MailEvents extends Construct {
  readonly topic: Topic;
  readonly queue: DeadLetteredQueue;
  readonly mailEventsFunction: HeedFunction;

  constructor(scope: Construct, id: string, props: MailEventsProps) {
    super(scope, id);
    this.node.setContext(RESTRICT_SQS_DECRYPTION, true);
    const stack = Stack.of(this);

    // SES can publish to an encrypted topic only under a customer-managed key that lets it.
    const topicKey = new Key(this, "TopicKey", {
      description: "Heed SES bounce and complaint notifications",
      enableKeyRotation: true,
      removalPolicy: props.settings.logRemovalPolicy,
      pendingWindow: props.settings.keyDeletionWindow,
    });
    topicKey.addToResourcePolicy(
      new PolicyStatement({
        sid: "AllowSesToPublish",
        principals: [new ServicePrincipal("ses.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        conditions: { StringEquals: { "aws:SourceAccount": stack.account } },
      }),
    );
    this.topic = new Topic(this, "Topic", { masterKey: topicKey, enforceSSL: true });
    (this.topic.node.defaultChild as CfnTopic).addMetadata("heed:role", "mail-events-topic");
    props.mailSending.configurationSet.addEventDestination("BouncesAndComplaints", {
      destination: EventDestination.snsTopic(this.topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.queue = new DeadLetteredQueue(this, "Queue", {
      role: "mail-events-queue",
      visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * MAIL_EVENTS_TIMEOUT.toSeconds()),
      encryptionKey: props.dataKey,
    });
    this.topic.addSubscription(new SqsSubscription(this.queue.queue));

    this.mailEventsFunction = new HeedFunction(this, "MailEventsFunction", {
      name: "mail-events",
      settings: props.settings,
      timeout: MAIL_EVENTS_TIMEOUT,
    });
    this.mailEventsFunction.bindTable(props.caseTable, "readWrite", "CASE_TABLE_NAME");
    this.mailEventsFunction.consumeQueue(this.queue.queue, { batchSize: 10, maxConcurrency: 2 });
  }
}
