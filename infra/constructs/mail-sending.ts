// Outbound mail: the verified domain Heed sends from and the configuration set every message goes
// through (the place to hang bounce/complaint tracking later). A sender is granted exactly these
// two resources, nothing account-wide.
import { Stack } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { ConfigurationSet, EmailIdentity, Identity } from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";
import type { HeedFunction } from "./heed-function";

export interface MailSendingProps {
  readonly mailDomain: string;
}

export class MailSending extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);

    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet");
    this.identity = new EmailIdentity(this, "DomainIdentity", {
      identity: Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
    });
  }

  /** Lets the function send through the domain identity and hands it the configuration set's name. */
  bindSender(fn: HeedFunction): void {
    const configurationSetArn = Stack.of(this).formatArn({
      service: "ses",
      resource: "configuration-set",
      resourceName: this.configurationSet.configurationSetName,
    });
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: [this.identity.emailIdentityArn, configurationSetArn],
      }),
    );
    fn.addEnvironment("SES_CONFIGURATION_SET", this.configurationSet.configurationSetName);
  }
}
