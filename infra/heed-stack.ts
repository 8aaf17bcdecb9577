// The whole of Heed in one stack, wired from one construct per concern. This file is the map:
// which function reads which resource is decided here, through the constructs' bind methods.
// Monitoring comes last because it watches every function, queue, API and table created before it.
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { CaseStore } from "./constructs/case-store";
import { DataProtection } from "./constructs/data-protection";
import { InboundEmail } from "./constructs/inbound-email";
import { MailSending } from "./constructs/mail-sending";
import { Monitoring } from "./constructs/monitoring";
import { ReferralQueues } from "./constructs/referral-queues";
import { StaffApi } from "./constructs/staff-api";
import { type Stage, stageSettings } from "./constructs/stage-settings";
import { WebForm } from "./constructs/web-form";

export interface HeedStackProps extends StackProps {
  readonly stage: Stage;
  /** The address customers write to, e.g. `complaints@example.com`. */
  readonly intakeAddress: string;
  /** The domain Heed sends from; the intake address should belong to it. */
  readonly mailDomain: string;
  readonly organisationName: string;
  /** Where alarm notifications are emailed; without it, subscribe to the alarm topic yourself. */
  readonly alarmEmail?: string;
}

export class HeedStack extends Stack {
  readonly dataProtection: DataProtection;
  readonly caseStore: CaseStore;
  readonly referralQueues: ReferralQueues;
  readonly mailSending: MailSending;
  readonly inboundEmail: InboundEmail;
  readonly staffApi: StaffApi;
  readonly webForm: WebForm;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: HeedStackProps) {
    super(scope, id, props);
    const settings = stageSettings(props.stage);

    this.dataProtection = new DataProtection(this, "DataProtection", { settings });
    const { dataKey, accessLogBucket } = this.dataProtection;

    this.caseStore = new CaseStore(this, "CaseStore", { settings, encryptionKey: dataKey });
    this.referralQueues = new ReferralQueues(this, "ReferralQueues", { encryptionKey: dataKey });
    this.mailSending = new MailSending(this, "MailSending", { mailDomain: props.mailDomain });

    this.inboundEmail = new InboundEmail(this, "InboundEmail", {
      settings,
      intakeAddress: props.intakeAddress,
      organisationName: props.organisationName,
      caseTable: this.caseStore.table,
      dataKey,
      accessLogBucket,
    });
    this.referralQueues.bindSender(this.inboundEmail.intakeFunction);
    this.mailSending.bindSender(this.inboundEmail.intakeFunction);

    this.staffApi = new StaffApi(this, "StaffApi", {
      settings,
      caseTable: this.caseStore.table,
      intakeQueue: this.inboundEmail.intakeQueue.queue,
    });

    this.webForm = new WebForm(this, "WebForm", {
      settings,
      httpApi: this.staffApi.httpApi,
      caseTable: this.caseStore.table,
      intakeAddress: props.intakeAddress,
      organisationName: props.organisationName,
    });
    this.referralQueues.bindSender(this.webForm.formFunction);
    this.mailSending.bindSender(this.webForm.formFunction);

    this.monitoring = new Monitoring(this, "Monitoring", { settings, alarmEmail: props.alarmEmail });

    new CfnOutput(this, "ReceiptRuleSetName", {
      value: this.inboundEmail.receiptRuleSet.receiptRuleSetName,
      description: "Activate once: aws ses set-active-receipt-rule-set --rule-set-name <value>",
    });
    new CfnOutput(this, "StaffApiUrl", { value: this.staffApi.stage.url });
    new CfnOutput(this, "WebFormUrl", { value: this.staffApi.stage.url });
    new CfnOutput(this, "StaffUserPoolId", { value: this.staffApi.userPool.userPoolId });
    new CfnOutput(this, "StaffUserPoolClientId", { value: this.staffApi.userPoolClient.userPoolClientId });
    new CfnOutput(this, "AlarmTopicArn", {
      value: this.monitoring.alarmTopic.topicArn,
      description: "Subscribe operators: aws sns subscribe --topic-arn <value> --protocol email ...",
    });
    new CfnOutput(this, "DashboardName", { value: this.monitoring.dashboard.dashboardName });
  }
}
