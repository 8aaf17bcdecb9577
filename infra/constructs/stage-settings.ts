// What differs between a developer's stack and production: whether customer data and its key
// survive `cdk destroy`, how long operational logs are kept, how much the functions log, and which
// metrics namespace they write to. Every construct takes these from here rather than reading the stage.
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";

export const STAGES = ["dev", "prod"] as const;
export type Stage = (typeof STAGES)[number];

export interface StageSettings {
  readonly stage: Stage;
  /** Applied to everything that holds customer or staff data (table, raw mail, user pool, their key). */
  readonly dataRemovalPolicy: RemovalPolicy;
  /** Deletion protection on the case table and the staff user pool. */
  readonly deletionProtection: boolean;
  /** How long a deleted KMS key can still be recovered (AWS allows 7 to 30 days). */
  readonly keyDeletionWindow: Duration;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** POWERTOOLS_LOG_LEVEL of every function. */
  readonly logLevel: "DEBUG" | "INFO";
  /** POWERTOOLS_METRICS_NAMESPACE of every function, so a dev stack never pollutes production graphs. */
  readonly metricsNamespace: string;
}

export function stageSettings(stage: Stage): StageSettings {
  if (stage === "prod") {
    return {
      stage,
      dataRemovalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
      keyDeletionWindow: Duration.days(30),
      logRetention: RetentionDays.THREE_MONTHS,
      logRemovalPolicy: RemovalPolicy.RETAIN,
      logLevel: "INFO",
      metricsNamespace: "Heed/prod",
    };
  }
  return {
    stage,
    dataRemovalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    keyDeletionWindow: Duration.days(7),
    logRetention: RetentionDays.ONE_WEEK,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    logLevel: "DEBUG",
    metricsNamespace: "Heed/dev",
  };
}

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (STAGES as readonly string[]).includes(value);
}
