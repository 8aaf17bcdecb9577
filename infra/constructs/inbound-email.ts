// Email intake: SES stores each message for the intake address, exactly as received, under
// `inbound/` in the raw-mail bucket; the bucket's event goes to the intake queue, and the intake
// function consumes that queue. SES's Lambda action never carries the body, hence the S3 hop.
import { Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  EventType,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { SqsDestination } from "aws-cdk-lib/aws-s3-notifications";
import { ReceiptRuleSet, TlsPolicy } from "aws-cdk-lib/aws-ses";
import { S3 } from "aws-cdk-lib/aws-ses-actions";
import { Construct } from "constructs";
import { DeadLetteredQueue } from "./dead-lettered-queue";
import { HeedFunction, VISIBILITY_TIMEOUT_FACTOR } from "./heed-function";
import type { StageSettings } from "./stage-settings";

// CDK creates one handler per stack for all bucket notifications, under this fixed id.
const BUCKET_NOTIFICATIONS_HANDLER_ID = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834";

export const RAW_MAIL_PREFIX = "inbound/";

/** Parsing a message of up to 40 MB (the SES maximum) with room to spare. */
const INTAKE_TIMEOUT = Duration.seconds(60);

export interface InboundEmailProps {
  readonly settings: StageSettings;
  readonly intakeAddress: string;
  readonly organisationName: string;
  readonly caseTable: ITable;
}

export class InboundEmail extends Construct {
  readonly rawMailBucket: Bucket;
  readonly intakeQueue: DeadLetteredQueue;
  readonly intakeFunction: HeedFunction;
  /** Must be made the account's active rule set once, after the first deploy (SES has no CloudFormation for that). */
  readonly receiptRuleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundEmailProps) {
    super(scope, id);

    this.rawMailBucket = new Bucket(this, "RawMailBucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: props.settings.dataRemovalPolicy,
    });
    (this.rawMailBucket.node.defaultChild as CfnBucket).addMetadata("heed:role", "raw-mail-bucket");
    Validations.of(this.rawMailBucket).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "Only SES writes and only the intake function reads this bucket; access logging comes with the operations work.",
    });

    this.intakeFunction = new HeedFunction(this, "IntakeFunction", {
      name: "inbound-email",
      settings: props.settings,
      timeout: INTAKE_TIMEOUT,
      memorySize: 1024,
      environment: {
        INTAKE_ADDRESS: props.intakeAddress,
        ORGANISATION_NAME: props.organisationName,
      },
    });

    this.intakeQueue = new DeadLetteredQueue(this, "IntakeQueue", {
      role: "intake-queue",
      visibilityTimeout: Duration.seconds(INTAKE_TIMEOUT.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
    });
    this.rawMailBucket.addEventNotification(
      EventType.OBJECT_CREATED,
      new SqsDestination(this.intakeQueue.queue),
      { prefix: RAW_MAIL_PREFIX },
    );
    const notificationsHandler = Stack.of(this).node.tryFindChild(BUCKET_NOTIFICATIONS_HANDLER_ID);
    if (notificationsHandler) {
      Validations.of(notificationsHandler).acknowledge({
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        reason: "CDK's own bucket-notification handler; the managed policy only lets it write its logs.",
      });
    }

    this.receiptRuleSet = new ReceiptRuleSet(this, "ReceiptRuleSet");
    this.receiptRuleSet.addRule("IntakeRule", {
      recipients: [props.intakeAddress],
      tlsPolicy: TlsPolicy.REQUIRE,
      scanEnabled: true,
      // No KMS key here: on the action it means client-side encryption; the bucket encrypts at rest.
      actions: [new S3({ bucket: this.rawMailBucket, objectKeyPrefix: RAW_MAIL_PREFIX })],
    });

    this.intakeFunction.consumeQueue(this.intakeQueue.queue, { batchSize: 10, maxConcurrency: 5 });
    this.intakeFunction.bindTable(props.caseTable, "readWrite", "CASE_TABLE_NAME");
    this.intakeFunction.bindBucket(this.rawMailBucket, "read", "RAW_MAIL_BUCKET");
  }
}
