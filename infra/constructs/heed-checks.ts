// Heed's own synthesis checks, for promises cdk-nag has no rule for: mail is received only over TLS
// and scanned, no SQS message becomes visible again while its consumer may still be working on it,
// every SQS event source reports failures item by item, and every function runs nodejs22.x with its
// own log group. They read the synthesized templates, so they hold however a resource was built.
import { readFileSync } from "node:fs";
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from "aws-cdk-lib";

/** Lambda's own advice for SQS consumers: a message must outlive six attempts at the function. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** CloudFormation's defaults when the properties are left out. */
const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 3;

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

type Resources = Record<string, TemplateResource>;

interface Finding {
  readonly logicalId: string;
  /** Where in the resource the problem is, e.g. `Properties/Rule/TlsPolicy`. */
  readonly location: string;
}

interface Rule {
  /** Acknowledge a finding on its construct with `Validations.of(c).acknowledge({ id: "Heed::<id>", ... })`. */
  readonly id: string;
  readonly description: string;
  readonly fix: string;
  readonly check: (resources: Resources) => Finding[];
}

const RULES: readonly Rule[] = [
  {
    id: "ReceiptRuleTlsAndScanning",
    description: "An SES receipt rule accepts mail without TLS or without spam and virus scanning.",
    fix: "Set tlsPolicy: TlsPolicy.REQUIRE and scanEnabled: true on the receipt rule.",
    check: (resources) =>
      ofType(resources, "AWS::SES::ReceiptRule").flatMap(([logicalId, resource]) => {
        const rule = (resource.Properties?.Rule ?? {}) as { TlsPolicy?: unknown; ScanEnabled?: unknown };
        return [
          ...(rule.TlsPolicy === "Require" ? [] : [{ logicalId, location: "Properties/Rule/TlsPolicy" }]),
          ...(rule.ScanEnabled === true ? [] : [{ logicalId, location: "Properties/Rule/ScanEnabled" }]),
        ];
      }),
  },
  {
    id: "VisibilityTimeout",
    description:
      `An SQS queue's visibility timeout is under ${VISIBILITY_TIMEOUT_FACTOR} times its consumer's timeout, ` +
      "so a message can be delivered again while it is still being worked on (or the queue or function " +
      "is outside this template and cannot be checked).",
    fix: `Give the queue a visibility timeout of at least ${VISIBILITY_TIMEOUT_FACTOR} times the function timeout.`,
    check: (resources) =>
      sqsEventSources(resources).flatMap(([logicalId, mapping]) => {
        const queue = resources[referencedId(mapping.Properties?.EventSourceArn) ?? ""];
        const fn = resources[referencedId(mapping.Properties?.FunctionName) ?? ""];
        if (queue?.Type !== "AWS::SQS::Queue" || fn?.Type !== "AWS::Lambda::Function") {
          return [{ logicalId, location: "Properties/EventSourceArn" }];
        }
        const visibility = Number(queue.Properties?.VisibilityTimeout ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
        const timeout = Number(fn.Properties?.Timeout ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS);
        return visibility >= VISIBILITY_TIMEOUT_FACTOR * timeout
          ? []
          : [{ logicalId, location: "Properties/EventSourceArn" }];
      }),
  },
  {
    id: "PartialBatchResponse",
    description:
      "An SQS event source does not report batch item failures, so one poison message fails its whole batch.",
    fix: "Set reportBatchItemFailures: true on the SqsEventSource and return batchItemFailures from the handler.",
    check: (resources) =>
      sqsEventSources(resources).flatMap(([logicalId, mapping]) => {
        const types = (mapping.Properties?.FunctionResponseTypes ?? []) as unknown[];
        return types.includes("ReportBatchItemFailures")
          ? []
          : [{ logicalId, location: "Properties/FunctionResponseTypes" }];
      }),
  },
  {
    id: "NodeRuntime",
    description: "A Lambda function does not run on nodejs22.x, the runtime Heed's bundles target.",
    fix: "Build the function with HeedFunction, or set runtime: Runtime.NODEJS_22_X.",
    check: (resources) =>
      ofType(resources, "AWS::Lambda::Function").flatMap(([logicalId, fn]) =>
        fn.Properties?.Runtime === "nodejs22.x" ? [] : [{ logicalId, location: "Properties/Runtime" }],
      ),
  },
  {
    id: "ExplicitLogGroup",
    description:
      "A Lambda function has no log group of its own, so its logs go to an implicit group kept forever.",
    fix: "Build the function with HeedFunction, or pass a LogGroup with a retention period as logGroup.",
    check: (resources) =>
      ofType(resources, "AWS::Lambda::Function").flatMap(([logicalId, fn]) => {
        const config = fn.Properties?.LoggingConfig as { LogGroup?: unknown } | undefined;
        return config?.LogGroup === undefined ? [{ logicalId, location: "Properties/LoggingConfig" }] : [];
      }),
  },
];

/** Register with `Validations.of(app).addPlugins(new HeedChecks())`; any finding fails synthesis. */
export class HeedChecks implements IPolicyValidationPlugin {
  readonly name = "Heed";
  readonly ruleIds = RULES.map((rule) => rule.id);

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    for (const { templatePath } of context.stackTemplates) {
      const template = JSON.parse(readFileSync(templatePath, "utf8")) as { Resources?: Resources };
      const resources = template.Resources ?? {};
      for (const rule of RULES) {
        const findings = rule.check(resources);
        if (findings.length === 0) continue;
        violations.push({
          ruleName: rule.id,
          description: rule.description,
          fix: rule.fix,
          severity: "error",
          violatingResources: findings.map(({ logicalId, location }) => ({
            resourceLogicalId: logicalId,
            templatePath,
            locations: [location],
          })),
        });
      }
    }
    return { success: violations.length === 0, violations };
  }
}

function ofType(resources: Resources, type: string): [string, TemplateResource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** Event source mappings that poll an SQS queue of this template or one named by its ARN. */
function sqsEventSources(resources: Resources): [string, TemplateResource][] {
  return ofType(resources, "AWS::Lambda::EventSourceMapping").filter(([, mapping]) => {
    const source = mapping.Properties?.EventSourceArn;
    if (typeof source === "string") return source.includes(":sqs:");
    return resources[referencedId(source) ?? ""]?.Type === "AWS::SQS::Queue";
  });
}

/** The logical id inside `{ Ref: id }` or `{ "Fn::GetAtt": [id, attribute] }`. */
function referencedId(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if ("Ref" in value && typeof value.Ref === "string") return value.Ref;
  if ("Fn::GetAtt" in value && Array.isArray(value["Fn::GetAtt"])) {
    const [id] = value["Fn::GetAtt"] as unknown[];
    return typeof id === "string" ? id : undefined;
  }
  return undefined;
}
