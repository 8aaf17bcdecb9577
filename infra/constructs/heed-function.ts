// Every Heed Lambda is built here, so runtime, bundling and logging are the same everywhere, and
// each resource a function touches is bound with one call that grants access AND sets the variable
// the handler reads, so IAM and configuration cannot drift apart.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Architecture, type CfnFunction, Runtime } from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { Bucket, CfnBucket } from "aws-cdk-lib/aws-s3";
import type { CfnQueue, IQueue, Queue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { StageSettings } from "./stage-settings";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Lambda's own advice for SQS consumers: a message must outlive six attempts at the function. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
const DEFAULT_SQS_VISIBILITY_SECONDS = 30;

// Bundled dependencies such as mailparser are CommonJS and call require() for Node built-ins,
// which an ES module bundle has no binding for.
const ESM_REQUIRE_SHIM =
  'import { createRequire as heedCreateRequire } from "node:module"; const require = heedCreateRequire(import.meta.url);';

/** The wildcard actions in CDK's bucket grants, which cdk-nag reports one by one. */
const BUCKET_GRANT_WILDCARD_ACTIONS = {
  read: ["s3:GetObject*", "s3:GetBucket*", "s3:List*"],
  readWrite: ["s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:Abort*"],
} as const;

export type TableAccess = "read" | "readWrite";
export type BucketAccess = keyof typeof BUCKET_GRANT_WILDCARD_ACTIONS;

export interface HeedFunctionProps {
  /** Folder under `functions/` that holds `handler.ts`; also the Powertools service name. */
  readonly name: string;
  readonly settings: StageSettings;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default 512 MB */
  readonly memorySize?: number;
  readonly environment?: Record<string, string>;
}

export interface QueueConsumerOptions {
  readonly batchSize: number;
  readonly maxConcurrency: number;
}

export class QueueVisibilityTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueueVisibilityTimeoutError";
  }
}

export class HeedFunction extends NodejsFunction {
  /** Repository-relative path of the handler file, also recorded as `heed:entry` metadata. */
  readonly entryPath: string;

  constructor(scope: Construct, id: string, props: HeedFunctionProps) {
    const entryPath = `functions/${props.name}/handler.ts`;
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: props.settings.logRetention,
      removalPolicy: props.settings.logRemovalPolicy,
    });

    super(scope, id, {
      entry: join(REPO_ROOT, entryPath),
      handler: "handler",
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, "package-lock.json"),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 512,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.name,
        NODE_OPTIONS: "--enable-source-maps",
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: "node22",
        mainFields: ["module", "main"],
        banner: ESM_REQUIRE_SHIM,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        externalModules: [],
        forceDockerBundling: false,
      },
    });

    this.entryPath = entryPath;
    (this.node.defaultChild as CfnFunction).addMetadata("heed:entry", entryPath);

    Validations.of(this).acknowledge(
      {
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        reason: "The AWS managed basic execution policy only lets the function write its own logs.",
      },
      {
        id: "AwsSolutions-L1",
        reason: "Heed targets nodejs22.x, the runtime its bundles are built and tested for.",
      },
    );
  }

  bindTable(table: ITable, access: TableAccess, variable: string): void {
    if (access === "read") {
      table.grantReadData(this);
    } else {
      table.grantReadWriteData(this);
    }
    this.addEnvironment(variable, table.tableName);
  }

  bindBucket(bucket: Bucket, access: BucketAccess, variable: string): void {
    if (access === "read") {
      bucket.grantRead(this);
    } else {
      bucket.grantReadWrite(this);
    }
    this.addEnvironment(variable, bucket.bucketName);

    const bucketId = Stack.of(this).resolve((bucket.node.defaultChild as CfnBucket).logicalId) as string;
    const reason = "CDK's standard grant, scoped to this one bucket, whose objects are keyed per message.";
    Validations.of(this).acknowledge(
      ...BUCKET_GRANT_WILDCARD_ACTIONS[access].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason,
      })),
      { id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, reason },
    );
  }

  /** Grants sending to the queue and hands the function its URL. */
  bindQueue(queue: IQueue, variable: string): void {
    queue.grantSendMessages(this);
    this.addEnvironment(variable, queue.queueUrl);
  }

  /**
   * Makes the function the queue's consumer with partial batch responses, so one poison message
   * is retried (and finally dead-lettered) alone instead of failing its whole batch.
   */
  consumeQueue(queue: Queue, options: QueueConsumerOptions): void {
    const visibilitySeconds =
      (queue.node.defaultChild as CfnQueue).visibilityTimeout ?? DEFAULT_SQS_VISIBILITY_SECONDS;
    const timeoutSeconds = this.timeout?.toSeconds() ?? 3;
    if (visibilitySeconds < VISIBILITY_TIMEOUT_FACTOR * timeoutSeconds) {
      throw new QueueVisibilityTimeoutError(
        `${queue.node.path} has a visibility timeout of ${visibilitySeconds}s; its consumer ` +
          `${this.node.path} needs at least ${VISIBILITY_TIMEOUT_FACTOR * timeoutSeconds}s`,
      );
    }
    this.addEventSource(
      new SqsEventSource(queue, {
        batchSize: options.batchSize,
        maxConcurrency: options.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }
}
