// Every Heed Lambda is built here, so runtime, bundling, logging and Powertools settings are the same
// everywhere, and each resource a function touches is bound with one call that grants exactly the
// actions its handler makes AND sets the variable it reads, so IAM and configuration cannot drift apart.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  AssetHashType,
  type BundlingOptions,
  DockerImage,
  Duration,
  type ILocalBundling,
  Stack,
  Validations,
} from "aws-cdk-lib";
import type { CfnTable, ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import {
  Architecture,
  type CfnFunction,
  Code,
  Function as LambdaFunction,
  Runtime,
} from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { Bucket, CfnBucket } from "aws-cdk-lib/aws-s3";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { BundleRequest } from "./bundle-handler";
import { checkedPolicyModules } from "./checked-policies";
import type { StageSettings } from "./stage-settings";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

// Bundled dependencies such as mailparser are CommonJS and call require() for Node built-ins,
// which an ES module has no binding for. Every module of a bundle starts with this line.
const ESM_REQUIRE_SHIM =
  'import { createRequire as heedCreateRequire } from "node:module"; const require = heedCreateRequire(import.meta.url);';

/**
 * Packages that ship both an ES module and a CommonJS build, which esbuild would otherwise bundle twice
 * (the ES build for `import`, the CommonJS one for `require`): each resolves to its CommonJS build only.
 * Paths are relative to the repository root, where esbuild runs.
 */
const ONE_MODULE_FORMAT: Record<string, string> = {
  // mailparser imports libmime; the MIME splitter beneath it requires it.
  libmime: "./node_modules/libmime/dist/cjs/libmime.js",
};

const BUNDLE_HANDLER = fileURLToPath(new URL("./bundle-handler.ts", import.meta.url));

/** The policy loaders' replacements, checked once however many functions are bundled. */
let checkedPolicies: Record<string, string> | undefined;

/**
 * Bundles a handler as minified ES modules with the AWS SDK inside: `index.mjs`, which exports the handler,
 * and the chunks it imports. Code split (each `import()` starts a chunk of its own), so a cold start reads
 * and compiles only what the handler imports statically; what it imports on first use is read then. Source
 * maps ship beside each module for reading a logged stack offline, but are not loaded at start (no
 * --enable-source-maps): Node would read and parse every map in every cold start. The policy files are
 * checked here, once, and bundled as checked data (see checked-policies.ts): a bad one fails the bundling.
 */
class HandlerBundling implements BundlingOptions {
  // Bundled here with esbuild, never in a container: the image is a placeholder CDK requires.
  readonly image = DockerImage.fromRegistry("dummy");
  readonly local: ILocalBundling;

  /** `entryPath` is also what tells CDK's asset cache one function's bundle from another's. */
  constructor(readonly entryPath: string) {
    this.local = {
      tryBundle(outputDir) {
        checkedPolicies ??= checkedPolicyModules();
        const request: BundleRequest = {
          options: {
            absWorkingDir: REPO_ROOT,
            entryPoints: { index: entryPath },
            outdir: outputDir,
            bundle: true,
            splitting: true,
            platform: "node",
            format: "esm",
            target: "node22",
            outExtension: { ".js": ".mjs" },
            chunkNames: "[name]-[hash]",
            mainFields: ["module", "main"],
            banner: { js: ESM_REQUIRE_SHIM },
            minify: true,
            sourcemap: true,
            sourcesContent: false,
            alias: ONE_MODULE_FORMAT,
            logLevel: "warning",
          },
          replacements: checkedPolicies,
        };
        const built = spawnSync(process.execPath, ["--import", "tsx", BUNDLE_HANDLER], {
          cwd: REPO_ROOT,
          input: JSON.stringify(request),
          stdio: ["pipe", "inherit", "inherit"],
        });
        if (built.status !== 0) throw new Error(`bundling ${entryPath} failed (exit ${built.status})`);
        return true;
      },
    };
  }
}

/**
 * How long a function keeps a secret it read (Powertools Parameters' POWERTOOLS_PARAMETERS_MAX_AGE): a
 * value put into the secret is in use everywhere within this time.
 */
export const SECRET_CACHE_SECONDS = 300;

/**
 * `create` only puts items; `read` gets and queries; `readUpdate` also changes items that exist (state
 * changes under a condition); `readWrite` also creates items. No mode scans, deletes or writes in batches
 * (`allowBatchPuts` adds batches in named partitions).
 */
export type TableAccess = "create" | "read" | "readUpdate" | "readWrite";

const TABLE_ACTIONS: Record<TableAccess, string[]> = {
  create: ["dynamodb:PutItem"],
  read: ["dynamodb:GetItem", "dynamodb:Query"],
  readUpdate: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"],
  readWrite: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem"],
};

/** DynamoDB uses the table's key on the caller's behalf: decrypt to read, also encrypt to write. */
const KEY_READ_ACTIONS = ["kms:Decrypt", "kms:DescribeKey"];
const KEY_WRITE_ACTIONS = [...KEY_READ_ACTIONS, "kms:Encrypt", "kms:GenerateDataKey"];
const TABLE_KEY_ACTIONS: Record<TableAccess, string[]> = {
  create: KEY_WRITE_ACTIONS,
  read: KEY_READ_ACTIONS,
  readUpdate: KEY_WRITE_ACTIONS,
  readWrite: KEY_WRITE_ACTIONS,
};

export interface HeedFunctionProps {
  /** Folder under `functions/` that holds `handler.ts`; also the Powertools service name. */
  readonly name: string;
  readonly settings: StageSettings;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default 512 MB */
  readonly memorySize?: number;
  readonly environment?: Record<string, string>;
  /** Reserved concurrency; 1 for a scheduled job whose runs must never overlap. @default none */
  readonly reservedConcurrentExecutions?: number;
}

export interface QueueConsumerOptions {
  readonly batchSize: number;
  /** Caps the pollers' concurrent invocations, so a backlog cannot throttle the case table. */
  readonly maxConcurrency: number;
  /**
   * How long Lambda gathers messages before invoking, up to `batchSize` (which may then exceed 10). The
   * queue's visibility timeout must also cover this window.
   */
  readonly maxBatchingWindow?: Duration;
}

export class HeedFunction extends LambdaFunction {
  /** The folder name under `functions/`, which is also the Powertools service name. */
  readonly serviceName: string;
  /** Repository-relative path of the handler file, also recorded as `heed:entry` metadata. */
  readonly entryPath: string;

  constructor(scope: Construct, id: string, props: HeedFunctionProps) {
    const entryPath = `functions/${props.name}/handler.ts`;
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: props.settings.logRetention,
      removalPolicy: props.settings.logRemovalPolicy,
    });

    super(scope, id, {
      code: Code.fromAsset(REPO_ROOT, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: new HandlerBundling(entryPath),
      }),
      handler: "index.handler",
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 512,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: props.settings.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: props.settings.logLevel,
        ...props.environment,
      },
    });

    this.serviceName = props.name;
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

  /** Grants the table calls of `access` (and the key use they need) and hands the function the table name. */
  bindTable(table: ITable, access: TableAccess, variable: string): void {
    this.grantTableCalls(table, TABLE_ACTIONS[access]);
    this.grantKey(table.encryptionKey, ...TABLE_KEY_ACTIONS[access]);
    this.addEnvironment(variable, table.tableName);
  }

  /** Grants these table calls, which CDK extends to the table's indexes (the recent-work index). */
  grantTableCalls(table: ITable, actions: readonly string[]): void {
    table.grant(this, ...actions);
    const tableId = Stack.of(this).resolve((table.node.defaultChild as CfnTable | undefined)?.logicalId);
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason: "CDK grants a table's calls on its indexes too: the case table's one index lists recent work.",
    });
  }

  /**
   * Lets the function put items in batches (BatchWriteItem), only in partitions whose key matches one of
   * `partitions` (`dynamodb:LeadingKeys`). IAM cannot tell a batch's puts from its deletes, so the grant
   * also allows deleting there; the partitions are kept to those whose items the function puts anyway.
   */
  allowBatchPuts(table: ITable, partitions: readonly string[]): void {
    this.allowInPartitions("dynamodb:BatchWriteItem", table, partitions);
  }

  /** Lets the function read items in batches (BatchGetItem), only in partitions whose key matches `partitions`. */
  allowBatchReads(table: ITable, partitions: readonly string[]): void {
    this.allowInPartitions("dynamodb:BatchGetItem", table, partitions);
  }

  /** Allows one table action only where every item's partition key matches one of `partitions`. */
  private allowInPartitions(action: string, table: ITable, partitions: readonly string[]): void {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [action],
        resources: [table.tableArn],
        conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [...partitions] } },
      }),
    );
  }

  /** Lets the function read (only read) objects under `keyPrefix`, and hands it the bucket name. */
  bindBucket(bucket: Bucket, keyPrefix: string, variable: string): void {
    const objects = bucket.arnForObjects(`${keyPrefix}*`);
    this.addToRolePolicy(new PolicyStatement({ actions: ["s3:GetObject"], resources: [objects] }));
    this.grantKey(bucket.encryptionKey, "kms:Decrypt");
    this.addEnvironment(variable, bucket.bucketName);

    const bucketId = Stack.of(this).resolve((bucket.node.defaultChild as CfnBucket).logicalId) as string;
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${keyPrefix}*]`,
      reason: "Objects are keyed per message under this prefix; the function may only read them.",
    });
  }

  /** Lets the function write (only write) objects under `keyPrefix` of a bucket it already has bound. */
  allowObjectWrites(bucket: Bucket, keyPrefix: string): void {
    this.addToRolePolicy(
      new PolicyStatement({ actions: ["s3:PutObject"], resources: [bucket.arnForObjects(`${keyPrefix}*`)] }),
    );
    this.grantKey(bucket.encryptionKey, "kms:GenerateDataKey", "kms:Encrypt");
    const bucketId = Stack.of(this).resolve((bucket.node.defaultChild as CfnBucket).logicalId) as string;
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${keyPrefix}*]`,
      reason: "Objects are written under generated keys below this prefix; the function may only put them.",
    });
  }

  /**
   * Lets the function read the secret's value (and nothing else of Secrets Manager) and hands it the
   * secret's ARN, never the value: the handler reads it at run time and caches it for SECRET_CACHE_SECONDS.
   */
  bindSecret(secret: ISecret, variable: string): void {
    secret.grantRead(this);
    this.addEnvironment(variable, secret.secretArn);
    this.addEnvironment("POWERTOOLS_PARAMETERS_MAX_AGE", String(SECRET_CACHE_SECONDS));
  }

  /** Lets the function send to the queue (and nothing else) and hands it the queue URL. */
  bindQueue(queue: IQueue, variable: string): void {
    this.addToRolePolicy(new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [queue.queueArn] }));
    // What an SQS producer needs of the queue's key: a data key, and decrypting it when cached.
    this.grantKey(queue.encryptionMasterKey, "kms:GenerateDataKey", "kms:Decrypt");
    this.addEnvironment(variable, queue.queueUrl);
  }

  /**
   * Makes the function the queue's consumer with partial batch responses, so one poison message
   * is retried (and finally dead-lettered) alone instead of failing its whole batch. The queue's
   * visibility timeout must cover six attempts at the function: the Heed checks enforce it.
   */
  consumeQueue(queue: IQueue, options: QueueConsumerOptions): void {
    this.addEventSource(
      new SqsEventSource(queue, {
        batchSize: options.batchSize,
        maxConcurrency: options.maxConcurrency,
        ...(options.maxBatchingWindow ? { maxBatchingWindow: options.maxBatchingWindow } : {}),
        reportBatchItemFailures: true,
      }),
    );
  }

  private grantKey(key: IKey | undefined, ...actions: string[]): void {
    key?.grant(this, ...actions);
  }
}
