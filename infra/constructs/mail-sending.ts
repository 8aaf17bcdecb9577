// Outbound mail: the verified domain Heed sends from and the configuration set every message goes
// through (bounces and complaints are published from it). A sender is granted exactly these two
// resources, nothing account-wide. A domain SES already has as an identity in the account (verified
// before Heed, or by another stack) is used as it is, since creating it a second time fails.
import { Stack } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { ConfigurationSet, EmailIdentity, Identity, type IEmailIdentity } from "aws-cdk-lib/aws-ses";
import { Construct } from "constructs";
import type { HeedFunction } from "./heed-function";

export interface MailSendingProps {
  readonly mailDomain: string;
  /**
   * Use the account's existing SES identity for the mail domain instead of creating one (context
   * `heed:reuseMailIdentity`). Every send names the configuration set, so its events still arrive.
   * @default false
   */
  readonly reuseIdentity?: boolean;
}

export class MailSending extends Construct {
  readonly identity: IEmailIdentity;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);

    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet");
    this.identity = props.reuseIdentity
      ? EmailIdentity.fromEmailIdentityName(this, "DomainIdentity", props.mailDomain)
      : new EmailIdentity(this, "DomainIdentity", {
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
