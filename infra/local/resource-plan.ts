// Reads the synthesized CloudFormation template and says what the sandbox must create locally:
// tables, queues, buckets, notifications, the receipt rule, functions with their environment
// resolved to local names, queue consumers and HTTP routes. The template is the only source.

/** The parts of a CloudFormation template the sandbox reads. */
export interface CloudFormationTemplate {
  Resources: Record<string, CloudFormationResource>;
}

export interface CloudFormationResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface KeySchemaElement {
  AttributeName: string;
  KeyType: "HASH" | "RANGE";
}

export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: "S" | "N" | "B";
}

export interface SecondaryIndex {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: { ProjectionType?: "ALL" | "KEYS_ONLY" | "INCLUDE"; NonKeyAttributes?: string[] };
}

export interface LocalTable {
  logicalId: string;
  /** `heed:role` metadata, e.g. `case-table`. */
  role?: string;
  name: string;
  arn: string;
  keySchema: KeySchemaElement[];
  attributeDefinitions: AttributeDefinition[];
  globalSecondaryIndexes: SecondaryIndex[];
  localSecondaryIndexes: SecondaryIndex[];
}

export interface LocalQueue {
  logicalId: string;
  role?: string;
  /** `heed:referral-level` metadata of a referral queue (and its dead-letter queue). */
  referralLevel?: string;
  name: string;
  arn: string;
  url: string;
  visibilityTimeoutSeconds: number;
  deadLetter?: { queueLogicalId: string; maxReceiveCount: number };
  /** Attributes for CreateQueue, the redrive policy pointing at the local dead-letter queue. */
  attributes: Record<string, string>;
}

export interface LocalBucket {
  logicalId: string;
  role?: string;
  name: string;
  arn: string;
}

export interface LocalBucketNotification {
  bucketLogicalId: string;
  queueLogicalId: string;
  /** e.g. `s3:ObjectCreated:*` */
  events: string[];
  prefix: string;
  suffix: string;
  /** Stands in for the id S3 gives a notification configuration that has none. */
  configurationId: string;
}

export interface LocalReceiptRule {
  logicalId: string;
  /** Addresses, domains or `.subdomain` patterns, as SES matches them. */
  recipients: string[];
  bucketLogicalId: string;
  objectKeyPrefix: string;
  /** Functions SES invokes (asynchronously) after the S3 action has stored a message, in order. */
  arrivalFunctionLogicalIds: string[];
}

export interface LocalSecret {
  logicalId: string;
  name: string;
  /** What `Ref` gives for a secret in CloudFormation, and what functions are handed. */
  arn: string;
  /** GenerateSecretString's PasswordLength: the length of the value made on first start. */
  length: number;
}

export interface LocalFunction {
  logicalId: string;
  name: string;
  arn: string;
  /** Repository-relative handler file, from the `heed:entry` metadata. */
  entry: string;
  /** Export that holds the handler (`index.handler` -> `handler`). */
  handlerExport: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
}

export interface LocalEventSourceMapping {
  logicalId: string;
  functionLogicalId: string;
  queueLogicalId: string;
  batchSize: number;
  reportBatchItemFailures: boolean;
  /** ScalingConfig.MaximumConcurrency, when the stack sets one. */
  maximumConcurrency?: number;
  /** MaximumBatchingWindowInSeconds: how long a batch may gather messages before the function gets it. */
  batchingWindowSeconds?: number;
}

export type LocalRouteAuthorization =
  | { type: "NONE" }
  | { type: "JWT"; issuer: string; audience: string[]; scopes: string[] };

export interface LocalHttpRoute {
  logicalId: string;
  /** `GET /api/cases/{ref}`, `ANY /{proxy+}` or `$default` */
  routeKey: string;
  functionLogicalId: string;
  authorization: LocalRouteAuthorization;
}

export interface LocalResourcePlan {
  stackName: string;
  region: string;
  accountId: string;
  tables: LocalTable[];
  queues: LocalQueue[];
  buckets: LocalBucket[];
  bucketNotifications: LocalBucketNotification[];
  receiptRules: LocalReceiptRule[];
  secrets: LocalSecret[];
  functions: LocalFunction[];
  eventSourceMappings: LocalEventSourceMapping[];
  httpRoutes: LocalHttpRoute[];
}

export interface PlanOptions {
  stackName: string;
  region: string;
  accountId: string;
  /** The URL the local SQS emulator gives a queue of this name. */
  queueUrl: (queueName: string) => string;
}

export class UnsupportedTemplateError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UnsupportedTemplateError";
  }
}

const NO_VALUE = Symbol("AWS::NoValue");
type Resolved = string | typeof NO_VALUE | Resolved[];

interface PhysicalResource {
  type: string;
  ref: string;
  attributes: Record<string, string>;
}

export function planLocalResources(
  template: CloudFormationTemplate,
  options: PlanOptions,
): LocalResourcePlan {
  const resources = template.Resources;
  const physical = physicalResources(resources, options);
  const resolve = (value: unknown, where: string) => resolveIntrinsic(value, where, physical, options);
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

  const functions = ofType("AWS::Lambda::Function")
    .filter(([, resource]) => typeof resource.Metadata?.["heed:entry"] === "string")
    .map(([logicalId, resource]) => localFunction(logicalId, resource, physical, resolve));
  const functionIds = new Set(functions.map((fn) => fn.logicalId));
  const requireFunction = (logicalId: string, where: string) => {
    if (!functionIds.has(logicalId)) {
      throw new UnsupportedTemplateError(`${where} targets ${logicalId}, which has no heed:entry metadata`);
    }
    return logicalId;
  };

  return {
    stackName: options.stackName,
    region: options.region,
    accountId: options.accountId,
    tables: ofType("AWS::DynamoDB::Table").map(([logicalId, resource]) =>
      localTable(logicalId, resource, physical),
    ),
    queues: ofType("AWS::SQS::Queue").map(([logicalId, resource]) =>
      localQueue(logicalId, resource, physical, resolve),
    ),
    buckets: ofType("AWS::S3::Bucket").map(([logicalId, resource]) => ({
      logicalId,
      ...role(resource),
      name: physicalOf(physical, logicalId).ref,
      arn: attribute(physical, logicalId, "Arn", logicalId),
    })),
    bucketNotifications: ofType("Custom::S3BucketNotifications").flatMap(([logicalId, resource]) =>
      bucketNotifications(logicalId, resource),
    ),
    receiptRules: ofType("AWS::SES::ReceiptRule").map(([logicalId, resource]) =>
      receiptRule(logicalId, resource, resolve),
    ),
    secrets: ofType("AWS::SecretsManager::Secret").map(([logicalId, resource]) => {
      const generate = resource.Properties?.GenerateSecretString as { PasswordLength?: number } | undefined;
      const arn = physicalOf(physical, logicalId).ref;
      return {
        logicalId,
        name: arn.slice(arn.lastIndexOf(":") + 1),
        arn,
        length: generate?.PasswordLength ?? 32,
      };
    }),
    functions,
    eventSourceMappings: ofType("AWS::Lambda::EventSourceMapping").map(([logicalId, resource]) =>
      eventSourceMapping(logicalId, resource, requireFunction),
    ),
    httpRoutes: ofType("AWS::ApiGatewayV2::Route").map(([logicalId, resource]) =>
      httpRoute(logicalId, resource, resources, resolve, requireFunction),
    ),
  };
}

/** CloudFormation-style physical names (`<stack>-<logicalId>`), cut to the service's limit from the left. */
function localName(stackName: string, logicalId: string, maxLength: number): string {
  const name = `${stackName}-${logicalId}`;
  return name.length <= maxLength ? name : name.slice(name.length - maxLength);
}

function bucketName(stackName: string, logicalId: string): string {
  return localName(stackName, logicalId, 63)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/^-+|-+$/g, "");
}

function physicalResources(
  resources: Record<string, CloudFormationResource>,
  options: PlanOptions,
): Map<string, PhysicalResource> {
  const { stackName, region, accountId } = options;
  const physical = new Map<string, PhysicalResource>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    switch (resource.Type) {
      case "AWS::DynamoDB::Table": {
        const name = localName(stackName, logicalId, 255);
        physical.set(logicalId, {
          type: resource.Type,
          ref: name,
          attributes: { Arn: `arn:aws:dynamodb:${region}:${accountId}:table/${name}` },
        });
        break;
      }
      case "AWS::SQS::Queue": {
        const fifo = resource.Properties?.FifoQueue === true || resource.Properties?.FifoQueue === "true";
        const name = fifo
          ? `${localName(stackName, logicalId, 75)}.fifo`
          : localName(stackName, logicalId, 80);
        const url = options.queueUrl(name);
        physical.set(logicalId, {
          type: resource.Type,
          ref: url,
          attributes: { Arn: `arn:aws:sqs:${region}:${accountId}:${name}`, QueueName: name, QueueUrl: url },
        });
        break;
      }
      case "AWS::S3::Bucket": {
        const name = bucketName(stackName, logicalId);
        physical.set(logicalId, {
          type: resource.Type,
          ref: name,
          attributes: { Arn: `arn:aws:s3:::${name}` },
        });
        break;
      }
      case "AWS::SecretsManager::Secret": {
        // Ref gives a secret's ARN, as functions are handed it.
        const arn = `arn:aws:secretsmanager:${region}:${accountId}:secret:${localName(stackName, logicalId, 128)}`;
        physical.set(logicalId, { type: resource.Type, ref: arn, attributes: { Id: arn } });
        break;
      }
      case "AWS::Lambda::Function": {
        const name = localName(stackName, logicalId, 64);
        physical.set(logicalId, {
          type: resource.Type,
          ref: name,
          attributes: { Arn: `arn:aws:lambda:${region}:${accountId}:function:${name}` },
        });
        break;
      }
      default: {
        // Resources with no local emulator (KMS keys, user pools, SES configuration sets) still get
        // a stable name and ARN, so a function can be handed them as it would be in AWS.
        const name = localName(stackName, logicalId, 128);
        const service = resource.Type.split("::")[1]?.toLowerCase() ?? "unknown";
        const kind = resource.Type.split("::")[2]?.toLowerCase() ?? "resource";
        physical.set(logicalId, {
          type: resource.Type,
          ref: name,
          attributes: { Arn: `arn:aws:${service}:${region}:${accountId}:${kind}/${name}` },
        });
      }
    }
  }
  return physical;
}

function physicalOf(physical: Map<string, PhysicalResource>, logicalId: string): PhysicalResource {
  const resource = physical.get(logicalId);
  if (!resource) throw new UnsupportedTemplateError(`reference to unknown resource ${logicalId}`);
  return resource;
}

function attribute(
  physical: Map<string, PhysicalResource>,
  logicalId: string,
  name: string,
  where: string,
): string {
  const resource = physicalOf(physical, logicalId);
  const value = resource.attributes[name];
  if (value === undefined) {
    throw new UnsupportedTemplateError(
      `${where}: Fn::GetAtt ${logicalId}.${name} (${resource.type}) has no local value`,
    );
  }
  return value;
}

function resolveIntrinsic(
  value: unknown,
  where: string,
  physical: Map<string, PhysicalResource>,
  options: PlanOptions,
): Resolved {
  const recurse = (inner: unknown) => resolveIntrinsic(inner, where, physical, options);
  const scalar = (inner: unknown) => {
    const resolved = recurse(inner);
    if (typeof resolved !== "string") throw new UnsupportedTemplateError(`${where}: expected a single value`);
    return resolved;
  };
  const pseudoParameters: Record<string, string | typeof NO_VALUE> = {
    "AWS::Region": options.region,
    "AWS::AccountId": options.accountId,
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackName": options.stackName,
    "AWS::NoValue": NO_VALUE,
  };
  const pseudo = (name: string) => pseudoParameters[name];

  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(recurse);
  if (value === null || typeof value !== "object") {
    throw new UnsupportedTemplateError(`${where}: cannot resolve ${JSON.stringify(value)}`);
  }
  const entries = Object.entries(value);
  const [entry] = entries;
  if (!entry || entries.length > 1) {
    throw new UnsupportedTemplateError(`${where}: cannot resolve ${JSON.stringify(value)}`);
  }
  const [key, argument] = entry;
  switch (key) {
    case "Ref": {
      const name = String(argument);
      return pseudo(name) ?? physicalOf(physical, name).ref;
    }
    case "Fn::GetAtt": {
      const [logicalId, name] = Array.isArray(argument) ? argument : String(argument).split(/\.(.*)/);
      return attribute(physical, String(logicalId), String(name), where);
    }
    case "Fn::Join": {
      const [separator, parts] = argument as [string, unknown[]];
      const resolved = recurse(parts);
      if (!Array.isArray(resolved)) throw new UnsupportedTemplateError(`${where}: Fn::Join needs a list`);
      return resolved.filter((part) => part !== NO_VALUE).join(separator);
    }
    case "Fn::Select": {
      const [index, list] = argument as [unknown, unknown];
      const resolved = recurse(list);
      const item = Array.isArray(resolved) ? resolved[Number(scalar(index))] : undefined;
      if (item === undefined) throw new UnsupportedTemplateError(`${where}: Fn::Select index out of range`);
      return item;
    }
    case "Fn::Split": {
      const [separator, source] = argument as [string, unknown];
      return scalar(source).split(separator);
    }
    case "Fn::Sub": {
      const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
      return String(text).replace(/\$\{([^}]+)\}/g, (_match, name: string) => {
        if (name.startsWith("!")) return `\${${name.slice(1)}}`;
        const local = (variables as Record<string, unknown>)[name];
        if (local !== undefined) return scalar(local);
        const fromPseudo = pseudo(name);
        if (typeof fromPseudo === "string") return fromPseudo;
        const [logicalId, attributeName] = name.split(/\.(.*)/);
        return attributeName
          ? attribute(physical, String(logicalId), attributeName, where)
          : physicalOf(physical, name).ref;
      });
    }
    default:
      throw new UnsupportedTemplateError(`${where}: ${key} is not supported by the local sandbox`);
  }
}

function role(resource: CloudFormationResource): { role?: string } {
  const value = resource.Metadata?.["heed:role"];
  return typeof value === "string" ? { role: value } : {};
}

function referralLevel(resource: CloudFormationResource): { referralLevel?: string } {
  const value = resource.Metadata?.["heed:referral-level"];
  return typeof value === "string" ? { referralLevel: value } : {};
}

function localTable(
  logicalId: string,
  resource: CloudFormationResource,
  physical: Map<string, PhysicalResource>,
): LocalTable {
  const properties = resource.Properties ?? {};
  return {
    logicalId,
    ...role(resource),
    name: physicalOf(physical, logicalId).ref,
    arn: attribute(physical, logicalId, "Arn", logicalId),
    keySchema: properties.KeySchema as KeySchemaElement[],
    attributeDefinitions: properties.AttributeDefinitions as AttributeDefinition[],
    globalSecondaryIndexes: secondaryIndexes(properties.GlobalSecondaryIndexes),
    localSecondaryIndexes: secondaryIndexes(properties.LocalSecondaryIndexes),
  };
}

function secondaryIndexes(value: unknown): SecondaryIndex[] {
  return ((value as SecondaryIndex[] | undefined) ?? []).map(({ IndexName, KeySchema, Projection }) => ({
    IndexName,
    KeySchema,
    Projection,
  }));
}

/** Queue properties that mean the same to the SQS emulator; encryption and policies do not apply locally. */
const QUEUE_ATTRIBUTES = [
  "VisibilityTimeout",
  "MessageRetentionPeriod",
  "DelaySeconds",
  "MaximumMessageSize",
  "ReceiveMessageWaitTimeSeconds",
  "FifoQueue",
  "ContentBasedDeduplication",
] as const;

function localQueue(
  logicalId: string,
  resource: CloudFormationResource,
  physical: Map<string, PhysicalResource>,
  resolve: (value: unknown, where: string) => Resolved,
): LocalQueue {
  const properties = resource.Properties ?? {};
  const attributes: Record<string, string> = {};
  for (const name of QUEUE_ATTRIBUTES) {
    if (properties[name] !== undefined) attributes[name] = String(properties[name]);
  }
  let deadLetter: LocalQueue["deadLetter"];
  const redrive = properties.RedrivePolicy as
    | { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown }
    | undefined;
  if (redrive) {
    const target = redrive.deadLetterTargetArn as { "Fn::GetAtt"?: [string, string] } | undefined;
    const queueLogicalId = target?.["Fn::GetAtt"]?.[0];
    if (!queueLogicalId) {
      throw new UnsupportedTemplateError(`${logicalId}: the dead-letter queue must be a queue in the stack`);
    }
    deadLetter = { queueLogicalId, maxReceiveCount: Number(redrive.maxReceiveCount) };
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: resolve(target, `${logicalId} RedrivePolicy`),
      maxReceiveCount: deadLetter.maxReceiveCount,
    });
  }
  const queue = physicalOf(physical, logicalId);
  return {
    logicalId,
    ...role(resource),
    ...referralLevel(resource),
    name: attribute(physical, logicalId, "QueueName", logicalId),
    arn: attribute(physical, logicalId, "Arn", logicalId),
    url: queue.ref,
    visibilityTimeoutSeconds: Number(attributes.VisibilityTimeout ?? 30),
    ...(deadLetter ? { deadLetter } : {}),
    attributes,
  };
}

/** The logical id behind `{ Ref }`, `{ Fn::GetAtt }` or a join that contains exactly one of them. */
function referencedLogicalId(value: unknown, where: string): string {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (typeof record.Ref === "string" && !record.Ref.startsWith("AWS::")) found.push(record.Ref);
      else if (Array.isArray(record["Fn::GetAtt"])) found.push(String(record["Fn::GetAtt"][0]));
      else Object.values(record).forEach(visit);
    }
  };
  visit(value);
  const [logicalId, ...others] = found;
  if (!logicalId || others.length > 0) {
    throw new UnsupportedTemplateError(
      `${where}: expected a reference to one resource, got ${JSON.stringify(value)}`,
    );
  }
  return logicalId;
}

function bucketNotifications(logicalId: string, resource: CloudFormationResource): LocalBucketNotification[] {
  const properties = resource.Properties ?? {};
  const configuration = (properties.NotificationConfiguration ?? {}) as Record<string, unknown>;
  for (const unsupported of [
    "TopicConfigurations",
    "LambdaFunctionConfigurations",
    "EventBridgeConfiguration",
  ]) {
    if (configuration[unsupported] !== undefined) {
      throw new UnsupportedTemplateError(
        `${logicalId}: ${unsupported} is not emulated; only queue notifications are`,
      );
    }
  }
  const bucketLogicalId = referencedLogicalId(properties.BucketName, `${logicalId} BucketName`);
  const queueConfigurations = (configuration.QueueConfigurations ?? []) as Array<{
    Events: string[];
    Filter?: { Key?: { FilterRules?: Array<{ Name: string; Value: string }> } };
    QueueArn: unknown;
    Id?: string;
  }>;
  return queueConfigurations.map((entry, index) => {
    const rules = entry.Filter?.Key?.FilterRules ?? [];
    const rule = (name: string) =>
      rules.find((candidate) => candidate.Name.toLowerCase() === name)?.Value ?? "";
    return {
      bucketLogicalId,
      queueLogicalId: referencedLogicalId(entry.QueueArn, `${logicalId} QueueArn`),
      events: entry.Events,
      prefix: rule("prefix"),
      suffix: rule("suffix"),
      configurationId: entry.Id ?? `${logicalId}-${index}`,
    };
  });
}

function receiptRule(
  logicalId: string,
  resource: CloudFormationResource,
  resolve: (value: unknown, where: string) => Resolved,
): LocalReceiptRule {
  const rule = (resource.Properties?.Rule ?? {}) as {
    Recipients?: unknown[];
    Actions?: Array<
      Record<
        string,
        { BucketName?: unknown; ObjectKeyPrefix?: unknown; FunctionArn?: unknown; InvocationType?: unknown }
      >
    >;
  };
  const actions = rule.Actions ?? [];
  const [action, ...others] = actions;
  const s3 = action?.S3Action;
  const asynchronousLambdas = others.every(
    (other) => Object.keys(other).length === 1 && other.LambdaAction?.InvocationType === "Event",
  );
  if (!s3 || Object.keys(action).length !== 1 || !asynchronousLambdas) {
    throw new UnsupportedTemplateError(
      `${logicalId}: only a receipt rule with an S3 action, then asynchronous Lambda actions, is emulated`,
    );
  }
  return {
    logicalId,
    recipients: (rule.Recipients ?? []).map((recipient) =>
      String(resolve(recipient, `${logicalId} Recipients`)),
    ),
    bucketLogicalId: referencedLogicalId(s3.BucketName, `${logicalId} S3Action`),
    objectKeyPrefix: s3.ObjectKeyPrefix === undefined ? "" : String(resolve(s3.ObjectKeyPrefix, logicalId)),
    arrivalFunctionLogicalIds: others.map((other) =>
      referencedLogicalId(other.LambdaAction?.FunctionArn, `${logicalId} LambdaAction`),
    ),
  };
}

function localFunction(
  logicalId: string,
  resource: CloudFormationResource,
  physical: Map<string, PhysicalResource>,
  resolve: (value: unknown, where: string) => Resolved,
): LocalFunction {
  const properties = resource.Properties ?? {};
  const variables = ((properties.Environment as { Variables?: Record<string, unknown> } | undefined)
    ?.Variables ?? {}) as Record<string, unknown>;
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    const resolved = resolve(value, `${logicalId} environment ${name}`);
    if (resolved === NO_VALUE) continue;
    if (typeof resolved !== "string") {
      throw new UnsupportedTemplateError(`${logicalId} environment ${name}: resolves to a list`);
    }
    environment[name] = resolved;
  }
  const handler = String(properties.Handler ?? "index.handler");
  return {
    logicalId,
    name: physicalOf(physical, logicalId).ref,
    arn: attribute(physical, logicalId, "Arn", logicalId),
    entry: String(resource.Metadata?.["heed:entry"]),
    handlerExport: handler.slice(handler.lastIndexOf(".") + 1),
    timeoutSeconds: Number(properties.Timeout ?? 3),
    memoryMb: Number(properties.MemorySize ?? 128),
    environment,
  };
}

function eventSourceMapping(
  logicalId: string,
  resource: CloudFormationResource,
  requireFunction: (logicalId: string, where: string) => string,
): LocalEventSourceMapping {
  const properties = resource.Properties ?? {};
  if (properties.FilterCriteria !== undefined) {
    throw new UnsupportedTemplateError(`${logicalId}: FilterCriteria is not emulated by the queue poller`);
  }
  const functionLogicalId = referencedLogicalId(properties.FunctionName, `${logicalId} FunctionName`);
  const scaling = properties.ScalingConfig as { MaximumConcurrency?: number } | undefined;
  return {
    logicalId,
    functionLogicalId: requireFunction(functionLogicalId, logicalId),
    queueLogicalId: referencedLogicalId(properties.EventSourceArn, `${logicalId} EventSourceArn`),
    batchSize: Number(properties.BatchSize ?? 10),
    reportBatchItemFailures: ((properties.FunctionResponseTypes as string[] | undefined) ?? []).includes(
      "ReportBatchItemFailures",
    ),
    ...(scaling?.MaximumConcurrency ? { maximumConcurrency: scaling.MaximumConcurrency } : {}),
    ...(properties.MaximumBatchingWindowInSeconds
      ? { batchingWindowSeconds: Number(properties.MaximumBatchingWindowInSeconds) }
      : {}),
  };
}

function httpRoute(
  logicalId: string,
  resource: CloudFormationResource,
  resources: Record<string, CloudFormationResource>,
  resolve: (value: unknown, where: string) => Resolved,
  requireFunction: (logicalId: string, where: string) => string,
): LocalHttpRoute {
  const properties = resource.Properties ?? {};
  const integrationId = referencedLogicalId(properties.Target, `${logicalId} Target`);
  const integration = resources[integrationId]?.Properties ?? {};
  if (integration.IntegrationType !== "AWS_PROXY" || String(integration.PayloadFormatVersion) !== "2.0") {
    throw new UnsupportedTemplateError(
      `${logicalId}: only Lambda proxy integrations with payload 2.0 are emulated`,
    );
  }
  const functionLogicalId = requireFunction(
    referencedLogicalId(integration.IntegrationUri, `${integrationId} IntegrationUri`),
    logicalId,
  );
  const authorizationType = String(properties.AuthorizationType ?? "NONE");
  let authorization: LocalRouteAuthorization;
  if (authorizationType === "NONE") {
    authorization = { type: "NONE" };
  } else if (authorizationType === "JWT") {
    const authorizerId = referencedLogicalId(properties.AuthorizerId, `${logicalId} AuthorizerId`);
    const jwt = (resources[authorizerId]?.Properties?.JwtConfiguration ?? {}) as {
      Issuer?: unknown;
      Audience?: unknown[];
    };
    authorization = {
      type: "JWT",
      issuer: String(resolve(jwt.Issuer, `${authorizerId} Issuer`)),
      audience: (jwt.Audience ?? []).map((entry) => String(resolve(entry, `${authorizerId} Audience`))),
      scopes: ((properties.AuthorizationScopes as string[] | undefined) ?? []).map(String),
    };
  } else {
    throw new UnsupportedTemplateError(
      `${logicalId}: AuthorizationType ${authorizationType} is not emulated`,
    );
  }
  return { logicalId, routeKey: String(properties.RouteKey), functionLogicalId, authorization };
}
