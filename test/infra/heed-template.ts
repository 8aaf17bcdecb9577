// Synthesizes the Heed stack as the local sandbox does, without bundling, cdk-nag or CloudFormation's
// own validation (each has its own test, and skipping them keeps each file's one synthesis fast), and
// offers the template look-ups the infrastructure tests share: resources by Heed metadata, a function's
// IAM statements, and whether statements allow an action on a resource.
import { Template } from "aws-cdk-lib/assertions";
import { buildHeedApp } from "../../infra/heed-app";

export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly DependsOn?: string[];
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

export type Resources = Record<string, CfnResource>;

/** A production deployment's own settings: prod refuses cdk.json's example addresses and name. */
export const PRODUCTION_CONTEXT = {
  "heed:stage": "prod",
  "heed:intakeAddress": "help@complaints.acme-kettles.co.uk",
  "heed:mailDomain": "complaints.acme-kettles.co.uk",
  "heed:organisationName": "Acme Kettles Ltd",
  "heed:alarmEmail": "operations@acme-kettles.co.uk",
} as const;

export function synthesizeHeed(context: Record<string, unknown> = {}): Template {
  const { stack } = buildHeedApp(
    { "aws:cdk:bundling-stacks": [], ...context },
    { awsSolutionsChecks: false, cloudFormationValidation: false },
  );
  return Template.fromStack(stack);
}

export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The single resource of `type` carrying all of `metadata`, with its logical id. */
export function resourceWithMetadata(
  template: Template,
  type: string,
  metadata: Record<string, string>,
): [string, CfnResource] {
  const matches = Object.entries(resourcesOfType(template, type)).filter(([, resource]) =>
    Object.entries(metadata).every(([key, value]) => resource.Metadata?.[key] === value),
  );
  if (matches.length !== 1 || !matches[0]) {
    throw new Error(
      `expected one ${type} with metadata ${JSON.stringify(metadata)}, found ${matches.length}`,
    );
  }
  return matches[0];
}

export function functionFor(template: Template, entry: string): [string, CfnResource] {
  return resourceWithMetadata(template, "AWS::Lambda::Function", { "heed:entry": entry });
}

export function referralQueueFor(template: Template, level: string): [string, CfnResource] {
  return resourceWithMetadata(template, "AWS::SQS::Queue", {
    "heed:role": "referral-queue",
    "heed:referral-level": level,
  });
}

/** Every statement of every IAM policy attached to the function's execution role. */
export function statementsOf(template: Template, functionLogicalId: string): PolicyStatement[] {
  const fn = template.toJSON().Resources[functionLogicalId] as CfnResource;
  const roleId = logicalIdOf(fn.Properties.Role);
  return Object.values(resourcesOfType(template, "AWS::IAM::Policy"))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => logicalIdOf(role) === roleId))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
}

/** A function's environment variables as synthesized. */
export function variablesOf(fn: CfnResource): Record<string, unknown> {
  return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

/** The DynamoDB actions the statements grant. */
export function tableActionsOf(statements: PolicyStatement[]): string[] {
  return statements.flatMap(actionsOf).filter((action) => action.startsWith("dynamodb:"));
}

/** Table actions no function that works on single items needs: deleting, scanning, batch writes. */
export const DESTRUCTIVE_TABLE_ACTIONS = [
  "dynamodb:DeleteItem",
  "dynamodb:Scan",
  "dynamodb:BatchWriteItem",
  "dynamodb:*",
] as const;

export function actionsOf(statement: PolicyStatement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/**
 * Whether an Allow statement grants `action` on the resource with `logicalId` (a reference to it
 * anywhere in the Resource, e.g. `<bucket ARN>/inbound/*`, or `*`). Wildcards in actions count, so
 * `dynamodb:*` allows `dynamodb:DeleteItem`.
 */
export function allows(statements: PolicyStatement[], action: string, logicalId: string): boolean {
  return statements.some(
    (statement) =>
      statement.Effect === "Allow" &&
      actionsOf(statement).some((pattern) => actionPattern(pattern).test(action)) &&
      [statement.Resource]
        .flat()
        .some((resource) => resource === "*" || referencesTo(resource).includes(logicalId)),
  );
}

/** The statements of the key policy of the KMS key with `keyLogicalId`. */
export function keyPolicyStatements(template: Template, keyLogicalId: string): PolicyStatement[] {
  const key = resourcesOfType(template, "AWS::KMS::Key")[keyLogicalId];
  if (!key) throw new Error(`no KMS key ${keyLogicalId} in the template`);
  return (key.Properties.KeyPolicy as { Statement: PolicyStatement[] }).Statement;
}

/** The statements of every resource policy of `type` (e.g. `AWS::SQS::QueuePolicy`) naming the resource. */
export function resourcePolicyStatements(
  template: Template,
  type: string,
  targetsProperty: string,
  logicalId: string,
): PolicyStatement[] {
  return Object.values(resourcesOfType(template, type))
    .filter((policy) => referencesTo(policy.Properties[targetsProperty]).includes(logicalId))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
}

/** Every logical id referenced by `Ref` or `Fn::GetAtt` anywhere inside the value. */
export function referencesTo(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesTo);
  if (typeof value !== "object" || value === null) return [];
  const id = logicalIdOf(value);
  return id ? [id] : Object.values(value).flatMap(referencesTo);
}

function actionPattern(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replaceAll("*", ".*")
    .replaceAll("?", ".");
  return new RegExp(`^${source}$`, "i");
}

/** The logical id inside `{ Ref: id }` or `{ "Fn::GetAtt": [id, attribute] }`. */
export function logicalIdOf(reference: unknown): string | undefined {
  if (typeof reference !== "object" || reference === null) return undefined;
  if ("Ref" in reference && typeof reference.Ref === "string") return reference.Ref;
  if ("Fn::GetAtt" in reference && Array.isArray(reference["Fn::GetAtt"])) {
    const [id] = reference["Fn::GetAtt"] as unknown[];
    return typeof id === "string" ? id : undefined;
  }
  return undefined;
}

/** CDK's own handler for `Custom::S3BucketNotifications`; it is not Heed code and has no entry. */
export function isCdkBucketNotificationsHandler(logicalId: string): boolean {
  return logicalId.startsWith("BucketNotificationsHandler");
}
