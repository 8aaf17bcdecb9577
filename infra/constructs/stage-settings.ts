// What differs between a developer's stack and production: whether customer data survives
// `cdk destroy`, and how long operational logs are kept. Every construct takes these from here
// rather than reading the stage itself.
import { RemovalPolicy } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";

export const STAGES = ["dev", "prod"] as const;
export type Stage = (typeof STAGES)[number];

export interface StageSettings {
  readonly stage: Stage;
  /** Applied to everything that holds customer or staff data (table, raw mail, user pool). */
  readonly dataRemovalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

export function stageSettings(stage: Stage): StageSettings {
  if (stage === "prod") {
    return {
      stage,
      dataRemovalPolicy: RemovalPolicy.RETAIN,
      logRetention: RetentionDays.THREE_MONTHS,
      logRemovalPolicy: RemovalPolicy.RETAIN,
    };
  }
  return {
    stage,
    dataRemovalPolicy: RemovalPolicy.DESTROY,
    logRetention: RetentionDays.ONE_WEEK,
    logRemovalPolicy: RemovalPolicy.DESTROY,
  };
}

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (STAGES as readonly string[]).includes(value);
}
