// The whole of Heed in one stack, wired from one construct per concern. This file is the map:
// which function reads which resource is decided here, through the constructs' bind methods.
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { CaseStore } from "./constructs/case-store";
import { InboundEmail } from "./constructs/inbound-email";
import { MailSending } from "./constructs/mail-sending";
import { ReferralQueues } from "./constructs/referral-queues";
import { StaffApi } from "./constructs/staff-api";
import { type Stage, stageSettings } from "./constructs/stage-settings";

export interface HeedStackProps extends StackProps {
  readonly stage: Stage;
  /** The address customers write to, e.g. `complaints@example.com`. */
  readonly intakeAddress: string;
  /** The domain Heed sends from; the intake address should belong to it. */
  readonly mailDomain: string;
  readonly organisationName: string;
}

export class HeedStack extends Stack {
  readonly caseStore: CaseStore;
  readonly referralQueues: ReferralQueues;
  readonly mailSending: MailSending;
  readonly inboundEmail: InboundEmail;
  readonly staffApi: StaffApi;

  constructor(scope: Construct, id: string, props: HeedStackProps) {
    super(scope, id, props);
    const settings = stageSettings(props.stage);

    this.caseStore = new CaseStore(this, "CaseStore", { settings });
    this.referralQueues = new ReferralQueues(this, "ReferralQueues");
    this.mailSending = new MailSending(this, "MailSending", { mailDomain: props.mailDomain });

    this.inboundEmail = new InboundEmail(this, "InboundEmail", {
      settings,
      intakeAddress: props.intakeAddress,
      organisationName: props.organisationName,
      caseTable: this.caseStore.table,
    });
    this.referralQueues.bindSender(this.inboundEmail.intakeFunction);
    this.mailSending.bindSender(this.inboundEmail.intakeFunction);

    this.staffApi = new StaffApi(this, "StaffApi", { settings, caseTable: this.caseStore.table });

    new CfnOutput(this, "ReceiptRuleSetName", {
      value: this.inboundEmail.receiptRuleSet.receiptRuleSetName,
      description: "Activate once: aws ses set-active-receipt-rule-set --rule-set-name <value>",
    });
    new CfnOutput(this, "StaffApiUrl", { value: this.staffApi.stage.url });
    new CfnOutput(this, "StaffUserPoolId", { value: this.staffApi.userPool.userPoolId });
    new CfnOutput(this, "StaffUserPoolClientId", { value: this.staffApi.userPoolClient.userPoolClientId });
  }
}
