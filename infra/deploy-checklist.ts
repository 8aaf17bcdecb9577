// The first-deploy checklist `npm run deploy:check` prints once the synth checks pass: what to check in
// the account, the deploy command, the DNS records, the SES steps and what to verify afterwards, all
// worked out from the deployment's own settings, with no AWS call (values only AWS knows are named as
// the command or stack output that gives them).
import type { HeedDeployment } from "./heed-stack";

export interface ChecklistOptions {
  readonly deployment: HeedDeployment;
  /** The region to deploy to, or undefined when neither `--region` nor AWS_REGION says. */
  readonly region?: string;
  /** The `-c key=value` arguments given, repeated in the deploy command. */
  readonly contextArguments: readonly string[];
}

export interface ChecklistSection {
  readonly title: string;
  readonly steps: readonly string[];
}

/** Lambda keeps this much account concurrency unreserved; Heed reserves one each for two jobs. */
const UNRESERVED_MINIMUM = 100;
const RESERVED_BY_HEED = 2;

/** A shell word: quoted when it holds anything beyond plain address and key characters. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

export function firstDeployChecklist(options: ChecklistOptions): ChecklistSection[] {
  const { deployment, contextArguments } = options;
  const region = options.region ?? "<region>";
  const intakeDomain = domainOf(deployment.intakeAddress);
  const mailDomain = deployment.mailDomain.toLowerCase();
  const contextFlags = contextArguments.map((argument) => `-c ${shellWord(argument)}`).join(" ");
  const deployCommand = ["npx cdk deploy", `-c heed:stage=${deployment.stage}`, contextFlags]
    .filter(Boolean)
    .join(" ");
  return [
    {
      title: "Before deploying (in the account, once)",
      steps: [
        `SES receives email in ${region}: pick a region where SES email receiving is offered (e.g. eu-west-1, us-east-1, us-west-2).`,
        `CDK is bootstrapped: npx cdk bootstrap aws://<account>/${region}`,
        `Lambda concurrency: aws lambda get-account-settings --query AccountLimit.ConcurrentExecutions must be at least ${UNRESERVED_MINIMUM + RESERVED_BY_HEED} (Heed reserves ${RESERVED_BY_HEED}, Lambda keeps ${UNRESERVED_MINIMUM} unreserved); new accounts often start lower: ask Service Quotas first.`,
        deployment.reuseMailIdentity
          ? `SES identity: heed:reuseMailIdentity is set, so ${mailDomain} must already be an identity: aws sesv2 get-email-identity --email-identity ${mailDomain}`
          : `SES identity: aws sesv2 get-email-identity --email-identity ${mailDomain} must answer NotFoundException; if the domain is already an identity, deploy with -c heed:reuseMailIdentity=true instead of creating it again.`,
        "Receipt rule sets: aws ses describe-active-receipt-rule-set shows the region's one active set; if another is active, Heed's set replaces it when activated (step under SES), so move its rules first.",
      ],
    },
    {
      title: "Deploy",
      steps: [deployCommand],
    },
    {
      title: `DNS records (at the DNS provider for ${mailDomain})`,
      steps: [
        `${intakeDomain} MX 10 inbound-smtp.${region}.amazonaws.com — only on a domain kept for Heed (such as complaints.<your domain>): an MX on the organisation's main domain takes over all of its mail.`,
        `DKIM: three CNAME records <token>._domainkey.${mailDomain} -> <token>.dkim.amazonses.com, tokens from: aws sesv2 get-email-identity --email-identity ${mailDomain} --query DkimAttributes.Tokens`,
        `DMARC: _dmarc.${mailDomain} TXT "v=DMARC1; p=none; rua=mailto:postmaster@${mailDomain}" (tighten p= once reports are clean).`,
      ],
    },
    {
      title: "SES",
      steps: [
        "Activate the receipt rule set (stack output ReceiptRuleSetName): aws ses set-active-receipt-rule-set --rule-set-name <ReceiptRuleSetName>",
        `Until the account has SES production access it may send only to verified addresses, and acknowledgements to anyone else end on the case as "SES sandbox: recipient not verified". Verify a test address (aws sesv2 create-email-identity --email-identity <your address>) or ask for production access (aws sesv2 put-account-details --production-access-enabled …, see README, Deploy).`,
        deployment.alarmEmail
          ? `Confirm the subscription email sent to ${deployment.alarmEmail}, or no alarm reaches anyone.`
          : "No heed:alarmEmail: subscribe someone to the alarm topic (stack output AlarmTopicArn).",
      ],
    },
    {
      title: "Verify",
      steps: [
        `Send an ordinary email and a large one (about 30 MB) to ${deployment.intakeAddress}; each has an intake ledger entry: GET /api/intake?messageId=<Message-ID> on StaffApiUrl.`,
        "The acknowledgement reaches a verified test address, and the case timeline shows it sent.",
        "The mail-events dead-letter queue is empty: the message SES publishes when it validates the topic is dropped, not parked.",
        "Open WebFormUrl and send the form once.",
      ],
    },
    {
      title: "Removing the stack later",
      steps: [
        "SES refuses to delete an active rule set: first aws ses set-active-receipt-rule-set (with no name), then npx cdk destroy.",
        deployment.stage === "prod"
          ? "A prod stack keeps the case table, raw mail, user pool and data key: delete them by hand only when retention allows."
          : "A dev stack deletes its case table, raw mail and data key with it.",
      ],
    },
  ];
}

/** The checklist as numbered plain text. */
export function renderChecklist(title: string, sections: readonly ChecklistSection[]): string {
  let number = 0;
  const lines = [title, ""];
  for (const section of sections) {
    lines.push(section.title);
    for (const step of section.steps) lines.push(`  ${++number}. ${step}`);
    lines.push("");
  }
  return lines.join("\n");
}
