// Email intake: SES accepts mail for the intake address only over TLS and scans it, then stores each
// message exactly as received under `inbound/` in the raw-mail bucket; the bucket's event goes to the
// intake queue, and the intake function consumes that queue. SES's Lambda action never carries the
// body, hence the S3 hop; a second action records each arrival for the reconciler. Raw mail is encrypted at rest by the bucket's default SSE-KMS; SES writes it
// through a role of its own, which is what SES documents for a bucket under a customer-managed key.
import { Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type BucketNotificationDestinationConfig,
  BucketNotificationDestinationType,
  type CfnBucket,
  EventType,
  type IBucket,
  type IBucketNotificationDestination,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import {
  type CfnReceiptRule,
  type IReceiptRuleAction,
  type IReceiptRuleRef,
  type ReceiptRuleActionConfig,
  ReceiptRuleSet,
  TlsPolicy,
} from "aws-cdk-lib/aws-ses";
import { Lambda, LambdaInvocationType } from "aws-cdk-lib/aws-ses-actions";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { DeadLetteredQueue } from "./dead-lettered-queue";
import { VISIBILITY_TIMEOUT_FACTOR } from "./heed-checks";
import { HeedFunction } from "./heed-function";
import type { StageSettings } from "./stage-settings";

// CDK creates one handler per stack for all bucket notifications, under this fixed id.
const BUCKET_NOTIFICATIONS_HANDLER_ID = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834";

export const RAW_MAIL_PREFIX = "inbound/";
/** Attachment bytes, stored by intake under generated keys (see shared/adapters/aws/s3-attachment-store.ts). */
const ATTACHMENT_PREFIX = "attachments/";

/**
 * Records of a batch run together only while their raw sizes fit a 40 MB budget (see
 * functions/inbound-email/byte-budget.ts), so SES's largest messages are taken one at a time. A 40 MB
 * message parses in about a second on a full core (`npm run bench`); at 1,024 MB (about 0.6 vCPU), with
 * the S3 read and the attachment writes, it is given 10 seconds, and the timeout covers a whole batch.
 */
export const INTAKE_BATCH_SIZE = 10;
export const LARGEST_MESSAGE_SECONDS = 10;
export const INTAKE_MEMORY_MB = 1024;
const INTAKE_TIMEOUT = Duration.seconds(INTAKE_BATCH_SIZE * LARGEST_MESSAGE_SECONDS + 20);
const INTAKE_VISIBILITY_TIMEOUT = Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * INTAKE_TIMEOUT.toSeconds());

export interface InboundEmailProps {
  readonly settings: StageSettings;
  readonly intakeAddress: string;
  readonly organisationName: string;
  readonly caseTable: ITable;
  /** The customer data key: encrypts raw mail and the intake queues. */
  readonly dataKey: IKey;
  readonly accessLogBucket: IBucket;
}

export class InboundEmail extends Construct {
  readonly rawMailBucket: Bucket;
  readonly intakeQueue: DeadLetteredQueue;
  readonly intakeFunction: HeedFunction;
  /** Records each stored message's arrival for the reconciler (SES's second receipt action). */
  readonly arrivalFunction: HeedFunction;
  /** Must be made the account's active rule set once, after the first deploy (SES has no CloudFormation for that). */
  readonly receiptRuleSet: ReceiptRuleSet;
  /** The role SES assumes to store raw mail: put objects under `inbound/`, with a data key to encrypt them. */
  readonly receiptRole: Role;

  constructor(scope: Construct, id: string, props: InboundEmailProps) {
    super(scope, id);

    this.rawMailBucket = new Bucket(this, "RawMailBucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: "raw-mail/",
      removalPolicy: props.settings.dataRemovalPolicy,
    });
    (this.rawMailBucket.node.defaultChild as CfnBucket).addMetadata("heed:role", "raw-mail-bucket");

    this.intakeFunction = new HeedFunction(this, "IntakeFunction", {
      name: "inbound-email",
      settings: props.settings,
      timeout: INTAKE_TIMEOUT,
      memorySize: INTAKE_MEMORY_MB,
      environment: {
        INTAKE_ADDRESS: props.intakeAddress,
        ORGANISATION_NAME: props.organisationName,
      },
    });

    this.intakeQueue = new DeadLetteredQueue(this, "IntakeQueue", {
      role: "intake-queue",
      visibilityTimeout: INTAKE_VISIBILITY_TIMEOUT,
      encryptionKey: props.dataKey,
    });
    this.rawMailBucket.addEventNotification(
      EventType.OBJECT_CREATED,
      new EncryptedQueueDestination(this.intakeQueue.queue, props.dataKey),
      { prefix: RAW_MAIL_PREFIX },
    );
    const notificationsHandler = Stack.of(this).node.tryFindChild(BUCKET_NOTIFICATIONS_HANDLER_ID);
    if (notificationsHandler) {
      Validations.of(notificationsHandler).acknowledge(
        {
          id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
          reason: "CDK's own bucket-notification handler; the managed policy only lets it write its logs.",
        },
        {
          id: "Heed::NodeRuntime",
          reason:
            "CDK's own Python handler that configures bucket notifications at deploy time; not Heed code.",
        },
        {
          id: "Heed::ExplicitLogGroup",
          reason: "CDK's own handler, run only at deploy time; CDK does not let its log group be set.",
        },
      );
    }

    this.receiptRuleSet = new ReceiptRuleSet(this, "ReceiptRuleSet");
    this.receiptRole = new Role(this, "ReceiptRole", {
      description: "Heed: SES stores received mail under inbound/ in the raw-mail bucket",
      assumedBy: new ServicePrincipal("ses.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    });
    // After storing a message, SES tells the arrival function, which records it for the reconciler: a
    // second path, independent of the bucket's event, so mail whose event is lost is still found.
    this.arrivalFunction = new HeedFunction(this, "MailArrivalFunction", {
      name: "mail-arrival",
      settings: props.settings,
      environment: { RAW_MAIL_PREFIX, RAW_MAIL_BUCKET: this.rawMailBucket.bucketName },
    });
    this.arrivalFunction.bindTable(props.caseTable, "create", "CASE_TABLE_NAME");
    const rule = this.receiptRuleSet.addRule("IntakeRule", {
      recipients: [props.intakeAddress],
      tlsPolicy: TlsPolicy.REQUIRE,
      scanEnabled: true,
      actions: [
        new StoreThroughRole(this.rawMailBucket, RAW_MAIL_PREFIX, props.dataKey, this.receiptRole),
        new Lambda({ function: this.arrivalFunction, invocationType: LambdaInvocationType.EVENT }),
      ],
    });
    // SES writes a test object when the rule is created: the role's permissions must exist by then.
    rule.node.addDependency(this.receiptRole);

    this.intakeFunction.consumeQueue(this.intakeQueue.queue, {
      batchSize: INTAKE_BATCH_SIZE,
      maxConcurrency: 5,
    });
    this.intakeFunction.bindTable(props.caseTable, "readWrite", "CASE_TABLE_NAME");
    // A new case's first items go in one BatchWriteItem (its timeline events and lookups, its queue entry,
    // due items, complaints return entry and report rows), as do a sent letter's: only in the partitions
    // of those items, all of which the function puts one by one anyway.
    this.intakeFunction.allowBatchPuts(props.caseTable, INTAKE_BATCH_PARTITIONS);
    // Before it records a case, intake reads the sender's erasure tombstone and the customer's
    // suppression in one BatchGetItem: only those two partitions.
    this.intakeFunction.allowBatchReads(props.caseTable, INTAKE_BATCH_READ_PARTITIONS);
    this.intakeFunction.bindBucket(this.rawMailBucket, RAW_MAIL_PREFIX, "RAW_MAIL_BUCKET");
    this.intakeFunction.allowObjectWrites(this.rawMailBucket, ATTACHMENT_PREFIX);
  }
}

/**
 * The partitions intake may write in batches: cases (their events), lookups, work queues, due items, the
 * complaints return and the weekly reports.
 */
export const INTAKE_BATCH_PARTITIONS = [
  "CASE#*",
  "LOOKUP#*",
  "QUEUE#*",
  "DUE#*",
  "COMPLAINTS-RETURN#*",
  "REPORT#*",
] as const;

/** The partitions intake may read in batches: erasure tombstones and suppressed addresses. */
export const INTAKE_BATCH_READ_PARTITIONS = ["TOMBSTONE#*", "SUPPRESSION#*"] as const;

/**
 * SES's S3 action, writing as `role` rather than as SES itself (CDK's S3 action has no role): the role
 * may put objects under the prefix and ask the bucket's key for a data key, and nothing more. No KMS key
 * is named on the action, which would mean client-side encryption; the bucket encrypts at rest.
 */
class StoreThroughRole implements IReceiptRuleAction {
  constructor(
    private readonly bucket: IBucket,
    private readonly prefix: string,
    private readonly key: IKey,
    private readonly role: Role,
  ) {}

  bind(_rule: IReceiptRuleRef): ReceiptRuleActionConfig {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["s3:PutObject"],
        resources: [this.bucket.arnForObjects(`${this.prefix}*`)],
      }),
    );
    this.key.grant(this.role, "kms:GenerateDataKey", "kms:Encrypt");
    const bucketId = Stack.of(this.role).resolve((this.bucket.node.defaultChild as CfnBucket).logicalId);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${this.prefix}*]`,
      reason: "SES stores each received message under its own key below this prefix; the role may only put.",
    });
    // CloudFormation's S3 action takes IamRoleArn; CDK's action config type predates it.
    const s3Action: CfnReceiptRule.S3ActionProperty = {
      bucketName: this.bucket.bucketName,
      objectKeyPrefix: this.prefix,
      iamRoleArn: this.role.roleArn,
    };
    return { s3Action };
  }
}

/**
 * S3 event notifications into a queue encrypted under the same key as the bucket. CDK's SqsDestination
 * would name the bucket in the key policy, a cycle with the bucket's own encryption under that key; here
 * the queue policy names the bucket and the key policy names the account.
 */
class EncryptedQueueDestination implements IBucketNotificationDestination {
  constructor(
    private readonly queue: Queue,
    private readonly key: IKey,
  ) {}

  bind(scope: Construct, bucket: IBucket): BucketNotificationDestinationConfig {
    const s3 = new ServicePrincipal("s3.amazonaws.com");
    const account = Stack.of(scope).account;
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        principals: [s3],
        actions: ["sqs:SendMessage"],
        resources: [this.queue.queueArn],
        conditions: {
          ArnLike: { "aws:SourceArn": bucket.bucketArn },
          StringEquals: { "aws:SourceAccount": account },
        },
      }),
    );
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: "AllowS3ToNotifyEncryptedQueues",
        principals: [s3],
        actions: ["kms:GenerateDataKey", "kms:Decrypt"],
        resources: ["*"],
        conditions: { StringEquals: { "aws:SourceAccount": account } },
      }),
    );
    return {
      arn: this.queue.queueArn,
      type: BucketNotificationDestinationType.QUEUE,
      dependencies: [this.queue],
    };
  }
}
