// `npm run deploy:check -- --stage prod [-c key=value …] [--region eu-west-2]`: synthesizes the stack
// offline with every synth check (Heed's, cdk-nag's AWS Solutions pack, CloudFormation's own), then
// prints the first-deploy checklist. It makes no AWS call, so it runs before there is an account.
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { firstDeployChecklist, renderChecklist } from "./deploy-checklist";
import { buildHeedApp } from "./heed-app";

export class DeployCheckUsageError extends Error {
  override name = "DeployCheckUsageError";
}

export interface DeployCheckArguments {
  readonly stage: string;
  readonly region?: string;
  /** `key=value` pairs, as `cdk -c` takes them. */
  readonly context: readonly string[];
}

export function parseDeployCheckArguments(argv: readonly string[]): DeployCheckArguments {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      stage: { type: "string" },
      region: { type: "string" },
      context: { type: "string", short: "c", multiple: true },
    },
    strict: true,
  });
  if (!values.stage) throw new DeployCheckUsageError("say which stage: --stage dev or --stage prod");
  const context = values.context ?? [];
  const malformed = context.find((pair) => !/^[^=]+=/.test(pair));
  if (malformed) throw new DeployCheckUsageError(`-c takes key=value, got ${JSON.stringify(malformed)}`);
  return {
    stage: values.stage,
    region: values.region ?? process.env.AWS_REGION ?? process.env.CDK_DEFAULT_REGION,
    context,
  };
}

/** Runs the synth checks and returns the checklist; a failed check throws CDK's ValidationFailed. */
export function deployCheck(args: DeployCheckArguments): string {
  const context: Record<string, unknown> = { "heed:stage": args.stage };
  for (const pair of args.context) {
    const separator = pair.indexOf("=");
    context[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  // No bundling: the checks read the template, and bundling is proven by the infrastructure tests.
  const { app, stack } = buildHeedApp({ ...context, "aws:cdk:bundling-stacks": [] });
  rmSync(app.synth().directory, { recursive: true, force: true });
  const sections = firstDeployChecklist({
    deployment: stack.deployment,
    region: args.region,
    contextArguments: args.context,
  });
  return renderChecklist(
    `Heed first deploy: stage ${args.stage}, region ${args.region ?? "<region>"} — synth checks passed (Heed, cdk-nag AWS Solutions, CloudFormation).`,
    sections,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(deployCheck(parseDeployCheckArguments(process.argv.slice(2))));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nNot ready to deploy: ${message}`);
    process.exitCode = 1;
  }
}
