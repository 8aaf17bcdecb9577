// Customer data at rest: one rotated customer-managed key encrypts the case table, raw mail and the
// queues; the services that must use it may do so only for this account; buckets are private,
// TLS-only and access-logged; the case table can be restored to any point in time.
import { describe, expect, it } from "vitest";
import {
  keyPolicyStatements,
  logicalIdOf,
  type PolicyStatement,
  resourcePolicyStatements,
  resourcesOfType,
  resourceWithMetadata,
  synthesizeHeed,
} from "./heed-template";

const template = synthesizeHeed();
const keys = resourcesOfType(template, "AWS::KMS::Key");
const [dataKeyId] = Object.entries(keys).find(([, key]) =>
  String(key.Properties.Description).includes("customer data"),
) ?? [""];
const [, table] = resourceWithMetadata(template, "AWS::DynamoDB::Table", { "heed:role": "case-table" });
const [rawMailBucketId, rawMailBucket] = resourceWithMetadata(template, "AWS::S3::Bucket", {
  "heed:role": "raw-mail-bucket",
});
const buckets = resourcesOfType(template, "AWS::S3::Bucket");
const dataKeyArn = { "Fn::GetAtt": [dataKeyId, "Arn"] };

function servicePrincipalStatements(service: string): PolicyStatement[] {
  return keyPolicyStatements(template, dataKeyId).filter(
    (statement) => JSON.stringify(statement.Principal) === JSON.stringify({ Service: service }),
  );
}

describe("DataProtection", () => {
  it("rotates every KMS key", () => {
    expect(Object.keys(keys)).not.toHaveLength(0);
    for (const [id, key] of Object.entries(keys)) {
      expect(key.Properties.EnableKeyRotation, id).toBe(true);
    }
  });

  it("encrypts the case table with the customer data key", () => {
    expect(table.Properties.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: "KMS",
      KMSMasterKeyId: dataKeyArn,
    });
  });

  it("keeps point-in-time recovery on for the case table", () => {
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it("encrypts raw mail by bucket default with the customer data key, using a bucket key", () => {
    expect(rawMailBucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: dataKeyArn },
        },
      ],
    });
  });

  it("names no SES principal in the data key's policy: SES stores mail through its receipt role", () => {
    expect(servicePrincipalStatements("ses.amazonaws.com")).toEqual([]);
  });

  it("lets S3 use the data key to notify the encrypted intake queue only on behalf of this account", () => {
    const statements = servicePrincipalStatements("s3.amazonaws.com");

    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
    });
  });

  it("blocks every form of public access on every bucket", () => {
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it("refuses requests without TLS on every bucket", () => {
    for (const id of Object.keys(buckets)) {
      const statements = resourcePolicyStatements(template, "AWS::S3::BucketPolicy", "Bucket", id);
      expect(statements, id).toContainEqual(
        expect.objectContaining({
          Effect: "Deny",
          Action: "s3:*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
      );
    }
  });

  it("writes server access logs of raw mail to the separate access-log bucket", () => {
    const logging = rawMailBucket.Properties.LoggingConfiguration as Record<string, unknown>;
    const accessLogBucketId = logicalIdOf(logging.DestinationBucketName) ?? "";

    expect(accessLogBucketId).not.toBe(rawMailBucketId);
    expect(buckets[accessLogBucketId]).toBeDefined();
    expect(logging.LogFilePrefix).toBe("raw-mail/");
  });

  it("keeps access logs under S3-managed encryption, which log delivery requires, and expires them", () => {
    const logging = rawMailBucket.Properties.LoggingConfiguration as Record<string, unknown>;
    const accessLogBucket = buckets[logicalIdOf(logging.DestinationBucketName) ?? ""];

    expect(accessLogBucket?.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
    });
    expect(accessLogBucket?.Properties.LifecycleConfiguration).toEqual({
      Rules: [expect.objectContaining({ ExpirationInDays: expect.any(Number), Status: "Enabled" })],
    });
  });
});

describe("CaseStore", () => {
  it("keys the case table by pk and sk and expires items at expiresAt", () => {
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: "expiresAt", Enabled: true });
  });
});
