// `npm run deploy:check` runs the synth checks before it prints anything: a prod stage left with
// cdk.json's example settings is refused with the check that failed, and one with its own settings
// gets the checklist. It synthesizes offline; no AWS client is made.
import { describe, expect, it } from "vitest";
import { DeployCheckUsageError, deployCheck, parseDeployCheckArguments } from "../../infra/deploy-check";

describe("deploy:check", () => {
  it("refuses a prod stage that keeps the example domains and organisation name", () => {
    expect(() => deployCheck(parseDeployCheckArguments(["--stage", "prod"]))).toThrow(
      /ProductionExampleDomains/,
    );
  });

  it("prints the checklist for a prod stage with its own settings", () => {
    const text = deployCheck(
      parseDeployCheckArguments([
        "--stage",
        "prod",
        "--region",
        "eu-west-1",
        "-c",
        "heed:intakeAddress=help@complaints.acme-kettles.co.uk",
        "-c",
        "heed:mailDomain=complaints.acme-kettles.co.uk",
        "-c",
        "heed:organisationName=Acme Kettles Ltd",
      ]),
    );

    expect(text).toContain("synth checks passed");
    expect(text).toContain("complaints.acme-kettles.co.uk MX 10 inbound-smtp.eu-west-1.amazonaws.com");
  });

  it("asks for a stage and for key=value context", () => {
    expect(() => parseDeployCheckArguments([])).toThrow(DeployCheckUsageError);
    expect(() => parseDeployCheckArguments(["--stage", "prod", "-c", "heed:stage"])).toThrow(
      DeployCheckUsageError,
    );
  });
});
