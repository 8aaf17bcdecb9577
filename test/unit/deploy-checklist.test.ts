// The first-deploy checklist is worked out from the deployment's own settings: the MX record goes on the
// intake address's domain and points at the region's SES endpoint, the deploy command repeats the
// context it was given (quoted for the shell), and reusing an existing SES identity changes the advice.
import { describe, expect, it } from "vitest";
import { firstDeployChecklist, renderChecklist } from "../../infra/deploy-checklist";

const deployment = {
  stage: "prod",
  intakeAddress: "help@complaints.acme-kettles.co.uk",
  mailDomain: "complaints.acme-kettles.co.uk",
  organisationName: "Acme Kettles Ltd",
  alarmEmail: "operations@acme-kettles.co.uk",
} as const;

function checklist(overrides: Partial<Parameters<typeof firstDeployChecklist>[0]> = {}): string {
  return renderChecklist(
    "Heed first deploy",
    firstDeployChecklist({
      deployment,
      region: "eu-west-2",
      contextArguments: [
        "heed:organisationName=Acme Kettles Ltd",
        "heed:mailDomain=complaints.acme-kettles.co.uk",
      ],
      ...overrides,
    }),
  );
}

describe("firstDeployChecklist", () => {
  it("names the MX record for the intake domain, pointing at the region's SES inbound endpoint", () => {
    expect(checklist()).toContain("complaints.acme-kettles.co.uk MX 10 inbound-smtp.eu-west-2.amazonaws.com");
  });

  it("repeats the given context in the deploy command, quoting what the shell would split", () => {
    expect(checklist()).toContain(
      "npx cdk deploy -c heed:stage=prod -c 'heed:organisationName=Acme Kettles Ltd' -c heed:mailDomain=complaints.acme-kettles.co.uk",
    );
  });

  it("tells how to find the DKIM tokens, deactivate the rule set before destroy and confirm the alarm email", () => {
    const text = checklist();

    expect(text).toContain(
      "aws sesv2 get-email-identity --email-identity complaints.acme-kettles.co.uk --query DkimAttributes.Tokens",
    );
    expect(text).toContain("aws ses set-active-receipt-rule-set (with no name), then npx cdk destroy");
    expect(text).toContain("operations@acme-kettles.co.uk");
    expect(text).toContain('"SES sandbox: recipient not verified"');
  });

  it("advises reusing an existing identity only when heed:reuseMailIdentity is not already set", () => {
    expect(checklist()).toContain("-c heed:reuseMailIdentity=true");
    expect(checklist({ deployment: { ...deployment, reuseMailIdentity: true } })).toContain(
      "heed:reuseMailIdentity is set, so complaints.acme-kettles.co.uk must already be an identity",
    );
  });

  it("numbers the steps once across sections and leaves the region to fill in when none was given", () => {
    const text = checklist({ region: undefined });

    expect(text).toContain("inbound-smtp.<region>.amazonaws.com");
    const numbers = [...text.matchAll(/^ {2}(\d+)\. /gm)].map((match) => Number(match[1]));
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
  });
});
