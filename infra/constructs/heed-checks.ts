// Heed's own synthesis checks, for promises cdk-nag has no rule for: mail is received only over TLS
// and scanned, no SQS message becomes visible again while its consumer may still be working on it,
// every SQS event source reports failures item by item, and every function runs nodejs22.x with its
// own log group. Deploy-day mistakes fail here too, each with a sentence: an intake address outside the
// mail domain, and, in a prod stage, example domains or the example organisation name left in place.
// They read the synthesized templates, so they hold however a resource was built.
import { readFileSync } from "node:fs";
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from "aws-cdk-lib";
import { defaultPolicy } from "../../shared/config/policy";

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

interface StackTemplate {
  readonly Resources?: Resources;
  readonly Metadata?: Record<string, unknown>;
}

/** Template metadata naming the stage (`dev` or `prod`) the stack was synthesized for. */
export const STAGE_METADATA = "heed:stage";
/** Template metadata naming the mail domain, which has no identity resource when an existing one is reused. */
export const MAIL_DOMAIN_METADATA = "heed:mailDomain";

interface Deployment {
  readonly stage?: string;
  readonly mailDomain?: string;
}

/** The organisation name Heed ships with (cdk.json and the default policy): fine for a trial, not for customers. */
export const EXAMPLE_ORGANISATION_NAME = defaultPolicy.organisation.name;

/** Domains reserved for documentation and tests (RFC 2606 and 6761): mail to them goes nowhere. */
const EXAMPLE_DOMAIN = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$/i;

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
  readonly check: (resources: Resources, deployment: Deployment) => Finding[];
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
      `An SQS queue's visibility timeout is under ${VISIBILITY_TIMEOUT_FACTOR} times its consumer's timeout ` +
      "plus the event source's batching window, " +
      "so a message can be delivered again while it is still being worked on (or the queue or function " +
      "is outside this template and cannot be checked).",
    fix: `Give the queue a visibility timeout of at least ${VISIBILITY_TIMEOUT_FACTOR} times the function timeout plus the batching window.`,
    check: (resources) =>
      sqsEventSources(resources).flatMap(([logicalId, mapping]) => {
        const queue = resources[referencedId(mapping.Properties?.EventSourceArn) ?? ""];
        const fn = resources[referencedId(mapping.Properties?.FunctionName) ?? ""];
        if (queue?.Type !== "AWS::SQS::Queue" || fn?.Type !== "AWS::Lambda::Function") {
          return [{ logicalId, location: "Properties/EventSourceArn" }];
        }
        const visibility = Number(queue.Properties?.VisibilityTimeout ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
        const timeout = Number(fn.Properties?.Timeout ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS);
        const window = Number(mapping.Properties?.MaximumBatchingWindowInSeconds ?? 0);
        return visibility >= VISIBILITY_TIMEOUT_FACTOR * timeout + window
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
  {
    id: "IntakeAddressInMailDomain",
    description:
      "The intake address is not in the mail domain Heed sends from, so acknowledgements would come from " +
      "an address SES has not verified and customers' replies would go where Heed does not receive them.",
    fix: "Set heed:intakeAddress to an address at heed:mailDomain, e.g. help@complaints.example.org for the mail domain complaints.example.org.",
    check: (resources, { mailDomain }) => {
      const domains = [
        ...ofType(resources, "AWS::SES::EmailIdentity").map(
          ([, identity]) => identity.Properties?.EmailIdentity,
        ),
        mailDomain,
      ].filter((identity): identity is string => typeof identity === "string" && !identity.includes("@"));
      if (domains.length === 0) return [];
      return ofType(resources, "AWS::SES::ReceiptRule").flatMap(([logicalId, resource]) =>
        receiptRecipients(resource)
          .filter((recipient) => !domains.some((domain) => inDomain(domainOf(recipient), domain)))
          .map(() => ({ logicalId, location: "Properties/Rule/Recipients" })),
      );
    },
  },
  {
    id: "ProductionExampleDomains",
    description:
      "A prod stage still uses an example domain (example.com and the like): SES cannot verify it, mail to " +
      "it goes nowhere, and the stack would take customers' mail for an address nobody reads.",
    fix: "Deploy prod with your own addresses: -c heed:intakeAddress=… -c heed:mailDomain=… (and heed:alarmEmail), or set them in cdk.json.",
    check: (resources, { stage, mailDomain }) => {
      if (stage !== "prod") return [];
      const addressed = [
        { logicalId: "", location: `Metadata/${MAIL_DOMAIN_METADATA}`, value: mailDomain },
        ...ofType(resources, "AWS::SES::ReceiptRule").flatMap(([logicalId, resource]) =>
          receiptRecipients(resource).map((value) => ({
            logicalId,
            location: "Properties/Rule/Recipients",
            value,
          })),
        ),
        ...ofType(resources, "AWS::SES::EmailIdentity").map(([logicalId, resource]) => ({
          logicalId,
          location: "Properties/EmailIdentity",
          value: resource.Properties?.EmailIdentity,
        })),
        ...ofType(resources, "AWS::SNS::Subscription")
          .filter(([, resource]) => resource.Properties?.Protocol === "email")
          .map(([logicalId, resource]) => ({
            logicalId,
            location: "Properties/Endpoint",
            value: resource.Properties?.Endpoint,
          })),
      ];
      return addressed
        .filter(({ value }) => typeof value === "string" && EXAMPLE_DOMAIN.test(domainOf(value)))
        .map(({ logicalId, location }) => ({ logicalId, location }));
    },
  },
  {
    id: "ProductionOrganisationName",
    description: `A prod stage still names the organisation "${EXAMPLE_ORGANISATION_NAME}", the example name, in every acknowledgement and letter customers receive.`,
    fix: 'Deploy prod with your organisation\'s name: -c heed:organisationName="…", or set it in cdk.json.',
    check: (resources, { stage }) => {
      if (stage !== "prod") return [];
      // Every function that writes to customers is handed the same name: the first one tells it.
      return ofType(resources, "AWS::Lambda::Function")
        .flatMap(([logicalId, fn]) => {
          const variables = (
            fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined
          )?.Variables;
          return variables?.ORGANISATION_NAME === EXAMPLE_ORGANISATION_NAME
            ? [{ logicalId, location: "Properties/Environment/Variables/ORGANISATION_NAME" }]
            : [];
        })
        .slice(0, 1);
    },
  },
];

/** Register with `Validations.of(app).addPlugins(new HeedChecks())`; any finding fails synthesis. */
export class HeedChecks implements IPolicyValidationPlugin {
  readonly name = "Heed";
  readonly ruleIds = RULES.map((rule) => rule.id);

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    for (const { templatePath } of context.stackTemplates) {
      const template = JSON.parse(readFileSync(templatePath, "utf8")) as StackTemplate;
      const resources = template.Resources ?? {};
      const deployment = {
        stage: stringOrUndefined(template.Metadata?.[STAGE_METADATA]),
        mailDomain: stringOrUndefined(template.Metadata?.[MAIL_DOMAIN_METADATA]),
      };
      for (const rule of RULES) {
        const findings = rule.check(resources, deployment);
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

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The recipients of a receipt rule that are literal strings (an address, or a domain SES matches). */
function receiptRecipients(resource: TemplateResource): string[] {
  const rule = (resource.Properties?.Rule ?? {}) as { Recipients?: unknown[] };
  return (rule.Recipients ?? []).filter((recipient): recipient is string => typeof recipient === "string");
}

/** `help@Complaints.Example.org` -> `complaints.example.org`; a bare domain is its own domain. */
function domainOf(addressOrDomain: string): string {
  return addressOrDomain
    .slice(addressOrDomain.lastIndexOf("@") + 1)
    .replace(/^\./, "")
    .toLowerCase();
}

function inDomain(domain: string, parent: string): boolean {
  const expected = parent.toLowerCase();
  return domain === expected || domain.endsWith(`.${expected}`);
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
