// Synthesizes the Heed stack the way the local sandbox does (no esbuild bundling; the rule pack has
// its own test, so a finding there does not hide which behaviour broke) and offers the few
// template look-ups the infrastructure tests share: resources by Heed metadata, and the IAM
// statements attached to a function's role.
import { Template } from "aws-cdk-lib/assertions";
import { buildHeedApp } from "../../infra/heed-app";

export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
}

export interface PolicyStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

export type Resources = Record<string, CfnResource>;

export function synthesizeHeed(context: Record<string, unknown> = {}): Template {
  const { stack } = buildHeedApp(
    { "aws:cdk:bundling-stacks": [], ...context },
    { awsSolutionsChecks: false },
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

export function actionsOf(statement: PolicyStatement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
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
