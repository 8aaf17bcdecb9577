// Builds the Heed CDK app without synthesizing it, so the CLI entry (app.ts), the infrastructure
// tests and the local sandbox all get the same stack from the same context. cdk.json's context is
// read here too, because an app built in-process does not get it from the CDK CLI. Heed's own checks
// always run at synthesis; the cdk-nag AWS Solutions pack runs unless the caller opts out.
import { readFileSync } from "node:fs";
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { selectRulePack } from "../shared/config/complaint-rules";
import { isOrigin } from "../shared/config/environment";
import { RulePackError } from "../shared/domain/policy/complaint-rules";
import { HeedChecks } from "./constructs/heed-checks";
import { isStage } from "./constructs/stage-settings";
import { HeedStack, type HeedStackProps } from "./heed-stack";

/**
 * Feature flags the stack relies on, set here so an app built in-process gets them as the CLI does.
 * S3 access logs are delivered under a bucket policy, since the access-log bucket has ACLs disabled.
 */
const FEATURE_FLAGS = {
  "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": true,
};

export interface HeedApp {
  readonly app: App;
  readonly stack: HeedStack;
}

export class InvalidContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidContextError";
  }
}

export interface BuildHeedAppOptions {
  /**
   * Run the cdk-nag AWS Solutions pack at synthesis; an unacknowledged error fails it.
   * @default true
   */
  readonly awsSolutionsChecks?: boolean;
  /**
   * Run CDK's built-in CloudFormation template validation at synthesis, as `cdk synth` does. It costs
   * seconds on first use in a process, so tests that assert on the template may turn it off.
   * @default true
   */
  readonly cloudFormationValidation?: boolean;
}

/**
 * @param context overrides applied after cdk.json and the CLI's `-c`, e.g.
 *   `{ "aws:cdk:bundling-stacks": [] }` to skip esbuild bundling.
 */
export function buildHeedApp(
  context: Record<string, unknown> = {},
  options: BuildHeedAppOptions = {},
): HeedApp {
  const app = new App({
    context: { ...FEATURE_FLAGS, ...cdkJsonContext() },
    postCliContext: context,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
  });
  const stack = new HeedStack(app, "Heed", heedContext(app));
  Validations.of(app).addPlugins(new HeedChecks());
  if (options.awsSolutionsChecks ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, stack };
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL("../cdk.json", import.meta.url), "utf8")) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

function heedContext(app: App): HeedStackProps {
  const stage: unknown = app.node.tryGetContext("heed:stage");
  if (!isStage(stage)) {
    throw new InvalidContextError(`context heed:stage must be "dev" or "prod", got ${JSON.stringify(stage)}`);
  }
  return {
    stage,
    intakeAddress: requiredString(app, "heed:intakeAddress"),
    mailDomain: requiredString(app, "heed:mailDomain"),
    organisationName: requiredString(app, "heed:organisationName"),
    alarmEmail: optionalEmail(app, "heed:alarmEmail"),
    reuseMailIdentity: optionalFlag(app, "heed:reuseMailIdentity"),
    webFormOrigins: httpsOrigins(app, "heed:webFormOrigins"),
    complaintRules: complaintRules(app),
  };
}

/**
 * The complaint rule pack (`heed:rulePack`) and close of business (`heed:closeOfBusiness`) the functions
 * follow, checked as the functions will check them, so a wrong one stops synthesis, not a function.
 * Neither set: the functions follow shared/config/complaint-rules.json, bundled with them.
 */
function complaintRules(app: App): { COMPLAINT_RULE_PACK?: string; COMPLAINT_CLOSE_OF_BUSINESS?: string } {
  const chosen: Record<string, string> = {};
  for (const [key, variable] of [
    ["heed:rulePack", "COMPLAINT_RULE_PACK"],
    ["heed:closeOfBusiness", "COMPLAINT_CLOSE_OF_BUSINESS"],
  ] as const) {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined) continue;
    if (typeof value !== "string" || value.trim() === "")
      throw new InvalidContextError(`context ${key} must be a non-empty string when set`);
    chosen[variable] = value.trim();
  }
  try {
    selectRulePack(chosen);
  } catch (error) {
    if (error instanceof RulePackError)
      throw new InvalidContextError(`context heed:rulePack: ${error.message}`);
    throw error;
  }
  return chosen;
}

/**
 * Exact https origins, as a list in cdk.json or comma-separated with `-c`: the pages on other sites
 * that may post the web form. An origin has no path, so a copied page address is refused, not trusted.
 */
function httpsOrigins(app: App, key: string): string[] {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined) return [];
  const listed = typeof value === "string" ? value.split(",") : value;
  if (!Array.isArray(listed)) {
    throw new InvalidContextError(`context ${key} must be a list of https origins when set`);
  }
  const origins: unknown[] = listed
    .map((origin: unknown) => (typeof origin === "string" ? origin.trim() : origin))
    .filter((origin) => origin !== "");
  for (const origin of origins) {
    if (typeof origin !== "string" || !origin.startsWith("https://") || !isOrigin(origin)) {
      throw new InvalidContextError(
        `context ${key} must list https origins like https://www.example.com, without a path, got ${JSON.stringify(origin)}`,
      );
    }
  }
  return origins as string[];
}

/** A boolean context value; `-c key=true` arrives as the string "true". */
function optionalFlag(app: App, key: string): boolean {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === false || value === "false") return false;
  if (value === true || value === "true") return true;
  throw new InvalidContextError(`context ${key} must be true or false when set`);
}

function optionalEmail(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw new InvalidContextError(`context ${key} must be an email address when set`);
  }
  return value;
}

function requiredString(app: App, key: string): string {
  const value: unknown = app.node.tryGetContext(key);
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidContextError(`context ${key} must be a non-empty string`);
  }
  return value;
}
