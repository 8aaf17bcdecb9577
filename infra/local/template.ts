// Synthesizes the Heed stack in-process, exactly as `cdk synth` would but without bundling, so the
// sandbox creates the resources the deployment defines and never keeps a list of its own.
import { realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname } from "node:path";
import type { CloudFormationTemplate } from "./resource-plan";

export interface SynthesizedStack {
  stackName: string;
  template: CloudFormationTemplate;
}

/**
 * @param context CDK context applied over cdk.json, e.g. `{ "heed:intakeAddress": "..." }`.
 */
export async function synthesizeHeedStack(context: Record<string, unknown> = {}): Promise<SynthesizedStack> {
  // Imported on demand: loading aws-cdk-lib takes a second that tests with a fixed template skip.
  const { buildHeedApp } = await import("../heed-app");
  // The checks (cdk-nag, CloudFormation validation) run in `npm run synth` and the infra tests;
  // the sandbox only needs the resources, so it skips them and starts seconds sooner.
  const { app, stack } = buildHeedApp(
    { ...context, "aws:cdk:bundling-stacks": [] },
    { awsSolutionsChecks: false, cloudFormationValidation: false },
  );
  const assembly = app.synth();
  try {
    return {
      stackName: stack.stackName,
      template: assembly.getStackByName(stack.stackName).template as CloudFormationTemplate,
    };
  } finally {
    // Without an outdir the app synthesizes into a fresh temporary cdk.out*; never touch a real one.
    const directory = assembly.directory;
    if (dirname(directory) === realpathSync(tmpdir()) && basename(directory).startsWith("cdk.out")) {
      rmSync(directory, { recursive: true, force: true });
    }
  }
}
