// What protects customer data at rest and records who touched it: one customer-managed KMS key for the
// case table, the raw-mail bucket and every queue (rotated yearly, kept with the data in production), and
// the bucket that receives S3 server access logs. Services that must use the key are granted it where
// they are wired (the inbound-email construct), next to the reason they need it.
import { Duration, Validations } from "aws-cdk-lib";
import { Key } from "aws-cdk-lib/aws-kms";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import type { StageSettings } from "./stage-settings";

export interface DataProtectionProps {
  readonly settings: StageSettings;
}

export class DataProtection extends Construct {
  /** Encrypts the case table, raw mail and every queue. Losing it loses the data: retained in production. */
  readonly dataKey: Key;
  /** Target of S3 server access logging for every Heed bucket. */
  readonly accessLogBucket: Bucket;

  constructor(scope: Construct, id: string, props: DataProtectionProps) {
    super(scope, id);
    const { settings } = props;

    this.dataKey = new Key(this, "DataKey", {
      description: "Heed customer data: case table, raw mail and queues",
      enableKeyRotation: true,
      removalPolicy: settings.dataRemovalPolicy,
      pendingWindow: settings.keyDeletionWindow,
    });

    // S3 can deliver server access logs only to a bucket encrypted with S3-managed keys, not SSE-KMS.
    this.accessLogBucket = new Bucket(this, "AccessLogBucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ expiration: Duration.days(settings.logRetention) }],
      removalPolicy: settings.logRemovalPolicy,
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: "AwsSolutions-S1",
      reason: "This is the access-log bucket itself; logging it to itself would log every log delivery.",
    });
  }
}
